/**
 * Invitation requests as coordinators type them (issue 14, fifth round): an end time said apart from the
 * start ("slut ca 15"), the place said in passing ("vi håller till i …", a room alone, a building after a
 * comma), and the group a meeting is with after its topic ("möte om X med företagare i Lund").
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { parseInviteRequest } from '../../src/invite/parse.js';
import { wordTimes } from '../../src/invite/dates.js';

const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });
const draft = (r: string) => inviter.draft(r, { today: '2026-10-01' });
const parse = (r: string) => parseInviteRequest(r, '2026-10-01');

describe('an end time said apart from the start', () => {
  it('reads "start kl 9, slut ca 15" and shows the end as approximate', async () => {
    const r = await draft('Bjud in sociala företag i Malmö till en workshop om återbruk den 12 november, start kl 9, slut ca 15, i Stadshuset');
    expect(r.fields.start).toBe('09:00');
    expect(r.fields.end).toBe('15:00');
    expect(r.text).toContain('kl. 09.00–ca 15.00');
    expect(r.ics).toContain('DTEND;TZID=Europe/Stockholm:20261112T150000');
  });
  it('reads "vi räknar med att vara klara 11.30" and "avslutas 9" as exact ends', () => {
    expect(parse('Genomgång för kollegorna tisdag 10 nov kl 10, vi räknar med att vara klara 11.30').end).toBe('11:30');
    const p = parse('Frukostmöte 5 november kl 7.30, avslutas 9');
    expect(p.end).toBe('09:00');
    expect(p.endApprox).toBeUndefined();
  });
  it('reads an English "until about 3 pm"', async () => {
    const r = await draft('Invite social enterprises in Malmö to a meeting on 12 November from 1 pm until about 3 pm at Malmö Live');
    expect(r.fields.end).toBe('15:00');
    expect(r.text).toMatch(/1 pm–about 3 pm/);
  });
  it('does not take a number of people after "till" for an end', () => {
    expect(parse('Dialogmöte 12 november kl 18 för 40 personer, till 15 personer i varje grupp').end).toBeNull();
  });
});

describe('the place said in passing', () => {
  it.each([
    ['Bjud in sociala företag i Lund till en workshop om catering 19 november 9-12, vi håller till i Stadshallen', 'Stadshallen'],
    ['Genomgång av städavtalet för kollegorna tisdag 10 nov kl 10, rum Hamnen', 'rum Hamnen'],
    ['Frukostmöte för företagare i Mölndal den 3 december kl 8, Mölndals stadshus', 'Mölndals stadshus'],
    ['Nätverksträff för sociala företag onsdag 18 november, start 13.00, slut 16.00, Väven plan 3', 'Väven plan 3'],
  ])('%s → %s', (request, place) => {
    expect(parse(request).place).toBe(place);
  });
});

describe('the group a meeting is with, after its topic', () => {
  it('is the audience, and not part of the topic', async () => {
    const r = await draft('Dialogmöte om återbruk med företagare i Lund torsdagen den 12 nov kl 18 på Mejeriet');
    expect(r.audience).toBe('företagare i Lund');
    expect(r.text).toContain('Vi vill prata med er om återbruk.');
    expect(r.text).not.toContain('återbruk med företagare');
  });
  it('ends before a relative date word', () => {
    expect(parse('Inbjudan till frukostmöte för lokala företagare i Mölndal i övermorgon kl 8').audienceLabel).toBe('lokala företagare i Mölndal');
  });
});

describe('times in words', () => {
  it('reads "klockan tre" as 15:00 in the parser and the fact checker alike', async () => {
    expect(parse('Inbjudan till företagare i Malmö, onsdag 18 november klockan tre på Malmö Live').start).toBe('15:00');
    expect(wordTimes('klockan tre')).toBe('kl 15:00');
  });
  it('reads English "half past seven", "quarter to nine" and "ten o\'clock"', () => {
    expect(parse('Invite local employers to a breakfast on 19 November at half past seven at Malmö Live').start).toBe('07:30');
    expect(wordTimes('at quarter to nine')).toBe('kl 08:45');
    expect(wordTimes("at ten o'clock")).toBe('kl 10:00');
  });
});

describe('places beside other places', () => {
  it('prefers a street address to the town after it, but keeps a venue named with its street whole', () => {
    expect(parse('Vi vill bjuda in sociala företag till vår lokal på Storgatan 3 i Ängelholm den 17 november kl 10').place).toBe('vår lokal på Storgatan 3 i Ängelholm');
    expect(parse('Dialog för föreningar i Karlstad den 10 november kl 18 på Folkets hus, Drottninggatan 5').place).toBe('Folkets hus, Drottninggatan 5');
  });
  it('reads a lower-case hall after the time', () => {
    expect(parse('Workshop för kollegor fredag 13 november kl 9–11, lilla sessionssalen').place).toBe('lilla sessionssalen');
    expect(parse('Invite colleagues to a lunch seminar on Wednesday 18 November 12–1 pm in the staff canteen').place).toBe('the staff canteen');
  });
});

describe('a group the meeting is with, said apart from the meeting word', () => {
  it('is the audience when nothing else names one', () => {
    expect(parse('Möte nästa månad, den 12:e kl 10, med sociala företag i Lund').audienceLabel).toBe('sociala företag i Lund');
    expect(parse('Meeting next Thursday at 10 with the social enterprises in Lund').audienceLabel).toBe('the social enterprises in Lund');
  });
  it('is not the partner of a cooperation the meeting is about', () => {
    expect(parse('Möte 5 november kl 10 om samarbete med sociala företag').audienceLabel).toBeNull();
  });
});

describe('deciding to hold the meeting is not a decided matter', () => {
  it('keeps the open-ended method when the decision is to invite or to hold a dialogue', async () => {
    for (const req of [
      'Vi har bestämt att bjuda in sociala företag i Lund till ett möte om catering den 12 november kl 10 i Stadshuset',
      'Nämnden har beslutat att vi ska ordna en dialog med föreningar i Malmö om lokalvård, 3 december kl 13 på Rådhuset',
    ]) {
      expect((await draft(req)).text).toMatch(/färdig lösning|inget är bestämt/i);
    }
  });
  it('leaves it out when what the meeting is about has been decided', async () => {
    const r = await draft('Nämnden har beslutat att lokalvården ska upphandlas som reserverat kontrakt. Möte med sociala företag 3 december kl 10 i Rådhuset');
    expect(r.text).not.toMatch(/inget är bestämt/i);
  });
});

describe('the audience of a mail, an invitation that goes out, or "Inbjudan:"', () => {
  it.each([
    ['Kan du skriva ett mejl till ungdomsföreningarna i Lund om ett möte 12 november kl 18 på Ungdomens hus', 'ungdomsföreningarna i Lund'],
    ['Vi behöver en inbjudan som går ut till näringslivet i Höganäs: frukostmöte 3 december kl 7.30 på Höganäs stadshus', 'näringslivet i Höganäs'],
    ['Inbjudan: sociala företag och ideella föreningar i Ronneby, träff 17 november kl 18 i Kulturcentrum', 'sociala företag och ideella föreningar i Ronneby'],
  ])('%s → %s', (request, audience) => {
    expect(parse(request).audienceLabel).toBe(audience);
  });
});
