/**
 * Kinds from a newcomer's trial on 2026-12-02 (second round, session 12), in wording of our own: a limit on the
 * text is no limit on places, date words and links are no part of the topic, a date the request calls
 * preliminary is given as such, what the request says happens after the meeting is said, and "på fredag 9-12"
 * is a Friday at nine.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { parseInviteRequest } from '../../src/invite/parse.js';

const TODAY = '2026-10-01';
const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });
const parse = (t: string) => parseInviteRequest(t, TODAY);

describe('a limit on the text is not a limit on places', () => {
  it('"Max 5 meningar", "högst 200 ord" set no capacity; "max 20 deltagare" does', () => {
    expect(parse('Inbjudan till föreningar i Lund 12 november kl 10 i rådhuset om lokaler. Max 5 meningar.').capacity).toBeNull();
    expect(parse('Inbjudan till föreningar i Lund 12 november kl 10 i rådhuset om lokaler, högst 200 ord.').capacity).toBeNull();
    expect(parse('Inbjudan till föreningar i Lund 12 november kl 10 i rådhuset om lokaler. Max 20 deltagare.').capacity).toBe(20);
  });
});

describe('date words and links are not the topic', () => {
  it.each([
    ['Inbjudan till boende i Norr om belysning i parken, onsdag v. 45 kl 18 i Norrgården.', 'belysning i parken'],
    ['Inbjudan till unga i Ystad om sommarjobb, tis 13/10 kl 17 på Ungdomens hus.', 'sommarjobb'],
    ['Inbjudan till sociala företag om städupphandlingen, länk: https://teams.example.com/m/1, torsdag 15 oktober kl 10.', 'städupphandlingen'],
    ['Inbjudan till föreningslivet i Ystad om sommarlovet, plats: Ystads rådhus, torsdag 15 oktober kl 18.', 'sommarlovet'],
  ])('%s', (request, topic) => {
    expect(parse(request).topic).toBe(topic);
  });
  it('a short weekday is a weekday, and a word that begins like one is not ("fritidsbanken")', () => {
    expect(parse('Inbjudan till unga i Ystad om sommarjobb, tis 13/10 kl 17.').date?.iso).toBe('2026-10-13');
    expect(parse('Bjud in föreningar till ett möte om fritidsbanken den 20 oktober kl 10.').topic).toBe('fritidsbanken');
  });
});

describe('a preliminary date', () => {
  it('is said to be preliminary in the text, the note and the calendar event', async () => {
    const r = await inviter.draft('Inbjudan till företagare i Sjöbo, preliminärt torsdag 12 november kl 8-9 i kommunhuset om rekrytering (datumet är inte spikat än).', { today: TODAY });
    expect(r.text).toMatch(/12 november \(preliminärt\)/);
    expect((r.notes as string[]).join('\n')).toMatch(/inte är spikat/);
    expect(r.ics).toMatch(/STATUS:TENTATIVE/);
    const fixed = await inviter.draft('Inbjudan till företagare i Sjöbo torsdag 12 november kl 8-9 i kommunhuset om rekrytering.', { today: TODAY });
    expect(fixed.text).not.toMatch(/preliminärt/);
    expect(fixed.ics).not.toMatch(/TENTATIVE/);
  });
});

describe('what the request says happens after the meeting', () => {
  it('"Efter mötet skickar vi ut minnesanteckningar" is said, not left as a placeholder', async () => {
    const r = await inviter.draft('Inbjudan till föreningar i Ystad torsdag 15 oktober kl 18 i Folkets hus om lokaler. Efter mötet skickar vi ut minnesanteckningar till alla.', { today: TODAY });
    expect(r.text).toContain('Efter mötet skickar vi ut minnesanteckningar till alla.');
    expect(r.text).not.toContain('[VAD HÄNDER EFTERÅT]');
  });
});

describe('a weekday before an hour', () => {
  it('"på fredag 9-12" is the coming Friday at nine, noted; "på fredag den 9" is the ninth', () => {
    const friday = parse('Inbjudan till handlarna på Storgatan på fredag 9-12 i rådhuset om skyltning.');
    expect(friday.date?.iso).toBe('2026-10-02');
    expect(friday.start).toBe('09:00');
    expect(friday.notes.some((n) => /tolkat som 2026-10-02/.test(n))).toBe(true);
    expect(parse('Inbjudan till handlarna på fredag den 9 kl 9 i rådhuset.').date?.iso).toBe('2026-10-09');
  });
});

describe('a room goes with its venue', () => {
  it.each([
    ['Inbjudan till boende i Hageby torsdag 22 oktober kl 18 på Mötesplats Hageby, lokal Linden.', 'Mötesplats Hageby, lokal Linden'],
    ['Inbjudan till företagare i Ystad till frukost på Ystads stadshotell fredag 23 oktober kl 7.30.', 'Ystads stadshotell'],
    ['Inbjudan till föreningar i Lund tisdag 27 oktober kl 17 på Lunds stadsbibliotek sal 3.', 'Lunds stadsbibliotek sal 3'],
    ['Invitation for local employers, Tuesday 20 October 9:00 at Malmö Arena, conference room C.', 'Malmö Arena, conference room C'],
    ['Inbjudan till föreningar i Höör torsdag 29 oktober kl 18 i Höörs folkets hus (lilla salen).', 'Höörs folkets hus (lilla salen)'],
  ])('%s', (request, place) => {
    expect(parse(request).place).toBe(place);
  });
});

describe('what the hosts arrange', () => {
  it('an interpreter, childcare and a lunch included are said as the request says them', async () => {
    const r = await inviter.draft('Inbjudan till föreningar i Höör torsdag 29 oktober kl 9-12 inkl lunch i Höörs folkets hus om lokaler. Vi ordnar tolk på somaliska. Det finns barnpassning.', { today: TODAY });
    expect(r.text).toContain('Vi ordnar tolk på somaliska.');
    expect(r.text).toContain('Det finns barnpassning.');
    expect(r.text).toContain('Vi bjuder på lunch.');
    const plain = await inviter.draft('Inbjudan till föreningar i Höör torsdag 29 oktober kl 9-12 i Höörs folkets hus om lokaler.', { today: TODAY });
    expect(plain.text).not.toMatch(/tolk|barnpassning|lunch/);
  });
});

describe('the form of address asked for in other words', () => {
  it('"använd du", "med du-tilltal" ask for du; "kan du skriva …" is the request, not the form', () => {
    expect(parse('Inbjudan till boende i Norr 12 november kl 18 i skolan om parken. Skriv på lättläst svenska och använd du.').addressAsked).toBe('du');
    expect(parse('Inbjudan till boende i Norr 12 november kl 18 om parken, med du-tilltal.').addressAsked).toBe('du');
    expect(parse('Kan du skriva en inbjudan till företagare 12 november kl 8 om lunch?').addressAsked).toBeNull();
  });
});

describe('a short text asked for', () => {
  it('"Skriv kort" keeps every fact and the method\'s promise and leaves out what explains them, with no empty heading', async () => {
    const request = 'Inbjudan till företagare i Ystad till frukostmöte torsdag 12 november kl 7.30-9 på Ystads bibliotek om rekrytering.';
    const full = await inviter.draft(request, { today: TODAY });
    const short = await inviter.draft(`${request} Skriv kort.`, { today: TODAY });
    const words = (t: string) => t.split(/\s+/).length;
    expect(words(short.text)).toBeLessThan(words(full.text) * 0.8);
    for (const fact of ['12 november', '07.30–09.00', 'Ystads bibliotek', 'rekrytering', 'färdig lösning']) expect(short.text).toContain(fact);
    expect(short.text).not.toMatch(/Så går det till\n\n/);
  });
});

describe('what is offered', () => {
  it('ends before a clause joined to it: "Vi bjuder på fika och barn är välkomna" says each once', async () => {
    const r = await inviter.draft('Skriv på lätt svenska. Inbjudan till boende i Norr torsdag 15 oktober kl 17 i biblioteket om parken. Vi bjuder på fika och barn är välkomna.', { today: TODAY });
    expect(r.text).not.toMatch(/fika och barn är välkomna/);
    expect((r.text.match(/[Bb]arn/g) ?? []).length).toBe(1);
    expect(r.text).toMatch(/fika/);
  });
});
