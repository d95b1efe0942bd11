/**
 * Kinds of request-reading failure found by a second newcomer trial of `brygga invite` (a helper who saw no code typed
 * 40 requests; 11 would have been sent as they were), each tested through createInviter().draft with wording of our
 * own: what the request says there is none of is not promised; that nothing is decided is said only where the request
 * says so; a fact the request asks to add is added as the fact; arrangements said subject first are kept; a venue said
 * in a sentence of its own, after "vi kan vara i", or as a name and a venue word after the time is the place; what
 * comes later is said to come later; a reply date after the meeting and a time that is no time are noted; an agenda
 * the request gives is shown as given; a short text asked for in passing is short.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { agendaGiven, addedFact, saidUnnegated } from '../../src/invite/parse.js';

const inviter = createInviter({ now: () => new Date('2026-12-03T08:00:00Z') });
const draft = (r: string, today = '2026-12-03') => inviter.draft(r, { today });

describe('what the request says not to say', () => {
  it('no fika where the request says there is none or not to mention it', async () => {
    expect(saidUnnegated('Möte kl 9, nämn inte kaffet eller fikat', /\bfika\p{L}*|\bkaffe\p{L}*/giu)).toBe(false);
    expect(saidUnnegated('Möte kl 9. Vi bjuder på fika, ingen anmälan behövs', /\bfika\b/giu)).toBe(true);
    const r = await draft('Träff med pensionärsföreningen tisdag 19 januari kl 14 i Ramlösa bibliotek. Det blir ingen fika den här gången.');
    expect(r.text).not.toMatch(/fika/i);
  });
  it('says that nothing is decided only where the request does', async () => {
    const plain = await draft('Bjud in sociala företag i Lund till ett samtal om återbruk, onsdag 20 januari kl 9 i Lunds stadshus.');
    expect(plain.text).not.toMatch(/Inget är bestämt/);
    const open = await draft('Bjud in sociala företag i Lund till ett samtal om återbruk, onsdag 20 januari kl 9 i Lunds stadshus. Det är helt förutsättningslöst.');
    expect(open.text).toMatch(/Inget är bestämt i förväg/);
  });
});

describe('what the request asks to add', () => {
  it('is added as the fact, not as the instruction', async () => {
    expect(addedFact('Lägg också till att alla får ett sms dagen innan.')).toBe('Alla får ett sms dagen innan.');
    expect(addedFact('Add that there will be a short tour of the building.')).toBe('There will be a short tour of the building.');
    const r = await draft('Möte med hyresgäster i Fredriksdal torsdag 14 januari kl 18 i Fredriksdals kyrka om gården. Lägg till att vi skickar ut en sammanfattning efteråt.');
    expect(r.text).toContain('Vi skickar ut en sammanfattning efteråt.');
    expect(r.text).not.toMatch(/Lägg till/i);
  });
  it('food the request says there will be is served, and children are welcome when it says they may come', async () => {
    const r = await draft('Inbjudan till familjer i Dalhem, lördag 16 januari kl 11 på Dalhems fritidsgård, om nya lekplatsen. Det blir soppa. Barnen får gärna komma med.');
    expect(r.text).toMatch(/soppa/);
    expect(r.text).toMatch(/[Bb]arn/);
  });
  it('a meal served after the meeting keeps its time', async () => {
    const r = await draft('Dialog med föreningar torsdag 14 januari kl 9-11 i Stadshuset om lokaler. Vi bjuder på smörgås efteråt.');
    expect(r.text).toMatch(/Vi bjuder på smörgås efteråt\./);
  });
  it('an arrangement said subject first is kept', async () => {
    const r = await draft('Dialogmöte med föreningar torsdag 21 januari kl 18 i Söders folkets hus. Tolkning till somaliska finns på plats.');
    expect(r.text).toMatch(/Tolkning till somaliska finns på plats/);
  });
  it('"We will provide lunch" is food, not the purpose', async () => {
    const r = await draft('Invite local employers to a meeting about apprenticeships on Tuesday 19 January at 11:30 at the Job Centre. We will provide lunch.');
    const why = r.text.split(/What is in it for you/)[0]!;
    expect(why).not.toMatch(/We will provide lunch/);
  });
});

describe('who is invited', () => {
  it('neighbours and a youth council are residents, not organisations to understand', async () => {
    for (const r of [
      await draft('Bjud in grannarna runt Västra parken till ett möte om nya belysningen, tisdag 19 januari kl 18 i Västra skolan.'),
      await draft('Möte med pensionärsrådet om färdtjänsten, torsdag 21 januari kl 10 i Rådhuset.'),
    ]) {
      expect(r.text).toMatch(/påverka hur stadens tjänster utformas/);
      expect(r.text).not.toMatch(/varandras verksamheter/);
    }
  });
});

describe('an invitation asked for in the other language', () => {
  it('notes that what it takes from the request is in the request\'s language, to translate', async () => {
    const r = await draft('Invite the tenants of Kvarngatan to a meeting about the courtyard on Tuesday 12 January at 6 pm in the laundry room. Please write it in Swedish.');
    expect(r.language).toBe('sv');
    expect((r.notes as string[]).join(' ')).toMatch(/skriven på engelska.*översätt/);
    const same = await draft('Bjud in hyresgästerna på Kvarngatan till ett möte om gården tisdag 12 januari kl 18 i tvättstugan.');
    expect((same.notes as string[]).join(' ')).not.toMatch(/översätt/);
  });
});

describe('where the meeting is', () => {
  it('a venue said in a sentence of its own, after "vi kan vara i", or after the time', async () => {
    expect((await draft('Möte med föräldrar om skolvägen, onsdag 27 januari kl 18. Fågelsångsskolan. Välkomna!')).text).toMatch(/Plats: Fågelsångsskolan/);
    expect((await draft('Vi vill bjuda in handlare i centrum till ett samtal om julbelysningen, måndag 11 januari kl 8. Vi kan vara i Stadshusets lilla sal.')).text).toMatch(/Plats: Stadshusets lilla sal/);
    expect((await draft('Samtal med företag om återvinning, 13/1 kl 9-10, Kretsloppet återbruksgalleria.')).text).toMatch(/Plats: Kretsloppet återbruksgalleria/);
  });
  it('a place or link the request says comes later is said to come later, not left blank', async () => {
    const r = await draft('Möte med föreningar i Norr om lokaler, tisdag 26 januari kl 18. Lokalen meddelas senare.');
    expect(r.text).toMatch(/Plats: meddelas senare/);
    expect(r.missing).not.toContain('place');
    const online = await draft('Digitalt möte på Zoom med sociala företag, 28 januari kl 10-11. Länken skickas dagen innan.');
    expect(online.text).toMatch(/Länk: skickas dagen innan/);
    expect(online.missing).not.toContain('link');
  });
});

describe('dates and times that cannot be meant', () => {
  it('a weekday alone before a time, with no date, is the next such day, and the reading is noted', async () => {
    // 2026-12-03 is a Thursday: "Tisdag" is 8 December, "torsdag" next week's (never today without a word for it)
    const r = await draft('Frukostmöte med företagare i Påarp. Tisdag kl 7.30-9 på Påarps bygdegård.');
    expect(r.fields.date).toBe('2026-12-08');
    expect((r.notes as string[]).join(' ')).toMatch(/"Tisdag" tolkat som 2026-12-08/);
    expect((await draft('Möte med föreningar, torsdag 18-20 i Söders folkets hus')).fields.date).toBe('2026-12-10');
    // a weekday before a date stays that date
    expect((await draft('Möte med föreningar tisdag 12 januari kl 18 i Söders folkets hus')).fields.date).toBe('2027-01-12');
  });
  it('a part of the day with no clock time stays beside the placeholder for the hour', async () => {
    const r = await draft('Internt möte med kollegorna på miljöförvaltningen om återbruk, i morgon förmiddag i rum Ekan.');
    expect(r.text).toMatch(/Tid: på förmiddagen, \[TID\]/);
    expect(r.missing).toContain('time');
    // "i morgon" alone is tomorrow, no part of the day; a meal offered is no time
    expect((await draft('Möte med föreningar i morgon i Rådhuset. Vi bjuder på lunch.')).text).toMatch(/Tid: \[TID\]/);
    // nor is a greeting
    expect((await draft('God morgon! Kan du skriva en inbjudan till föreningar i Väster om lokaler, 14 januari i Rådhuset?')).text).toMatch(/Tid: \[TID\]/);
  });
  it('a topic that is only the kind of meeting is no topic: the purpose is left to fill in', async () => {
    const r = await draft('Gör en inbjudan till föreningar om träff 14 januari kl 18 i Rådhuset');
    expect(r.text).not.toMatch(/prata med er om träff/);
    expect(r.missing).toContain('purpose');
  });
  it('a week number given with the weekday is no part of the topic', async () => {
    const r = await draft('Inbjudan till föreningar i Berga, samtal om nya biblioteket, v. 7 tisdag kl 18-20 i Berga skola.');
    expect(r.text).toMatch(/om nya biblioteket\./);
    expect(r.subject).not.toMatch(/v\. 7/);
  });
  it('a reply date after the meeting is noted', async () => {
    const r = await draft('Dialog med företagare torsdag 14 januari kl 8 i Stadshuset. Anmälan senast 20 januari.');
    expect((r.notes as string[]).join(' ')).toMatch(/efter mötet/);
  });
  it('a time that is no time of day is noted and left blank', async () => {
    const r = await draft('Möte med föreningar 2027-01-12 kl 26.00 i Rådhuset.');
    expect(r.text).toContain('[TID]');
    expect((r.notes as string[]).join(' ')).toMatch(/ingen giltig tid/);
  });
  it('next year\'s date a few weeks ahead has no note that this year\'s has passed', async () => {
    const r = await draft('Möte med föreningar 12 januari kl 18 i Rådhuset.');
    expect((r.notes as string[]).join(' ')).not.toMatch(/passerat/);
  });
});

describe('an agenda the request gives', () => {
  it('is read item by item and shown as given, and is not the topic', async () => {
    expect(agendaGiven('Plats: Väven. Dagordning: 1) Inledning 2) Vad vill ni? 3) Avslut. Kontakt: 040-12 34 00.')?.items).toEqual(['Inledning', 'Vad vill ni?', 'Avslut']);
    expect(agendaGiven('program: fika, genomgång av planen för parken, frågor')?.items).toEqual(['Fika', 'Genomgång av planen för parken', 'Frågor']);
    const r = await draft('Inbjudan till föreningar i Väster, onsdag 20 januari kl 18 i Västerskolans aula. Dagordning: välkomna, genomgång av förslaget om nya idrottshallen, frågor.');
    expect(r.text).toMatch(/Dagordning\n– Välkomna\n– Genomgång av förslaget om nya idrottshallen\n– Frågor/);
    expect(r.text).not.toMatch(/prata med er om (?:nya idrottshallen, )?frågor/);
  });
});

describe('a short text asked for in passing', () => {
  it('is short', async () => {
    const long = await draft('Inbjudan till företag i Ödåkra om kompetens, torsdag 21 januari kl 8 på Ödåkra bygdegård.');
    const short = await draft('Inbjudan till företag i Ödåkra om kompetens, torsdag 21 januari kl 8 på Ödåkra bygdegård. Gör det roligt, kort.');
    expect(short.text.length).toBeLessThan(long.text.length);
  });
});
