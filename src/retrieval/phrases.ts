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

/**
 * `longest`, when given, is the length of the longest phrase that can begin with a key (0: none): runs
 * longer than that are not asked of `find` (it would refuse them), which spares joining them.
 */
export function matchPhrases<V>(
  keys: string[],
  maxLen: number,
  find: (key: string, start: number, len: number) => V | undefined,
  longest?: (key: string) => number,
): Array<PhraseMatch<V>> {
  const used = new Array<boolean>(keys.length).fill(false);
  const out: Array<PhraseMatch<V>> = [];
  const longestAt = longest ? keys.map(longest) : null;
  for (let len = maxLen; len >= 1; len--) {
    for (let start = 0; start + len <= keys.length; start++) {
      if (longestAt && longestAt[start] < len) continue;
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
