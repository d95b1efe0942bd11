import { describe, expect, it } from 'vitest';
import { PACK_MIN_BYTES, packText, unpackText } from '../../src/storage/compact.js';

describe('packed texts (src/storage/compact.ts)', () => {
  it('gives back every text exactly: Swedish letters, quotes, emoji, line breaks', () => {
    const texts = [
      'Jag hittar inget säkert svar på det i underlagen. De här avsnitten ligger närmast:\n\n”Åtta av tio föreningar i Örebro …” [1]\n\nKällor:\n[1] Rapport, 3.1, rad 12–19',
      'According to the sources (quoted in Swedish):\n\n”Idéburet offentligt partnerskap (IOP) är en samverkansform.” [1] 🙂\r\n\tslut',
      'x'.repeat(PACK_MIN_BYTES) + 'ÅÄÖåäö'.repeat(50),
    ];
    for (const t of texts) {
      const packed = packText(t);
      expect(typeof packed === 'string' ? packed : unpackText(packed)).toBe(t);
    }
  });

  it('keeps short texts as they are', () => {
    expect(packText('Vad är IOP?')).toBe('Vad är IOP?');
    const short = 'å'.repeat(Math.floor(PACK_MIN_BYTES / 2) - 1);
    expect(packText(short)).toBe(short);
    expect(unpackText('Vad är IOP?')).toBe('Vad är IOP?');
    expect(unpackText(null)).toBeNull();
  });

  it('packs an answer with its fixed sentences to well under half', () => {
    const answer = 'Enligt underlaget:\n\n”Ett socialt företag driver näringsverksamhet med ett samhälleligt syfte och återinvesterar sina vinster.” [1]\n\nKällor:\n[1] Sociala företag i kommunen, 2 Vad är ett socialt företag, rad 40–44';
    const packed = packText(answer);
    expect(Buffer.isBuffer(packed)).toBe(true);
    expect((packed as Buffer).length).toBeLessThan(Buffer.byteLength(answer) / 2);
  });

  it('refuses a stored value of a format it does not know', () => {
    expect(() => unpackText(Buffer.from([9, 1, 2, 3]))).toThrow(/lagringsformat 9/);
  });
});
