/**
 * Kinds of failure seen on the tune part of evals/invite-fresh-11.jsonl, tested with wording of our own: a request that
 * takes a fact back as it goes uses the later one and says so; a venue named before its street address keeps its name;
 * a word on the food between the time and the venue does not hide the venue; the audience of an invitation made "av"
 * something ("av det här kalenderinlägget, till …"), and of an open house ("öppet hus … för X, Y och Z").
 */
import { describe, expect, it } from 'vitest';
import { withCorrections } from '../../src/invite/corrections.js';
import { parseInviteRequest, withVenueBefore } from '../../src/invite/parse.js';

const TODAY = '2027-03-01';
const parse = (r: string) => parseInviteRequest(r, TODAY);

describe('a fact taken back as the request goes', () => {
  it('a time: the later one, said with its clock word', () => {
    const p = parse('Möte med företagarna i Tomelilla torsdag 18 mars kl 9, nej förresten 10, i Kulturhuset.');
    expect(p.start).toBe('10:00');
    expect(p.notes.join(' ')).toMatch(/ändrar tiden på vägen: "kl 10" används, inte "kl 9"/);
  });
  it('a date taken back with "fast … istället"', () => {
    const p = parse('Dialogträff för föreningarna i Ystad. Tis 16/3 – fast då har vi nämndmöte, ta tis 23/3 istället. Kl 13–15 i Rådhuset.');
    expect(p.date?.iso).toBe('2027-03-23');
    expect(p.start).toBe('13:00');
  });
  it('a place, with what was said on the way left out', () => {
    const p = parse('Träff för hyresgästerna onsdag 10 mars kl 18 i Folkets hus – nej vänta, där är det renovering, vi tar Medborgarhuset, stora salen istället.');
    expect(p.place).toBe('Medborgarhuset, stora salen');
    expect(p.place).not.toMatch(/Folkets hus|renovering|istället/);
  });
  it('in English', () => {
    expect(withCorrections('Meeting on Tuesday 4 May at 2, sorry, make that 3 pm, in the Town Hall.').text).toBe('Meeting on Tuesday 4 May at 3 pm, in the Town Hall.');
  });
  it('a "nej" that takes nothing back changes nothing', () => {
    for (const t of ['Svara: Ja / Kanske / Nej', 'Vi vill inte ha någon agenda, nej. Möte 3/3 kl 10.']) expect(withCorrections(t)).toEqual({ text: t, corrections: [] });
  });
});

describe('the place', () => {
  it('a venue named before its street address keeps its name', () => {
    expect(withVenueBefore('Ons 24/3 kl 9. Plats Sockerbruket, Storgatan 12.', 'Storgatan 12')).toBe('Sockerbruket, Storgatan 12');
    expect(parse('Öppet möte lördag 13 mars 10–14. Kvarnen, Åvägen 3. Vi bjuder på kaffe.').place).toBe('Kvarnen, Åvägen 3');
    expect(parse('Möte 3/3 kl 10 på Storgatan 5.').place).toBe('Storgatan 5');
  });
  it('a word on the food between the time and the venue', () => {
    expect(parse('Länsträff för sociala företag. Tis 16 mars 10–15 inkl. lunch, Ljusdals kommunhus, Sessionssalen.').place).toBe('Ljusdals kommunhus, Sessionssalen');
  });
});

describe('the audience', () => {
  it('of an invitation made "av" something', () => {
    expect(parse('gör en inbjudan av det här mötet i kalendern, till butikerna i köpcentret Nova:\nSamråd Nova\nTis 9 mars 13:00–15:00').audienceLabel).toBe('butikerna i köpcentret Nova');
  });
  it('of an open house, the whole list', () => {
    expect(parse('Öppet hus på nya kulturhuset för konstnärer, musiker och föreningar som vill hyra lokaler – t.ex. ateljéer. Lördag 13 mars kl 11.').audienceLabel).toBe('konstnärer, musiker och föreningar som vill hyra lokaler');
  });
});

describe('the times', () => {
  it('a time for what comes before the start is no start, and is said', () => {
    const p = parse('Träff för föreningarna i Kiruna. Tis 16 mars, insläpp och kaffe från 17.30, vi börjar 18 och håller på till ca 20. Plats: Folkets hus.');
    expect([p.start, p.end]).toEqual(['18:00', '20:00']);
    expect(p.arrangements).toContain('insläpp och kaffe från 17.30');
    const q = parse('Frukostmöte för företagen i Skövde. Torsdag 18 mars, 7.30–9, frukost från 7.15. Stadshuset.');
    expect([q.start, q.end]).toEqual(['07:30', '09:00']);
    expect(q.arrangements).toContain('frukost från 7.15');
  });
  it('doors opening before the start, with or without "från" (a newcomer trial)', () => {
    const p = parse('Möte för föreningarna 16/3, dörrarna öppnar 8.30 och vi startar kl 9. Plats: Rådhuset.');
    expect(p.start).toBe('09:00');
    expect(p.arrangements).toContain('dörrarna öppnar 8.30');
    expect(parse('Möte 16/3, insläpp 12.45, start 13.00 i Rådhuset.').start).toBe('13:00');
  });
  it('an end said "still" as before', () => {
    expect(parse('Mötet är kvar på ons 3/3 men vi börjar 10 (slutar fortfarande 11.30). Plats: Rådhuset.').end).toBe('11:30');
  });
});

describe('the audience, said in other ways', () => {
  it('in a sentence of its own: "It\'s for …", "Den är till …"', () => {
    expect(parse("Could you write an invitation in Swedish? It's for the tenants' association in Norra Fäladen. Wednesday 17 March, 18:00.").audienceLabel).toBe("the tenants' association in Norra Fäladen");
    expect(parse('Skriv en inbjudan. Den är till föräldrarna i förskolan Solen. Onsdag 17 mars kl 18.').audienceLabel).toBe('föräldrarna i förskolan Solen');
    expect(parse('Det är för tidigt att säga. Inbjudan till företagarna i Ystad, möte 17/3 kl 10.').audienceLabel).toBe('företagarna i Ystad');
  });
  it('after a meeting word in its definite form: "dialogmötet med …"', () => {
    expect(parse('Påminnelse: dialogmötet med bagerierna och kaféerna i Ystad om avfall är kvar på ons 17/3.').audienceLabel).toBe('bagerierna och kaféerna i Ystad');
  });
});

describe('corrections in more words (a newcomer trial)', () => {
  it.each([
    ['Möte 10 mars kl 13–15 i Väven, nej det blir kl 14–16.', 'Möte 10 mars kl 14–16 i Väven.'],
    ['Möte 10 mars kl 10 i Stadshuset, nej förresten kl 10.30.', 'Möte 10 mars kl 10.30 i Stadshuset.'],
    ['Meeting 9 March at 10 in the City Hall, sorry make that 11 March.', 'Meeting 11 March at 10 in the City Hall.'],
    ['Möte 10 mars kl 9 i Rådhuset. Vi ses i Kulturhuset istället.', 'Möte 10 mars kl 9 i Kulturhuset.'],
    ['Möte 10 mars kl 9 i Rådhuset – nej vänta, vi tar biblioteket istället.', 'Möte 10 mars kl 9 i biblioteket.'],
    ['Möte 20 mars kl 10. Ändring: det blir 22 mars i stället.', 'Möte 22 mars kl 10.'],
    ['Möte 10 mars kl 13.00 i Rådhuset, ändra till kl 15 istället.', 'Möte 10 mars kl 15 i Rådhuset.'],
    ['Möte 10 mars kl 10 i Rådhuset. Vi flyttar det till kl 13.', 'Möte 10 mars kl 13 i Rådhuset.'],
    ["Meeting 24 March at 1 pm, actually let's do 2 pm.", 'Meeting 24 March at 2 pm.'],
  ])('%s', (request, read) => {
    // (what stands between the taken-back fact and the correction stays: the place had been lost with it)
    expect(withCorrections(request).text).toBe(read);
  });
  it('leaves alone what takes nothing back', () => {
    for (const t of ['Vi tar med kaffe istället för te.', 'Möte 16 mars kl 10, öh sorry menade den 18:e.']) expect(withCorrections(t).corrections).toEqual([]);
  });
});
