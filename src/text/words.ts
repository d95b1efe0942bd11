/**
 * Word boundaries for Swedish. JavaScript's `\b` knows only ASCII word characters, so in
 * `/\b(två|åtta|är)\b/` the words "två", "åtta" and "är" never match where they stand alone: there is
 * no ASCII boundary before "å" or "ä" or after "å". `unicodeWords` rewrites a regular expression's `\b`
 * to a boundary between a letter, digit or "_" (any script, `\p{L}\p{N}_`) and anything else, and adds
 * the `u` flag that `\p{…}` needs (ECMA-262 has no Unicode-aware `\b`, not even with the `v` flag).
 *
 * @param re a regular expression written with `\b` as if it were Unicode-aware
 * @returns a new RegExp with the same flags plus `u`
 * @throws SyntaxError when the pattern is not valid in Unicode mode (an identity escape such as `\-`
 *   outside a class): found when the module loads
 */
export function unicodeWords(re: RegExp): RegExp {
  const W = String.raw`[\p{L}\p{N}_]`;
  const boundary = `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`;
  // an escaped backslash ("\\b" is a backslash and a b) is kept as it is
  const source = re.source.replace(/\\\\|\\b/g, (m) => (m === '\\b' ? boundary : m));
  return new RegExp(source, re.flags.includes('u') || re.flags.includes('v') ? re.flags : re.flags + 'u');
}
