/**
 * Kinds of request-reading failure seen on the tune part of evals/invite-fresh-5.jsonl, each tested through
 * createInviter().draft with wording of our own: the register named between "inbjudan" and the audience,
 * the host's own note on the audience in brackets, the invited themselves "är med och tycker till om …",
 * an instruction that goes on after a colon, a venue after a time said in words, an English venue after the
 * weekday, date and time, an English audience "for the … group" after a comma, and a Swedish request typed
 * without å/ä/ö.
 */
import { describe, expect, it } from 'vitest';
import { addressForms, checkInvite } from '../../evals/invite.js';
import { createInviter } from '../../src/invite/index.js';
import { requestWithDiacritics } from '../../src/text/diacritics.js';

const inviter = createInviter({ now: () => new Date('2026-10-01T08:00:00Z') });
const draft = (r: string, today = '2026-10-01') => inviter.draft(r, { today });

describe('who is invited', () => {
  it('the register named between "inbjudan" and the audience is not taken for the audience, nor loses it', async () => {
    const en = await draft('Kan du göra en inbjudan på engelska till nyanlända föräldrar i Rosengård? Vi vill prata om läxhjälp. Tisdag 13 oktober kl 17 på Rosengårds bibliotek.');
    expect(en.language).toBe('en');
    expect(en.audience).toBe('nyanlända föräldrar i Rosengård');
    const easy = await draft('Behöver inbjudan, lätt svenska, till deltagarna i Språkcaféet. Vi vill prata om sommaren. Fredag 16 oktober kl 10 på Stadsbiblioteket.');
    expect(easy.audience).toBe('deltagarna i Språkcaféet');
  });
  it("the host's own note on the group in brackets is not part of its name", async () => {
    const r = await draft('Inbjudan till deltagarna i Jobbspåret (vårt projekt med AF) om hur praktiken ska se ut, fredag 16 oktober kl 10 på Jobbcentrum.');
    expect(r.audience).toBe('deltagarna i Jobbspåret');
    expect(r.text).not.toMatch(/vårt projekt/);
  });
});

describe('what the meeting is for', () => {
  it('"Vi vill att de är med och tycker till om X" is the purpose, not an instruction about who else takes part', async () => {
    const r = await draft('Inbjudan till föreningarna i Brunnshög, torsdag 15 oktober kl 18 i Mötesplatsen. Vi vill att de är med och tycker till om hur parken ska användas.');
    expect(r.text).toMatch(/tycker till om hur parken ska användas/);
    expect(r.text).not.toMatch(/\[SYFTE\]|Med på mötet finns också/);
  });
  it('an instruction that goes on after a colon keeps the meeting words after it', async () => {
    const r = await draft('Skriv en inbjudan till kollegorna på miljöförvaltningen: på tisdag kl 10 i rum Eken, vi ska gå igenom budgeten för nästa år.');
    expect(r.text).toMatch(/gå igenom budgeten för nästa år/i);
    expect(r.text).not.toMatch(/\[SYFTE\]/);
  });
});

describe('where', () => {
  it('a venue after a time said in words ("halv tio till elva, Kommunhuset, sammanträdesrum Ådalen") is the place', async () => {
    const r = await draft('Kan du formulera en inbjudan till ett första möte med företagare i centrum? Det handlar om julskyltning. Torsdag 15 oktober halv tio till elva, Kommunhuset, sammanträdesrum Ådalen. Mvh Eva');
    expect(r.fields.place).toBe('Kommunhuset, sammanträdesrum Ådalen');
    expect(r.fields.start).toBe('09:30');
  });
});

describe('in English', () => {
  it('a venue named after the weekday, date and time ("Saturday 10 October, 11-14, Norra Byn School, dining hall") is the place', async () => {
    const r = await draft('Invite in English please: open workshop for residents of Norra Byn. Saturday 10 October, 11-14, Norra Byn School, dining hall. No agenda needed.');
    expect(r.fields.place).toBe('Norra Byn School, dining hall');
    expect(r.text).toContain('Norra Byn School, dining hall');
  });
  it('a group named after a comma with "for the …" is the audience', async () => {
    const r = await draft('need an invite in english for next thursday 9-10, online via Teams, for the newcomer parents group - we want to hear their ideas about the library');
    expect(r.audience).toBe('the newcomer parents group');
  });
});

describe('a Swedish request typed without å/ä/ö', () => {
  it('is written out with them: the audience, the purpose and the weekday', async () => {
    const request = 'gor en inbjudan till foreningarna i omradet, mandag 12/10 kl 18 i Folkets hus. vi vill prata om lokaler for unga';
    const r = await draft(request);
    expect(r.audience).toBe('föreningarna i området');
    expect(r.text).toMatch(/lokaler för unga/);
    expect(r.text).toMatch(/måndag 12 oktober/);
    // and the rubric reads the request the same way: nothing in it counts as invented
    const invented = checkInvite({ id: 't', lang: 'sv', today: '2026-10-01', request }, r).filter((i) => /invented/.test(i.item) && !i.pass);
    expect(invented).toEqual([]);
  });
  it('only letters change, and a request that has å/ä/ö is left as typed', () => {
    const typed = 'vi vill prata om lokaler for unga pa fritidsgarden';
    expect(requestWithDiacritics(typed)).toHaveLength(typed.length);
    expect(requestWithDiacritics(typed)).toBe('vi vill prata om lokaler för unga på fritidsgården');
    expect(requestWithDiacritics('Möte for unga')).toBe('Möte for unga');
  });
  it('keeps one form of address', async () => {
    const r = await draft('gor en inbjudan till foretagare i Angered, mote pa mandag kl 9 i Blabarsgarden, vi vill prata om lokala jobb');
    const forms = addressForms(r.text);
    expect(forms.du && forms.ni).toBeFalsy();
  });
});
