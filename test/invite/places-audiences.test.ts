/**
 * Places and audiences as the request words them (issue 14, second round), with wording of our own:
 * a meeting at someone's premises, a street address after the venue, an English meeting room, an
 * audience that goes on past "in the …", an age in the audience, a "Till:" header, and the occasion
 * never taken for the audience.
 */
import { describe, expect, it } from 'vitest';
import { parseInviteRequest } from '../../src/invite/index.js';

const TODAY = '2026-10-01';
const p = (t: string) => parseInviteRequest(t, TODAY);

describe('places', () => {
  it('"hos oss på X" is the place as written; "hos dem" is the invited person\'s organisation', () => {
    expect(p('Jag vill bjuda in Sara Lind till ett samtal hos oss på miljöförvaltningen den 9 oktober kl 14.').place).toBe('hos oss på miljöförvaltningen');
    expect(p('Skriv en inbjudan till Omar Ali, ordförande i Eriksfälts Idrottsförening, till ett möte den 12 oktober kl 15 hos dem.').place).toBe('hos Eriksfälts Idrottsförening');
  });
  it('keeps a street address after the venue', () => {
    expect(p('Bjud in föreningarna till en träff den 3 november kl 10 hos Coompanion på Storgatan 12.').place).toBe('Coompanion på Storgatan 12');
  });
  it('reads an English meeting room with its name', () => {
    expect(p('Invite the finance team to a briefing on 5 November at 9:00 in conference room Ekeby.').place).toBe('conference room Ekeby');
  });
});

describe('audiences', () => {
  it('"with the X in the Y network about" keeps "in the Y network"', () => {
    expect(p('Please draft an invitation in English for the Zoom call with the cooperatives in the Kalmar region network about catering on 6 October at 10:00.').audienceLabel).toBe(
      'the cooperatives in the Kalmar region network',
    );
  });
  it('reads the audience of "an invitation in plain English to X about Y"', () => {
    expect(p('Write an invitation in plain English to tenants of Kvarngärdet about a garden day on 24 October at 10 am.').audienceLabel).toBe('tenants of Kvarngärdet');
  });
  it('keeps an age in the audience', () => {
    expect(p('Bjud in ungdomar mellan 15 och 18 år i Hässleholm till en workshop den 4 november kl 15.').audienceLabel).toBe('ungdomar mellan 15 och 18 år i Hässleholm');
  });
  it('reads a "Till:" header and never takes the occasion for the audience', () => {
    expect(p('Till: alla som driver ett kooperativ i Ystad. Inbjudan till träff om inköp 9 november kl 13 i rådhuset.').audienceLabel).toBe('alla som driver ett kooperativ i Ystad');
  });
});

describe('times in words', () => {
  it('reads noon, "halv nio", "kvart över tio" and "kvart i tre" as clock times', () => {
    expect(p('Lunch meeting at noon on 12 November at the library.').start).toBe('12:00');
    expect(p('Träff torsdag 22 oktober halv nio på kontoret.').start).toBe('08:30');
    expect(p('Möte 5 november kvart över tio i rådhuset.').start).toBe('10:15');
    expect(p('Möte 5 november kvart i tre i rådhuset.').start).toBe('14:45');
  });
});

describe('a time in words is a stated fact', () => {
  it('factTokens reads "halv nio" and "noon" as the times the draft may carry', async () => {
    const { factTokens } = await import('../../src/invite/facts.js');
    expect([...factTokens('Träff torsdag halv nio').times]).toEqual(['08:30']);
    expect([...factTokens('Lunch at noon').times]).toEqual(['12:00']);
  });
});
