/**
 * Kinds from the tune part of invite-fresh-2 (issue 14, sixth round): one person named with a role and a first
 * name, or with the name after a comma, or by a first name at a workplace with "henne/honom" in the request, is
 * addressed with "du"; the organisation's own staff named in the audience ("kollega", "kökschefer") are colleagues
 * even when the topic names social enterprises; benefits are not promised ("kan vara med tidigt"), and a question
 * promises nothing (rubric).
 */
import { describe, expect, it } from 'vitest';
import { checkInvite, promises } from '../../evals/invite.js';
import { createInviter } from '../../src/invite/index.js';
import { isOnePerson, parseInviteRequest } from '../../src/invite/parse.js';

const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });
const parse = (r: string) => parseInviteRequest(r, '2026-10-01');

describe('one person', () => {
  it.each([
    ['vår nya kollega Johan på miljöförvaltningen', 'vill att han är med på vårt nätverksmöte'],
    ['ordföranden i Hyresgästföreningen Kroksbäck, Ahmed Yusuf', 'Vi vill träffa honom innan boendemötet'],
    ['Pernilla på Bärlinans Flytt & Återbruk', 'Vill bjuda henne på lunch'],
  ])('%s', (label, request) => {
    expect(isOnePerson(label, request)).toBe(true);
  });
  it('a group is not one person', () => {
    expect(isOnePerson('sociala företag i Lund', 'Bjud in sociala företag i Lund')).toBe(false);
    expect(isOnePerson('Coompanion Skåne', 'Bjud in Coompanion Skåne till ett möte')).toBe(false);
  });
  it('the draft to a colleague named by role and first name says du', async () => {
    const r = await inviter.draft('Behöver en inbjudan till vår nya kollega Johan på miljöförvaltningen – vill att han är med på vårt nätverksmöte om sociala företag. Måndag 16 nov kl 10-11 i rum Ekoxen.', { today: '2026-10-01' });
    expect(r.text).not.toMatch(/(?<![\p{L}])(ni|er|era)(?![\p{L}])/u);
    expect(r.text).toMatch(/\bdig\b|\bdu\b/);
  });
});

describe('the organisation’s own staff', () => {
  it.each([
    ['Vi behöver bjuda in skolornas kökschefer i Karlskrona till en träff om att köpa mer lunch från sociala företag. 18/1 kl 13:00-14:30, Rådhuset.'],
    ['Bjud in vår nya kollega Johan på miljöförvaltningen till vårt nätverksmöte om sociala företag den 16 november kl 10.'],
  ])('%s', (request) => {
    expect(parse(request).audiences).toEqual(['internal']);
  });
});

describe('no promise the request does not support', () => {
  it('a business audience can take part early; it is not promised', async () => {
    const r = await inviter.draft('Skriv en inbjudan till företagare i Tierp till ett möte om byggstäd via sociala företag. Tisdag 3 december kl 7.30 i Tierps kommunhus.', { today: '2026-10-01' });
    expect(r.text).toContain('kan vara med tidigt');
    expect(r.text).not.toContain('får vara med tidigt');
  });
  it('a question commits to nothing (rubric)', () => {
    expect(promises('Vad får ni ut av det?', 'att de får nya leverantörer')).toBe(false);
    expect(promises('Ni får nya leverantörer.', 'att de får nya leverantörer')).toBe(true);
  });
  it('the promising verb is not what is promised (rubric): "Ni får berätta …" promises no grant', () => {
    expect(promises('Ni får berätta om er verksamhet.', 'att föreningarna får bidrag eller ersättning')).toBe(false);
    expect(promises('Ni får bidrag för att delta.', 'att föreningarna får bidrag eller ersättning')).toBe(true);
    // a key word starts a word: "sätt" is not in "förutsättningar"
    expect(promises('Ni får berätta vilka förutsättningar ni har.', 'att upphandlingen delas upp på ett visst sätt')).toBe(false);
  });
});

describe('the audience completed and the agenda asked for in other words', () => {
  it('a list the label opens ("A, B och C på Norra Fäladen")', () => {
    expect(parse('Inbjudan till bostadsbolaget, fastighetsägarna och hyresgästföreningen på Norra Fäladen i Lund: vi vill samskapa en plan för utemiljön. Torsdag 6 maj kl 14-16.30.').audienceLabel).toBe(
      'bostadsbolaget, fastighetsägarna och hyresgästföreningen på Norra Fäladen i Lund',
    );
  });
  it('the name after a role; a pronoun is no audience; the greeting uses the name', async () => {
    const request = 'Skriv en inbjudan till ordföranden i Hyresgästföreningen Kroksbäck, Ahmed Yusuf. Vi vill träffa honom innan det stora boendemötet för att höra vad han tror är viktigast.';
    const r = await inviter.draft(request, { today: '2026-10-01' });
    expect(r.audience).toBe('ordföranden i Hyresgästföreningen Kroksbäck, Ahmed Yusuf');
    expect(r.text).toMatch(/^Hej Ahmed Yusuf!/m);
    expect(r.text).toMatch(/bjuda in dig/);
  });
  it('"Agenda önskas" asks for an agenda; "ingen agenda behövs" does not', () => {
    expect(parse('Möte med sociala företag i Sölvesborg måndag 15 mars kl 9-12 i kommunhuset. Agenda önskas.').agendaRequested).toBe(true);
    expect(parse('Möte med sociala företag i Sölvesborg måndag 15 mars kl 9-12 i kommunhuset. Ingen agenda behövs.').agendaRequested).toBe(false);
  });
});

describe('more everyday audiences', () => {
  it('a first name at a named workplace is one person ("Lena på Kvarnbackens kök")', () => {
    expect(isOnePerson('Lena på Kvarnbackens kök', 'Jag vill bjuda in Lena på Kvarnbackens kök till ett möte')).toBe(true);
    expect(isOnePerson('föreningar på Söder', 'Bjud in föreningar på Söder')).toBe(false);
  });
  it('the group after a webinar or a lecture is the audience', () => {
    expect(parse('Skriv en inbjudan till ett webbinarium för sociala företag i hela Skåne om reserverade upphandlingar, 2 december kl 9–10 via Teams').audienceLabel).toBe('sociala företag i hela Skåne');
  });
});

describe('the rubric reads relative dates in Swedish words', () => {
  it('"om två veckor" is relative: the date it gives, noted, is no invented date', async () => {
    const request = 'Inbjudan till alla som bor i Kvarnby. Vi ses om två veckor, torsdag kl 17-19, i skolans matsal.';
    const r = await createInviter().draft(request, { today: '2026-10-01' });
    expect(r.fields.date).toBe('2026-10-15');
    const item = checkInvite({ id: 'x', request, today: '2026-10-01' }, r).find((i) => i.item === 'no-invented-date')!;
    expect(item.pass).toBe(true);
  });
});

describe('the rubric knows 29 February only in a leap year', () => {
  it('"29 februari 2027" does not exist: the draft leaves the date empty, and the rubric does not ask for it', async () => {
    const request = 'Inbjudan till branschrådet – workshop 29 februari 2027 kl 9–12 i Regionens hus.';
    const r = await createInviter().draft(request, { today: '2026-10-01' });
    expect(r.fields.date).toBeNull();
    expect(checkInvite({ id: 'x', request, today: '2026-10-01' }, r).find((i) => i.item === 'given-dates-present')!.pass).toBe(true);
  });
});
