import { describe, expect, it } from 'vitest';
import { redactDeep, redactPersonalData as r } from '../../src/storage/redact.js';

describe('redactPersonalData', () => {
  it.each([
    ['Mitt personnummer är 811218-9876, hjälp', 'Mitt personnummer är [PERSONNUMMER], hjälp'],
    ['pnr 19811218-9876.', 'pnr [PERSONNUMMER].'],
    ['pnr 198112189876', 'pnr [PERSONNUMMER]'],
    ['pnr 8112189876', 'pnr [PERSONNUMMER]'],
    ['född 121212+1212', 'född [PERSONNUMMER]'],
    ['samordningsnummer 701063-2391', 'samordningsnummer [PERSONNUMMER]'],
  ])('personnummer: %s', (input, want) => {
    expect(r(input)).toBe(want);
  });

  it.each([
    ['ring 070-123 45 67 i morgon', 'ring [TELEFON] i morgon'],
    ['ring 0701234567', 'ring [TELEFON]'],
    ['ring 070 123 45 67', 'ring [TELEFON]'],
    ['ring 070-1234567.', 'ring [TELEFON].'],
    ['ring +46 70 123 45 67', 'ring [TELEFON]'],
    ['ring +46701234567', 'ring [TELEFON]'],
    ['ring +46 (0)70-123 45 67', 'ring [TELEFON]'],
    ['ring 0046 70 123 45 67', 'ring [TELEFON]'],
    ['växel 08-123 456 78', 'växel [TELEFON]'],
    ['växel 040-34 10 00 eller', 'växel [TELEFON] eller'],
    ['Höganäs kommun, 042-33 71 00.', 'Höganäs kommun, [TELEFON].'],
    ['kundtjänst 0771-123 456', 'kundtjänst [TELEFON]'],
    ['tel. (08) 123 45 67', 'tel. [TELEFON]'],
  ])('phone: %s', (input, want) => {
    expect(r(input)).toBe(want);
  });

  it('e-mail', () => {
    expect(r('skriv till anna.svensson@hoganas.se eller A_B+x@sub.example.com.')).toBe(
      'skriv till [E-POST] eller [E-POST].',
    );
  });

  it.each([
    'Rapporten från 2024 täcker 2019–2022.',
    '3 169 personer deltog och budgeten var 79,8 miljoner kronor.',
    'Mötet är 2024-01-15 kl. 07:30–09:00, eller 07.30-09.00.',
    'Den 15 januari 2025 klockan 08.00-10.00.',
    'organisationsnummer 556123-4567',
    'enligt SFS 2001:453 och 0,5 procent av 1 200 000 kr',
    'datum 20240115 och intervallet 2017-2019',
    'barn 0-18 år, 05-06 juni, 100 000 kronor, 30 000 – 40 000 kr',
    'diarienummer KS 2023/0123 och Dnr 2023-000123',
    'sidan 12, rad 120-131, 2 500 000 kr',
    'mellan 2024-05-07 08:30 och 2024-05-07 10:00',
    'år 1998, 2005 och 2010 samt 45 %',
  ])('leaves alone: %s', (text) => {
    expect(r(text)).toBe(text);
  });

  it('redacts several kinds in one text and keeps the rest', () => {
    const out = r('Jag heter Eva, 811218-9876, nås på eva@example.se eller 070-123 45 67 efter 2024.');
    expect(out).toBe('Jag heter Eva, [PERSONNUMMER], nås på [E-POST] eller [TELEFON] efter 2024.');
  });

  it.each([
    ['kort 4111 1111 1111 1111, tack', 'kort [KORTNUMMER], tack'],
    ['kortnr 5555-5555-5555-4444', 'kortnr [KORTNUMMER]'],
    ['IBAN SE4550000000058398257466 för återbetalning', 'IBAN [KONTONUMMER] för återbetalning'],
    ['IBAN SE45 5000 0000 0583 9825 7466', 'IBAN [KONTONUMMER]'],
    ['Lösen: hunter2', 'Lösen: [HEMLIGT]'],
    ['lösenord hunter2 tack', 'lösenord [HEMLIGT] tack'],
    ['password is s3cret!', 'password is [HEMLIGT]'],
    ['nyckeln är sk-proj-abcdefghijklmnopqrstuv123 ok', 'nyckeln är [HEMLIGT] ok'],
    ['token xoxb-1234567890-abcdefghij', 'token [HEMLIGT]'],
    ['pnr 1981-12-18-9876', 'pnr [PERSONNUMMER]'],
    ['ring ０７０-１２３ ４５ ６７', 'ring [TELEFON]'],
  ])('cards, accounts, secrets and other forms: %s', (input, want) => {
    expect(r(input)).toBe(want);
  });

  it.each([
    'What is the password policy for staff?',
    'lösenordet är viktigt att byta',
    'Token för mötet: ingen',
    'budgeten 1234 5678 9012 3456 kronor', // sixteen digits whose Luhn check fails
    'ärende Qwyxzorpel4111111111111111 och id abc1796316600883', // digits that pass the check, glued to letters
    'SE12 är ingen IBAN',
    'Projektet fick 4 500 000 kronor 2019–2021',
  ])('leaves alone: %s', (text) => {
    expect(r(text)).toBe(text);
  });

  it('redactDeep walks objects and arrays', () => {
    expect(redactDeep({ a: ['x 070-123 45 67'], b: { c: 'eva@example.se', n: 5 } })).toEqual({
      a: ['x [TELEFON]'],
      b: { c: '[E-POST]', n: 5 },
    });
  });
});
