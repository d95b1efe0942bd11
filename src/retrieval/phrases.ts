/**
 * Longest-first phrase matching over a token sequence, shared by the glossary and the English →
 * Swedish word list: for each length from `maxLen` down to 1, every run of still-free tokens that
 * `find` accepts is taken, so "labour market" wins over "labour" and no token is used twice.
 */
export interface PhraseMatch<V> {
  start: number;
  len: number;
  /** the matched keys joined by a space */
  key: string;
  value: V;
}

export function matchPhrases<V>(keys: string[], maxLen: number, find: (key: string, start: number, len: number) => V | undefined): Array<PhraseMatch<V>> {
  const used = new Array<boolean>(keys.length).fill(false);
  const out: Array<PhraseMatch<V>> = [];
  for (let len = maxLen; len >= 1; len--) {
    for (let start = 0; start + len <= keys.length; start++) {
      if (used.slice(start, start + len).some(Boolean)) continue;
      const key = keys.slice(start, start + len).join(' ');
      const value = find(key, start, len);
      if (value === undefined) continue;
      out.push({ start, len, key, value });
      used.fill(true, start, start + len);
    }
  }
  return out;
}
