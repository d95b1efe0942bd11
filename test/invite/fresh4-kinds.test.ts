/**
 * Kinds that invite-fresh-4's tune part showed misread, in wording of our own: a venue with its room after a
 * comma ("Kulturhuset Hudik, Studion", "Sandvikens kommunhus, rum Göransson"), a venue after the date or after
 * a dash in a list of notes, "Folkets Hus" and "<name> kyrka" after the time; an agenda the request declines
 * ("bifoga inget program") or asks for as "ett program"; and a day and month alone with a weekday that fits only
 * this year's date, a few days ago, read as this year's past date rather than next year's.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { parseInviteRequest } from '../../src/invite/parse.js';

const TODAY = '2026-10-01';
const p = (t: string, today = TODAY) => parseInviteRequest(t, today);

describe('the place with its room, after the time, the date or a dash', () => {
  it('a venue keeps the room said after its comma', () => {
    expect(p('Inbjudan till föreningarna i Gävle torsdag 15 oktober kl 18 i Kulturhuset Gävle, Lilla scenen.').place).toBe('Kulturhuset Gävle, Lilla scenen');
    expect(p('Möte med handlarna 20 oktober kl 8 på Rådhuset, konferensrummet. Kontakt Eva.').place).toBe('Rådhuset, konferensrummet');
  });
  it('a building named after the date, with its room', () => {
    expect(p('Inbjudan till rektorerna fredag 23 oktober, Gävle rådhus, rum Gavlerummet. Vi vill prata om sommarjobb.').place).toBe('Gävle rådhus, rum Gavlerummet');
    expect(p('Bjud in företagen till frukost tisdag 20 oktober, Kiruna stadshus, sal B. Vi vill prata om praktik.').place).toBe('Kiruna stadshus, sal B');
  });
  it('a venue after the time in a list of notes separated by dashes', () => {
    expect(p('Inbjudan: - målgrupp: föreningar i Luleå - samtal om lokaler - 14 oktober kl 17–19 - Kulturens hus - kontakt: Per').place).toBe('Kulturens hus');
  });
  it('"Folkets Hus" and "<name> kyrka" after the time', () => {
    expect(p('Invitation for residents of Rinkeby, Saturday 10 October, 13-15, Rinkeby Folkets Hus. We want to hear ideas.').place).toBe('Rinkeby Folkets Hus');
    expect(p('Inbjudan till boende i Backa – möte om parken, tors 15/10 18:00–19:30, Backa kyrka. Kort!').place).toBe('Backa kyrka');
  });
});

describe('the agenda as the request asks for it', () => {
  it('"bifoga inget program", "ingen dagordning", "dagordningen skickar vi senare", "no agenda": none asked for', () => {
    expect(p('Inbjudan till föreningarna 20 oktober kl 18 i Folkets hus. Bifoga inget program.').agendaRequested).toBe(false);
    expect(p('Inbjudan till föreningarna 20 oktober kl 18. Ingen dagordning behövs, förslag på dagordning tar vi själva.').agendaRequested).toBe(false);
    expect(p('Inbjudan till föreningarna 20 oktober kl 18. Bifoga förslag på dagordning. Dagordningen skickar vi ut senare.').agendaRequested).toBe(false);
    expect(p('Invite the partners on 20 October at 10. Please include a short intro, no agenda.').agendaRequested).toBe(false);
  });
  it('"vi vill gärna ha ett program" asks for one', () => {
    expect(p('Inbjudan till företagarna 20 oktober kl 9. Vi vill gärna ha ett program med ungefär vad vi gör under passet.').agendaRequested).toBe(true);
    expect(p('Inbjudan till företagarna 20 oktober kl 9. Bifoga ett förslag på dagordning.').agendaRequested).toBe(true);
  });
});

describe('a day and month alone that has passed this year', () => {
  it('with a weekday that fits only this year\'s date a few days ago: this year\'s date, noted as past', () => {
    // 2026-11-16: "torsdag 12/11" is Thursday 12 November 2026 (in 2027 a Friday)
    const r = p('Möte med föreningarna torsdag 12/11 kl 18 i stadshuset.', '2026-11-16');
    expect(r.date?.iso).toBe('2026-11-12');
    expect(r.notes.join(' ')).toContain('som redan har varit');
    expect(r.notes.join(' ')).not.toContain('Veckodagen');
  });
  it('months back, it is next year\'s, planned ahead, and the weekday is noted as not matching', () => {
    // 2026-10-01: Monday 13 April 2026 is long past; 13 April 2027 is a Tuesday
    const r = p('Möte med föreningarna måndag 13 april kl 18 i stadshuset.');
    expect(r.date?.iso).toBe('2027-04-13');
    expect(r.notes.join(' ')).toContain('Veckodagen "måndag" stämmer inte med 2027-04-13');
  });
});

describe('the sender the request names', () => {
  it('"Avsändare: …" and "… står som avsändare" sign the invitation instead of a placeholder', async () => {
    expect(p('Inbjudan till föreningarna 20 oktober kl 18 i Folkets hus. Avsändare: Lunds kommun, kultur och fritid.').sender).toBe('Lunds kommun, kultur och fritid');
    expect(p('Inbjudan till företagarna 20 oktober kl 9. Region Skåne och Coompanion står som avsändare.').sender).toBe('Region Skåne och Coompanion');
    const r = await createInviter({}).draft('Skriv en inbjudan på lätt svenska till boende i Norrby, möte 20 oktober kl 18 i Norrby bibliotek. Avsändare: Borås Stad, fritid.', { today: TODAY });
    expect(r.text).toContain('Borås Stad, fritid');
    expect(r.text).not.toContain('[AVSÄNDARE]');
  });
});

describe('the audience as the request gives it', () => {
  it('"dem som bor i X", "alla som bor i X" are residents, not a pronoun whose group is named elsewhere', () => {
    const r = p('Kan du skriva en inbjudan på lätt svenska till dem som bor i Berga? Vi vill prata om parken. Onsdag 4/11 kl 18 på Berga bibliotek.');
    expect(r.audienceLabel).toBe('dem som bor i Berga');
    expect(r.audiences).toEqual(['residents']);
    // a pronoun alone still names no one
    expect(p('Bjud in dem till ett möte 12 november kl 18.').audienceLabel).toBeNull();
  });
  it('an English invitation "in plain English for X - remark" keeps X and drops the remark', () => {
    expect(p('Please draft an invitation in plain English for residents of Kortedala - many here read English best. Saturday 7 November, 13-15.').audienceLabel).toBe('residents of Kortedala');
  });
  it('a lätt svenska benefit line says nothing a reader could take for a promise of a job', async () => {
    const r = await createInviter({}).draft('Skriv en inbjudan på lätt svenska till boende i Berga. Vi vill prata om jobb och praktik i området. 12 november kl 18 på Berga bibliotek.', { today: TODAY });
    expect(r.text).not.toMatch(/får[^.]*jobb/);
  });
});

describe('an end time is an hour, not a count', () => {
  it('"vi håller på till ca 20 personer har pratat" has no end at 20:00', () => {
    expect(p('Möte med föreningarna 12 november kl 13 i stadshuset, vi håller på till ca 20 personer har pratat.').end ?? null).toBeNull();
    expect(p('Möte med föreningarna 12 november kl 13 i stadshuset, vi håller på till ca 15.').end).toBe('15:00');
  });
});
