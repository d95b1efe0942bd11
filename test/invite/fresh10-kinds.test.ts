/**
 * Kinds of failure seen on the tune part of evals/invite-fresh-10.jsonl, tested with wording of our own: a request
 * written a fact a line keeps its lines; "i dag" meaning "nowadays" is no date; a stated theme written as a question
 * is kept whole and made indirect; an agenda with its count before the colon, items apart by slashes; a venue in the
 * sentence after the time; an audience with its school year; a named occasion before its group.
 */
import { describe, expect, it } from 'vitest';
import { agendaGiven, indirectQuestion, parseInviteRequest } from '../../src/invite/parse.js';
import { factTokens } from '../../src/invite/facts.js';

const TODAY = '2027-05-10';
const parse = (r: string) => parseInviteRequest(r, TODAY);

describe('a request written a fact a line', () => {
  it('ends each fact at its line', () => {
    const p = parse('Inbjudan, använd uppgifterna:\n- Målgrupp: husägare längs Kungsgatan\n- Datum: 14/6\n- Tid: 08.00-09.30\n- Plats: mötesrummet, Kungsgatan 2, ingång C\n- Kaffe serveras\n- OSA senast 7/6 till Eva Holm');
    expect(p.place).toBe('mötesrummet, Kungsgatan 2, ingång C');
  });
});

describe('"i dag" as the present', () => {
  it('is no date of the meeting', () => {
    const p = parse('Samtal om vad vi vet i dag om trafiken. Möte 3 juni kl 9 i Stadshuset.');
    expect(p.date?.iso).toBe('2027-06-03');
    expect(p.notes.join(' ')).not.toMatch(/tolkat som/);
  });
  it('is the date when a time follows or the meeting is said to be today', () => {
    expect(parse('Möte i dag kl 15 i Stadshuset.').date?.iso).toBe(TODAY);
    expect(parse('Kan du skriva en inbjudan till ett möte idag?').date?.iso).toBe(TODAY);
  });
});

describe('a stated theme that is a question', () => {
  it('keeps its own time words and is made indirect', () => {
    expect(parse('Inbjudan\n- Ämne: Hur får vi torget levande efter kl 19?\n- Tid: 07.30-09.00\n- Datum: 3 juni').topic).toBe('hur vi får torget levande efter kl 19');
  });
  it.each([
    ['Hur gör vi det?', 'hur vi gör det'],
    ['How do we make the square safer?', 'how we make the square safer'],
    ['How can we reach more families?', 'how we can reach more families'],
    ['Hur kan kommunen och företagen samarbeta?', 'frågan ”Hur kan kommunen och företagen samarbeta?”'],
    ['återbruk i skolan', 'återbruk i skolan'],
  ])('%s → %s', (topic, indirect) => {
    expect(indirectQuestion(topic)).toBe(indirect);
  });
});

describe('an agenda the request gives', () => {
  it('with its count before the colon and items apart by slashes', () => {
    expect(agendaGiven('- Dagordning med tre punkter: kaffe / kort om läget / samtal i grupper\n- OSA 7/6')?.items).toEqual(['Kaffe', 'Kort om läget', 'Samtal i grupper']);
    expect(agendaGiven('Agenda (tre punkter): 1. Välkommen 2. Vad behövs? 3. Nästa steg. Anmälan senast 7 juni')?.items).toEqual(['Välkommen', 'Vad behövs?', 'Nästa steg']);
  });
});

describe('the venue after the time', () => {
  it.each([
    ['Möte onsdag 16 juni 17.00–19.00, Rådhuset, sammanträdesrum Kajen (ingång från Torggatan). Det bjuds på mat.', 'Rådhuset, sammanträdesrum Kajen (ingång från Torggatan)'],
    ['Träff för boende om tre veckor på tisdagen kl 18. Vi ses i Mötesplatsen, Ekgatan 12, ingång A. Vi bjuder på fika.', 'Mötesplatsen, Ekgatan 12, ingång A'],
    ['Idédag för föreningar torsdag 17 juni, hela dagen. Östhammars bibliotek, plan 2, Konferensrummet. Lunch ingår.', 'Östhammars bibliotek, plan 2, Konferensrummet'],
  ])('%s', (request, place) => {
    expect(parse(request).place).toBe(place);
  });
  it('a next sentence that names no venue is none', () => {
    expect(parse('Möte med föreningar 3 juni kl 9. Anmälan senast 1 juni till Eva Holm.').place).toBeNull();
  });
});

describe('who is invited', () => {
  it.each([
    ['Vi vill bjuda in eleverna i årskurs 8 på Ekskolan till en workshop om skolgården. Onsdag 2 juni 13.00–15.30.', 'eleverna i årskurs 8 på Ekskolan'],
    ['Hi! Need an invite in English for the members of the Umeå Chamber of Commerce. Topic: safety. 2 June 18:00-20:00.', 'the members of the Umeå Chamber of Commerce'],
    ['Inbjudan: Framtidsverkstad för föreningar och sociala företag i Östhammar. Torsdag 17 juni kl 9.', 'föreningar och sociala företag i Östhammar'],
  ])('%s', (request, label) => {
    expect(parse(request).audienceLabel).toBe(label);
  });
});

describe('more of the same kinds', () => {
  it('"in three weeks, on the Wednesday" is the Wednesday of that week', () => {
    expect(parse('Meeting for shop owners in three weeks, on the Wednesday, 18:00-20:00, Town Hall.').date?.iso).toBe('2027-06-02');
  });
  it('a theatre and its foyer are a venue', () => {
    expect(parse('Vi ses måndag 21 juni kl 17.30–19 i Trelleborgs teater, foajén, för att prata om sommaren.').place).toBe('Trelleborgs teater, foajén');
  });
});

describe('the facts a text states', () => {
  it('a clock hour at a sentence\'s end is a time (the check that a polished text adds no time reads it)', () => {
    expect([...factTokens('Vi vill prata om hur torget kan leva även efter kl 18.').times]).toEqual(['18:00']);
    expect([...factTokens('Vi ses kl 9–11.').times]).toEqual(['09:00', '11:00']);
    expect([...factTokens('Vi ses kl 18.30').times]).toEqual(['18:30']);
  });
});

describe('one person and her role', () => {
  it.each([
    ['Skriv en inbjudan till Eva Lind, vd för Linds Måleri AB. Vi vill prata om praktikplatser torsdag 3 juni kl 12.', 'Eva Lind, vd för Linds Måleri AB'],
    ['I need an invitation to Councillor Omar Ali, chair of the Education Committee. Dialogue on Wednesday 16 June at 8.', 'Councillor Omar Ali, chair of the Education Committee'],
  ])('%s', (request, label) => {
    expect(parse(request).audienceLabel).toBe(label);
  });
  it('"Ni med stort N" writes every form of ni with its capital', async () => {
    const { createInviter } = await import('../../src/invite/index.js');
    const r = await createInviter({ now: () => new Date('2027-05-10T08:00:00Z') }).draft('Skriv en inbjudan till Eva Lind, vd för Linds Måleri AB. Hon vill bli niad, så skriv Ni med stort N. Samtal om praktikplatser torsdag 3 juni kl 12–13 på Restaurang Kajen.', { today: TODAY });
    expect(r.text).toMatch(/bjuda in Er, Eva Lind/);
    expect(r.text).not.toMatch(/(?<![\p{L}])(?:ni|er|ert|era)(?![\p{L}])/u);
    expect(r.text).not.toMatch(/(?<![\p{L}])(?:du|dig|din|ditt|dina)(?![\p{L}])/iu);
  });
});

describe('someone asked out to lunch', () => {
  it('is invited to a lunch', () => {
    expect(parse('Skriv en inbjudan till Eva Lind, vd för Linds Måleri AB. Vi vill bjuda henne på lunch och prata om praktikplatser. Torsdag 3 juni kl 12–13.').format?.sv).toBe('lunch');
    expect(parse('Please write an invitation to Omar Ali. We would like to invite him to lunch on Thursday 3 June at 12.').format?.en).toBe('lunch');
  });
});
