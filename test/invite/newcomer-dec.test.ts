/**
 * Kinds from a newcomer's trial on 2026-12-02 (issue 14, eighth round): each a mechanism, each failing without it.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { parseInviteRequest } from '../../src/invite/parse.js';

const TODAY = '2026-12-02';
const inviter = createInviter({ now: () => new Date('2026-12-02T08:00:00Z') });
const parse = (r: string) => parseInviteRequest(r, TODAY);

describe('date and time words are logistics, not the topic', () => {
  it.each([
    ['Bjud in sociala företag i Helsingborg till ett frukostmöte om upphandling tisdag nästa vecka kl 8-9.30 på Dunkers kulturhus', 'upphandling'],
    ['Bjud in föreningar till ett dialogmöte om fritidsgårdar om två veckor', 'fritidsgårdar'],
    ['Invite social enterprises in Malmö to a breakfast meeting about the new innovation fund, January 14th.', 'the new innovation fund'],
    ['Bjud in företagare till ett möte om återbruk på torsdag kl 10', 'återbruk'],
    ['Bjud in företagare till ett möte om upphandling nästa vecka', 'upphandling'],
  ])('%s', (request, topic) => {
    expect(parse(request).topic).toBe(topic);
  });
  it('the subject names the date once', async () => {
    const r = await inviter.draft('Bjud in sociala företag i Helsingborg till ett frukostmöte om upphandling tisdag nästa vecka kl 8-9.30 på Dunkers kulturhus', { today: TODAY });
    expect(r.subject).toMatch(/^Inbjudan till frukostmöte om upphandling,? tisdag 8 december$/);
    expect(r.text).not.toMatch(/nästa vecka\./);
  });
});

describe('registration clauses and sign-offs are their own fields', () => {
  const R = 'digitalt möte på teams imorgon kl 14 med civilsamhällets organisationer om IOP för läxhjälp, anmälan senast i dag till anna.berg@helsingborg.se, hälsningar Anna Berg, Arbetsmarknadsförvaltningen';
  it('the group after the time is the audience, and "för" inside the topic is not', () => {
    expect(parse(R).audienceLabel).toBe('civilsamhällets organisationer');
  });
  it('the topic ends before the registration clause and the sign-off', () => {
    expect(parse(R).topic).toBe('IOP för läxhjälp');
    expect(parse('Bjud in föreningar till ett möte om fritidsbanken, OSA till kim@lund.se senast 10 januari').topic).toBe('fritidsbanken');
  });
  it('the sign-off names the sender (and the contact when none is named)', () => {
    const p = parse(R);
    expect(p.sender).toBe('Anna Berg, Arbetsmarknadsförvaltningen');
    expect(p.contact.name).toBe('Anna Berg');
    expect(parse('Invite social enterprises to a meeting about catering on 14 January. Best regards, Sam Lee').sender).toBe('Sam Lee');
    expect(parse('Bjud in företagare till ett möte om återbruk den 14 januari. mvh Kim').sender).toBe('Kim');
  });
  it('the draft is signed by the sender', async () => {
    const r = await inviter.draft(R, { today: TODAY });
    expect(r.text).toContain('Anna Berg, Arbetsmarknadsförvaltningen');
    expect(r.text).not.toContain('[AVSÄNDARE]');
  });
});

describe('a town and its building is the place', () => {
  const R = 'Bjud in sociala företag till ett möte den 14 januari kl 10 om återbruk i Landskrona, stadshuset';
  it('"i <kommun>, <byggnad>" is the place, not the topic', () => {
    const p = parse(R);
    expect(p.place).toBe('Landskrona, stadshuset');
    expect(p.topic).toBe('återbruk');
  });
  it('no benefit line opens with what an earlier one said', async () => {
    const r = await inviter.draft('Bjud in sociala företag och föreningar till ett möte om återbruk den 14 januari kl 10', { today: TODAY });
    expect(r.text.match(/får berätta om er verksamhet/g) ?? []).toHaveLength(1);
  });
});

describe('benefits fit the kind of audience', () => {
  it.each([
    ['Bjud in till en träff för seniorer i Laxå den 14 januari kl 14 om vad sociala företag kan erbjuda'],
    ['Bjud in pensionärer i Tierp till ett möte om färdtjänst den 14 januari kl 10'],
    ['Invite young people in Lund to a meeting about summer jobs with social enterprises on 14 January at 3 pm'],
  ])('%s', async (request) => {
    expect(parse(request).audiences).toEqual(['residents']);
    const r = await inviter.draft(request, { today: TODAY });
    expect(r.text).not.toMatch(/er verksamhet|viktig kund|your organisation|important customers/);
  });
});

describe('a day and month already past this year', () => {
  it('is read as next year with a note saying so', () => {
    const p = parse('Bjud in sociala företag i Lund till ett möte den 20 november kl 10 om catering');
    expect(p.date?.iso).toBe('2027-11-20');
    expect(p.notes.some((n) => /passerat i år.*20 november 2027/.test(n))).toBe(true);
  });
  it('in English too, and never for a date still ahead this year', () => {
    expect(parse('Invite social enterprises to a meeting about catering on November 20 at 10').notes.some((n) => /already passed this year/.test(n))).toBe(true);
    expect(parse('Bjud in sociala företag till ett möte den 14 december kl 10 om catering').notes.some((n) => /passerat i år/.test(n))).toBe(false);
  });
});

describe('place names in the audience', () => {
  it.each([
    ['bjud in sociala företag i helsingborg till ett möte om catering den 14 januari kl 10', 'sociala företag i Helsingborg'],
    ['bjud in föreningar i östra göinge till ett möte om catering den 14 januari kl 10', 'föreningar i Östra Göinge'],
    ['bjud in företagare i mark till ett möte om catering den 14 januari kl 10', 'företagare i mark'],
  ])('%s', (request, label) => {
    expect(parse(request).audienceLabel).toBe(label);
  });
  it('the draft names the town with its capital', async () => {
    const r = await inviter.draft('bjud in sociala företag i helsingborg till ett möte om catering den 14 januari kl 10', { today: TODAY });
    expect(r.text).toContain('för sociala företag i Helsingborg!');
  });
});
