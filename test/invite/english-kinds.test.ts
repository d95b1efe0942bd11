/**
 * English invitations (issue 14): the audience as the request gives it after "a meeting for/with …",
 * a topic after "…, on <topic>", a question as the topic kept whole, and the organisation's own groups
 * and managers addressed as colleagues, not as suppliers.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';

const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });
const draft = (r: string, today = '2026-10-01') => inviter.draft(r, { today });

describe('the audience as given in English', () => {
  it('names the audience of "a <meeting> for/with X", not a generic group', async () => {
    const r = await draft('Write an invitation in English: dialogue meeting for small shop owners, 14 March 10-12, Malmö City Hall');
    expect(r.text).toContain('for small shop owners');
    const w = await draft('Invitation to a lunch with second-hand traders on Friday 6 November at 12 at the library in Lund');
    expect(w.text).toContain('second-hand traders');
  });
});

describe('the topic in English', () => {
  it('reads "…, on <topic>" as the topic, not "on <a day>" or "on Teams"', async () => {
    const r = await draft('Invitation in English to local housing companies: a short briefing on 12 November, 9–10, on Teams, on hiring social enterprises for stairwell cleaning.');
    expect(r.text).toContain('hiring social enterprises for stairwell cleaning');
    expect(r.text).not.toContain('[PURPOSE]');
  });
  it('keeps a question as the topic whole, with its own verb', async () => {
    const r = await draft('Please write an English invitation for youth workers in Lund to a workshop on 10 December, 13:00–15:00, at the youth centre, about how schools can offer summer jobs together with social enterprises.');
    expect(r.text).toContain('how schools can offer summer jobs together with social enterprises');
  });
});

describe("the organisation's own people", () => {
  it('addresses its teams, groups and managers as colleagues, not as enterprises that offer something', async () => {
    for (const req of [
      'Invite the facilities team to a short meeting on 3 November at 10:00 in room Ekan about buying cleaning from social enterprises.',
      'Can you draft an invite for the city’s school managers for a Teams session on 5 November, 9–10, on summer jobs through social enterprises?',
      'Bjud in ekonomigruppen till en genomgång den 4 november kl 10 i rum Björken om sociala företag som leverantörer.',
    ]) {
      const r = await draft(req);
      expect(r.text).not.toMatch(/what you offer|vad ni erbjuder|varor och tjänster ni erbjuder|goods and services you offer/);
    }
  });
  it('still addresses social enterprises as suppliers', async () => {
    const r = await draft('Invite the social enterprises in Lund to a meeting on 3 November at 10:00 at the town hall about cleaning contracts.');
    expect(r.text).toMatch(/what you offer|goods and services you offer/);
  });
});

describe('the audience after the date, time and place (Swedish)', () => {
  it('takes "för X" after the meeting word even with the logistics between', async () => {
    const r = await draft('Skriv en inbjudan till ett lunchmöte den 4 december kl 12 i Stadshuset för hyresvärdar i norra Lund om sommarjobb.');
    expect(r.text).toContain('för hyresvärdar i norra Lund');
  });
});

describe('dates and places in other words', () => {
  it('reads "on Tuesday, December 8th" as that date, not as the coming Tuesday', async () => {
    const r = await draft('Invite the tenants’ associations to a meeting about courtyards on Tuesday, December 8th, 6–8 pm at the library.', '2026-11-01');
    expect(r.fields.date).toBe('2026-12-08');
    expect((r.notes as string[]).join(' ')).not.toMatch(/read as 2026-11-03/);
  });
  it('takes an address given as one as the place, but not an e-mail address', async () => {
    const r = await draft('Bjud in föreningarna i Lund till ett möte om lokaler den 9 december kl 18, adress Kvarngatan 12.', '2026-11-01');
    expect(r.fields.place).toBe('Kvarngatan 12');
    const e = await draft('Bjud in föreningarna till ett möte om lokaler den 9 december kl 18 på biblioteket. Svar till adress kim2@lund.se.', '2026-11-01');
    expect(e.fields.place).toBe('biblioteket');
  });
});

describe('the audience in other words', () => {
  it('reads "målgrupp är X", "riktad till X", "addressed to X", "inbjudan behövs till X:", "vi bjuder in X", "we are inviting X"', async () => {
    const cases: Array<[string, string]> = [
      ['Målgrupp är fritidsledare i Karlstad. Vi bjuder in till en träff om sommarlovet den 3 december kl 14 i Aulan.', 'fritidsledare i Karlstad'],
      ['Kan du göra en inbjudan riktad till småföretagare i Ronneby? Frukost om upphandling 10 december kl 7.30 på Stadshotellet.', 'småföretagare i Ronneby'],
      ['Write an invitation addressed to youth coaches at the football clubs in Lund: a meeting on 12 December at 18:00 at the club house.', 'youth coaches at the football clubs in Lund'],
      ['Inbjudan behövs till pensionärer som bor i Centrum: samtal om fixartjänster den 8 december kl 14 på Träffpunkten.', 'pensionärer som bor i Centrum'],
      ['Vi bjuder in butiksägare på Storgatan till ett möte om skyltfönster den 4 december kl 8 i Rådhuset.', 'butiksägare på Storgatan'],
      ["We're inviting students aged 18–25 in Lund to a job fair on 5 March at 13:00 at the library.", 'students aged 18–25 in Lund'],
    ];
    for (const [req, audience] of cases) expect((await draft(req)).text).toContain(audience);
  });
  it('does not write in lätt svenska when lätt svenska is the topic, and ends the audience at a dash', async () => {
    const r = await draft('Bjud in handläggarna på socialkontoret till en utbildning om lätt svenska den 9 december kl 9 i Hörsalen.');
    expect(r.tone).not.toBe('easy');
    const d = await draft('Inbjudan till fastighetsägarna i Höganäs – frukost om trygghet den 10 december kl 7.30 på Hotellet.');
    expect(d.text).toContain('för fastighetsägarna i Höganäs!');
  });
});

describe('the kind of meeting as written', () => {
  it('keeps a Swedish compound of möte/träff ("föräldramöte", "grannträff") with its article', async () => {
    const a = await draft('Bjud in föräldrarna på Ekens skola till ett föräldramöte om skolvägen den 3 december kl 18 i matsalen.');
    expect(a.subject).toContain('föräldramöte');
    expect(a.text).toContain('ett föräldramöte');
    const b = await draft('Vi ska ha en grannträff i Norra Fäladen den 3 december kl 18 i föreningslokalen om trygghet.');
    expect(b.text).toContain('en grannträff');
  });
});

describe('what the request invites to when it is not a meeting', () => {
  it('names the event as written ("en jobbmässa", "a thank-you evening"), not "a meeting"', async () => {
    const a = await draft('Bjud in arbetsgivarna i Lund till en jobbmässa den 5 mars kl 13 i Stadshallen.');
    expect(a.text).toContain('en jobbmässa');
    const b = await draft('Invite the volunteers in Lund to a thank-you evening on 12 December at 18:00 at the community centre.');
    expect(b.text).toContain('a thank-you evening');
    const c = await draft('Invite the associations in Lund to a meeting on 8 December at 18:00 at the library about premises.');
    expect(c.text).toContain('a meeting');
  });
});

describe('places in other words', () => {
  it('keeps "vår lokal på <street> <number>" and "the <room> of <building>" as the place', async () => {
    const a = await draft('Bjud in föreningarna till ett möte om lokaler den 8 december kl 17 i vår lokal på Kvarngatan 7.');
    expect(a.fields.place).toBe('vår lokal på Kvarngatan 7');
    const b = await draft('Invite the associations to a meeting about premises on 8 December at 17:00 in the meeting room of Linero library.');
    expect(b.fields.place).toBe('the meeting room of Linero library');
  });
});
