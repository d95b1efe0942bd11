import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { checkInvite } from '../../evals/invite.js';
import { InputError, type InviteResult } from '../../src/domain/types.js';
import { factTokens } from '../../src/invite/facts.js';
import { createInviter } from '../../src/invite/index.js';
import { foldLine } from '../../src/invite/render.js';

const TODAY = '2026-09-15';
const inviter = createInviter({ now: () => new Date('2026-09-15T10:00:00Z') });
const draft = (r: string, today = TODAY) => inviter.draft(r, { today });

const FULL =
  'Kan du skriva en inbjudan till företagare i Nordöstra staden till ett frukostmöte den 5 november kl. 07.30–09.00 på Drottninghögs bibliotek? Vi vill höra vilka kompetensbehov de har och hur vi tillsammans kan hitta personal lokalt. OSA senast 29 oktober till mig, Sara Lind, sara.lind@helsingborg.se.';

function parseIcs(ics: string) {
  const comp = new ICAL.Component(ICAL.parse(ics));
  const tz = comp.getFirstSubcomponent('vtimezone')!;
  ICAL.TimezoneService.register(tz);
  return { comp, tz, event: new ICAL.Event(comp.getFirstSubcomponent('vevent')!) };
}

describe('draft: given facts and no invented ones', () => {
  it('carries every given fact into the text and invents none', async () => {
    const r = await draft(FULL);
    for (const s of ['5 november', '07.30–09.00', 'Drottninghögs bibliotek', 'företagare i Nordöstra staden', '29 oktober', 'Sara Lind', 'sara.lind@helsingborg.se'])
      expect(r.text).toContain(s);
    expect(r.fields).toMatchObject({ date: '2026-11-05', start: '07:30', end: '09:00', place: 'Drottninghögs bibliotek', online: false, rsvpBy: '2026-10-29' });
    const t = factTokens(r.subject + '\n' + r.text);
    expect([...t.years]).toEqual([]);
    expect([...t.weekdays]).toEqual([]);
    expect([...t.times].sort()).toEqual(['07:30', '09:00']);
    expect(r.text).not.toMatch(/samskapande yta|lönebidrag|jobbmatchning|talare/i);
    expect(r.missing).not.toContain('date');
    expect(r.missing).not.toContain('contact');
  });
  it('follows the method: purpose, no ready-made solution, what businesses gain, room for input', async () => {
    const r = await draft(FULL);
    expect(r.text).toMatch(/Vi vill höra vilka kompetensbehov ni har/);
    expect(r.text).toMatch(/inte med en färdig lösning/);
    expect(r.text).toMatch(/rekryteringskanaler/);
    expect(r.text).toMatch(/utrymme för det ni vill ta upp/);
  });
  it('adapts what is in it to the audience', async () => {
    const residents = await draft('Bjud in boende i Drottninghög till ett möte den 3 december kl 18 i Drottninghögs bibliotek om hur parken ska användas.');
    expect(residents.text).toMatch(/påverka hur stadens tjänster utformas/);
    expect(residents.text).not.toMatch(/rekryteringskanaler/);
    const social = await draft('Bjud in sociala företag till en dialog om stadens behov av lokalvård.');
    expect(social.text).toMatch(/IOP/);
    // that nothing is decided is said only where the request says so: a sender cannot always promise it
    expect(social.text).not.toMatch(/Inget är bestämt/);
    expect(social.text).not.toMatch(/rekryteringskanaler|påverka hur stadens tjänster/);
    const open = await draft('Bjud in sociala företag till en dialog om stadens behov av lokalvård. Inget är bestämt än, vi vill höra vad de kan.');
    expect(open.text).toMatch(/Inget är bestämt i förväg/);
    // nor is there fika where the request says there is none
    expect((await draft('Bjud in föreningar till ett möte den 3 december kl 18 i Drottninghögs bibliotek. Skriv inte att det blir fika.')).text).not.toMatch(/fika/i);
    expect((await draft('Bjud in föreningar till ett möte den 3 december kl 18 i Drottninghögs bibliotek, ingen fika.')).text).not.toMatch(/fika/i);
  });
  it('turns every missing fact into a placeholder listed in `missing`', async () => {
    const r = await draft('Vi behöver bjuda in sociala företag till en dialog om catering. Datum och plats är inte bestämt än.');
    for (const p of ['[DATUM]', '[TID]', '[PLATS]', '[KONTAKT]']) expect(r.text).toContain(p);
    expect(r.missing).toEqual(expect.arrayContaining(['date', 'time', 'place', 'contact']));
    expect(r.fields).toMatchObject({ date: null, start: null, place: null, contact: null });
    expect(r.ics).toBeUndefined();
    expect(factTokens(r.text).dates.size).toBe(0);
  });
  it('uses English placeholders and a link placeholder for an online meeting', async () => {
    const r = await draft('Invite local employers to a Teams meeting about summer jobs.');
    expect(r.language).toBe('en');
    for (const p of ['[DATE]', '[TIME]', '[TEAMS LINK]', '[CONTACT]']) expect(r.text).toContain(p);
    expect(r.missing).toEqual(expect.arrayContaining(['date', 'time', 'link', 'contact']));
    expect(r.missing).not.toContain('place');
  });
  it('states a weekday only when the request implies it, never a year that was not given', async () => {
    const rel = await draft('Bjud in boende till en träff nästa tisdag kl 17-19 i Dalhems skola.');
    expect(rel.text).toContain('tisdag 22 september');
    expect(rel.text).not.toMatch(/2026/);
    const withYear = await draft('Bjud in företag till ett möte 2027-01-20 kl 9 i Stadshuset.');
    expect(withYear.text).toContain('20 januari 2027');
  });
  it('writes lätt svenska: short sentences, no jargon', async () => {
    const r = await draft('Skriv på lätt svenska. Bjud in boende i Drottninghög till en träff den 3 december kl 17–19 på Drottninghögs bibliotek om kompetensförsörjning och samverkan. Fika. Ingen anmälan.');
    const sentences = r.text.split(/\n+|(?<=[.!?])\s+/).filter((s) => /[.!?]$/.test(s));
    const lengths = sentences.map((s) => s.split(/\s+/).length);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(14);
    expect(r.text).not.toMatch(/kompetensförsörjning|samverkan|samskapande|målgrupp|aktörer/i);
    // lätt svenska speaks to each reader with du (the easy-to-read advice), a group too, and only with du
    expect(r.text).toMatch(/Du behöver inte anmäla dig/);
    expect(r.text).not.toMatch(/\b(ni|er|era|ert)\b/i);
    // … unless the request asks for ni
    const ni = await draft('Skriv på lätt svenska med ni. Bjud in boende i Drottninghög till en träff den 3 december kl 17–19 på Drottninghögs bibliotek om parken. Ingen anmälan.');
    expect(ni.text).toMatch(/Ni behöver inte anmäla er/);
    expect(ni.text).not.toMatch(/\b(du|dig|din|ditt|dina)\b/i);
    expect(r.text).toMatch(/Det blir fika/);
  });
  it('rejects empty, too long and badly dated requests with an InputError', async () => {
    await expect(draft('   ')).rejects.toBeInstanceOf(InputError);
    await expect(draft('x'.repeat(2001))).rejects.toBeInstanceOf(InputError);
    await expect(inviter.draft('möte', { today: '15/9' })).rejects.toBeInstanceOf(InputError);
  });
});

describe('outputs: ICS, Slack blocks, Adaptive Card', () => {
  it('makes an RFC 5545 event in Europe/Stockholm that ical.js reads back', async () => {
    const r = await draft(FULL);
    expect(r.ics).toBeDefined();
    expect(r.ics).toMatch(/\r\n/);
    const { event, tz } = parseIcs(r.ics!);
    expect(tz.getFirstPropertyValue('tzid')).toBe('Europe/Stockholm');
    expect(event.startDate.toString()).toBe('2026-11-05T07:30:00');
    // 07:30 CET in November is 06:30 UTC
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-05T06:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-05T08:00:00.000Z');
    expect(event.location).toBe('Drottninghögs bibliotek');
    for (const line of r.ics!.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });
  it('uses summer time in summer and leaves DTEND out when only a start is known', async () => {
    const r = await draft('Invite residents to a meeting on 10 June at 6 pm at Dalhems skola.');
    const { event } = parseIcs(r.ics!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-06-10T16:00:00.000Z');
    expect(r.ics).not.toMatch(/DTEND/);
  });
  it('has no ICS without a start time', async () => {
    expect((await draft('Bjud in företag till ett möte den 5 november i Stadshuset.')).ics).toBeUndefined();
  });
  it('folds long lines without splitting UTF-8 characters', () => {
    const folded = foldLine('DESCRIPTION:' + 'åäö'.repeat(60));
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe('DESCRIPTION:' + 'åäö'.repeat(60));
  });
  it('renders Slack Block Kit: header, sections with the text, context with missing facts', async () => {
    const r = await draft('Bjud in sociala företag till en dialog om catering.');
    const blocks = r.slackBlocks as Array<{ type: string; text?: { type: string; text: string }; elements?: Array<{ text: string }> }>;
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    expect(blocks[0].text!.text.length).toBeLessThanOrEqual(150);
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(0);
    for (const s of sections) expect(s.text!.text.length).toBeLessThanOrEqual(3000);
    expect(sections.map((s) => s.text!.text).join('\n')).toContain('[DATUM]');
    const ctx = blocks.find((b) => b.type === 'context')!;
    expect(ctx.elements![0].text).toMatch(/datum.*tid.*plats/);
  });
  it('renders an Adaptive Card 1.5 with a fact set and the missing facts', async () => {
    const r = await draft(FULL);
    const card = r.adaptiveCard as { type: string; version: string; body: Array<Record<string, unknown>> };
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const facts = card.body.find((b) => b.type === 'FactSet') as { facts: Array<{ title: string; value: string }> };
    expect(facts.facts).toEqual(expect.arrayContaining([{ title: 'Datum', value: '5 november' }, { title: 'Plats', value: 'Drottninghögs bibliotek' }]));
    expect(card.body.every((b) => typeof b.type === 'string')).toBe(true);
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  });
});

describe('LLM polish never adds facts', () => {
  it('uses the polished text when it keeps the facts and placeholders', async () => {
    const inv = createInviter({ complete: async (_n, vars) => vars.draft.replace('Hej!', 'Hej och välkommen!') });
    const r = await inv.draft(FULL, { today: TODAY });
    expect(r.mode).toBe('llm');
    expect(r.text).toMatch(/^Hej och välkommen!/);
  });
  it('falls back to the template when the model invents a time, year or name', async () => {
    for (const bad of [
      (d: string) => d.replace('07.30–09.00', '08.00–09.00'),
      (d: string) => d.replace('5 november', '5 november 2026'),
      (d: string) => d + '\nTalare: Anna Berg från Region Skåne.',
      (d: string) => d.replace('[VAD HÄNDER EFTERÅT]', 'Vi skickar en sammanfattning.'),
    ]) {
      const inv = createInviter({ complete: async (_n, vars) => bad(vars.draft) });
      const r = await inv.draft(FULL, { today: TODAY });
      expect(r.mode).toBe('template');
      expect(r.notice).toBeDefined();
      expect(r.text).toContain('07.30–09.00');
    }
  });
  it('keeps the template when the model fails', async () => {
    const inv = createInviter({ complete: async () => { throw new Error('timeout'); } });
    expect((await inv.draft(FULL, { today: TODAY })).mode).toBe('template');
  });
});

describe('eval rubric checker', () => {
  it('passes a correct draft and catches an invented time, year and missing placeholder', async () => {
    const c = { id: 't', lang: 'sv' as const, request: FULL, today: TODAY };
    const good = await draft(FULL);
    expect(checkInvite(c, good).filter((i) => !i.pass)).toEqual([]);
    const bad: InviteResult = { ...good, text: good.text.replace('07.30–09.00', '07.30–10.00').replace('5 november', '5 november 2026').replace('Sara Lind, sara.lind@helsingborg.se', '[KONTAKT]') };
    const failed = checkInvite(c, bad).filter((i) => !i.pass).map((i) => i.item);
    expect(failed).toEqual(expect.arrayContaining(['no-invented-time', 'no-invented-year-or-weekday', 'given-contact-present', 'placeholders-for-missing']));
    const noIcs = checkInvite(c, { ...good, ics: undefined }).find((i) => i.item === 'ics')!;
    expect(noIcs.pass).toBe(false);
  });
});
