/**
 * Cleaning of Swedish PDF text extracts. Every rule works line by line so that each cleaned
 * line keeps its number in the raw file: a chunk always knows its line range in the original.
 *
 * Rules (each tested on real lines from the corpus in test/clean.test.ts):
 * - dropped fi/fl ligatures: "fnns" → "finns", "defnieras" → "definieras" (checked against the vocabulary)
 * - hyphenation at line ends: "medarbetar-" + "na" → "medarbetarna" (done when lines are joined, see joinLines)
 * - spaces inside words: "före tag" → "företag" when the joined word is known and the split form is not usual
 * - running headers and page numbers (also letter-spaced ones: "K A P I T E L")
 * - footnote numbers glued to words: "ägarna.11" → "ägarna.", "(2000)6 skiljer" → "(2000) skiljer"
 * - duplicated URLs: a bare URL or mailto line repeating an address just given
 * - debris of tables printed vertically: runs of lines of one to three characters
 */

export interface Vocabulary {
  /** frequency of a lowercased word in the whole knowledge base */
  freq(word: string): number;
  /** frequency of the lowercased bigram "a b" */
  bigram(a: string, b: string): number;
}

/** Builds word and bigram frequencies over raw texts (the corpus' own vocabulary). */
export function buildVocabulary(texts: string[], extraWords: Iterable<string> = COMMON_WORDS): Vocabulary {
  const words = new Map<string, number>();
  const bigrams = new Map<string, number>();
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const toks = line.toLowerCase().match(/\p{L}+/gu) ?? [];
      for (let i = 0; i < toks.length; i++) {
        words.set(toks[i], (words.get(toks[i]) ?? 0) + 1);
        if (i > 0) {
          const k = toks[i - 1] + ' ' + toks[i];
          bigrams.set(k, (bigrams.get(k) ?? 0) + 1);
        }
      }
    }
  }
  for (const w of extraWords) words.set(w, (words.get(w) ?? 0) + 5);
  return {
    freq: (w) => words.get(w) ?? 0,
    bigram: (a, b) => bigrams.get(a + ' ' + b) ?? 0,
  };
}

/** Frequent Swedish words that contain fi/fl, so ligature repair works on a small corpus too. */
const COMMON_WORDS = `finns fanns fick flera flesta definiera definieras definition identifiera identifierade befintlig
befintliga befintliga specifik specifika konflikt konflikter officiell profil effektivisera fiska flyg flytt flytta
flyktingar fler flerårig flexibel flexibla influens influera influerad fira fin fina finansiering finansiera finansierade
filosofi fil film final`.split(/\s+/);

export interface CleanLine {
  /** 1-based line number in the raw file */
  raw: number;
  text: string;
  /** page (or slide) number, when the extract marks page starts */
  page: number | null;
  /** true for a line the cleaner dropped (header, page number, debris) */
  dropped: boolean;
  /** a heading level (1 = top) when the line looks like a heading */
  heading: number;
  /** slides: the extract marked this line as the first of a slide's text (after its title line) */
  textStart?: boolean;
}

const URL_RE = /^(?:https?:\/\/|mailto:|www\.)\S+$/i;

/** Repairs dropped fi/fl ligatures in a word when the vocabulary knows the repaired form. */
export function repairLigatures(word: string, vocab: Vocabulary): string {
  const lower = word.toLowerCase();
  if (!lower.includes('f') || lower.length < 3) return word;
  const own = vocab.freq(lower);
  let best = word;
  let bestFreq = Math.max(own, 1);
  for (let i = 0; i < lower.length; i++) {
    if (lower[i] !== 'f') continue;
    for (const ins of ['i', 'l']) {
      if (lower[i + 1] === ins) continue;
      const cand = lower.slice(0, i + 1) + ins + lower.slice(i + 1);
      const f = vocab.freq(cand);
      if (f >= 2 && f > bestFreq) {
        bestFreq = f;
        best = word.slice(0, i + 1) + (word[i] === 'F' && word.slice(i + 1) === word.slice(i + 1).toUpperCase() && word.length > 1 ? ins.toUpperCase() : ins) + word.slice(i + 1);
      }
    }
  }
  return best;
}

/**
 * Drops footnote numbers glued to a word: a word of 3+ lowercase letters, a closing parenthesis or a
 * sentence end, then 1–2 digits ("ägarna.11" → "ägarna.", "(2000)6 skiljer" → "(2000) skiljer").
 * Uppercase codes such as "PO3", "2.0" and space-separated numbers such as "kap 4" are kept. The eval's
 * gold evidence is read through it too, since it is copied from the raw reports.
 */
export function dropFootnoteNumbers(line: string): string {
  return line.replace(/(\p{Ll}{3,}[.,;:]?|\))(\d{1,2})(?=\s|$)/gu, '$1');
}

function applyWordFixes(line: string, vocab: Vocabulary): string {
  // ligatures
  // Markdown emphasis in converted reports: "**Strukturfond:** ESF" → "Strukturfond: ESF"
  let out = line.replace(/\*\*/g, '');
  out = out.replace(/\p{L}+/gu, (w) => repairLigatures(w, vocab));
  out = dropFootnoteNumbers(out);
  // spaces inside words: "före tag", "påbörj ades" — every neighbouring pair is considered in turn
  const parts = out.split(/( )/);
  const joinedParts: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const a = parts[i];
    const b = parts[i + 2];
    if (parts[i + 1] === ' ' && b !== undefined && /^\p{L}{2,}$/u.test(a) && /^\p{Ll}{2,}[.,;:!?)]?$/u.test(b)) {
      if (isSplitWord(a, b.replace(/[.,;:!?)]$/, ''), vocab)) {
        joinedParts.push(a + b);
        i += 2;
        continue;
      }
    }
    joinedParts.push(a);
  }
  out = joinedParts.join('');
  return out;
}

/** True for a page number or a line of page numbers ("19", "20 21"). */
function isPageNumber(t: string): boolean {
  return /^\d{1,3}(?:\s+\d{1,3})?$/.test(t);
}

/** True for letter-spaced text like "K A P I T E L  3". */
function isLetterSpaced(t: string): boolean {
  const flat = t.replace(/\s{2,}/g, ' ');
  if (/^(?:\S ){3,}\S$/.test(flat)) return true;
  // a letter-spaced running footer with its page number, where the extract joined some letters
  // ("1 3D E N  I N N O V AT I V A  S T A D E N  -  I N N O V AT I O N …"): eight tokens or more,
  // at least four in five of them one character
  const tokens = flat.split(' ');
  return tokens.length >= 8 && tokens.filter((w) => w.length === 1).length >= 0.8 * tokens.length;
}

function headingLevel(t: string, raw: string): number {
  const md = /^(#{1,6})\s+\S/.exec(t);
  if (md) return md[1].length;
  if (/^KAPITEL\s+\d+$/i.test(t)) return 1;
  // "1 Inledning", "2.2.1 Syfte" are headings; "1. Arbete" is a list item
  const num = /^(\d{1,2}(?:\.\d{1,2}){0,3})\s+\p{Lu}[\p{L}\s,–-]{2,80}$/u.exec(t);
  if (num && !/[.!?]$/.test(t)) return num[1].split('.').length;
  if (/^Del \d+:?$/.test(t)) return 1;
  // a report's standard parts, alone on their line
  if (/^(?:Sammanfattning|Förord|Inledning|Referenser|Källförteckning|Slutsatser|Summary|Foreword|Introduction|References)$/.test(t)) return 1;
  void raw;
  return 0;
}

/**
 * Cleans one raw text. Returns one CleanLine per raw line (dropped lines included and marked),
 * so positions map back to the original file.
 */
export function cleanText(raw: string, vocab: Vocabulary, opts: { markedPages?: boolean } = {}): CleanLine[] {
  const rawLines = raw.replace(/\r\n?/g, '\n').split('\n');
  const trimmed = rawLines.map((l) => l.replace(/\s+$/, '').replace(/^\s+/, ''));

  // page starts: in slide extracts the first line of a page starts with exactly one space (in
  // running text the same mark also appears mid-page, so pages are only read where asked for)
  const pageStarts = rawLines.filter((l) => /^ \S/.test(l)).length;
  const hasPages = Boolean(opts.markedPages) && pageStarts >= 3;

  // running headers: short lines that recur many times (not markdown headings, not table cells of one word)
  const counts = new Map<string, number>();
  for (const t of trimmed) if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  const isRunningHeader = (t: string) =>
    !t.startsWith('#') && (counts.get(t) ?? 0) >= 4 && t.length <= 40 && !/^[-•>*\d]/.test(t) && /\p{L}{3}/u.test(t) && !/[.:]$/.test(t);

  // The mark is on the first line of the slide's text; a title that stands alone on the line
  // before it (after a blank line, no bullet, no full stop) belongs to the same slide. Without
  // this the title "Faktorer som hämmar samverkan" ended the previous slide and this slide was
  // labelled by its first bullet.
  const pageStart = new Set<number>();
  if (hasPages)
    for (let i = 1; i < rawLines.length; i++) {
      if (!/^ \S/.test(rawLines[i])) continue;
      const title = trimmed[i - 1];
      const standsAlone = i >= 2 && !trimmed[i - 2] && !/^\s/.test(rawLines[i - 1]);
      pageStart.add(title && standsAlone && title.length <= 80 && !/^[•\uf0b7▪●○◦>*+–-]/u.test(title) && !/[.!]$/.test(title) ? i - 1 : i);
    }
  // a slide whose text the extract did not mark still starts after three blank lines (the
  // extract's gap between slides): "Sektorsöverskridande samverkan ”SÖS”" was read as part of the
  // slide before it
  if (hasPages)
    for (let i = 3; i < rawLines.length; i++)
      if (trimmed[i] && !trimmed[i - 1] && !trimmed[i - 2] && !trimmed[i - 3] && !pageStart.has(i + 1) && !/^\s/.test(rawLines[i]) && !/^[•\uf0b7▪●○◦>*+–—-]/u.test(trimmed[i])) pageStart.add(i);

  const out: CleanLine[] = [];
  let page = hasPages ? 1 : null;
  for (let i = 0; i < rawLines.length; i++) {
    if (pageStart.has(i)) page = (page ?? 1) + 1;
    const t = trimmed[i];
    let dropped = false;
    if (!t) dropped = false;
    else if (isPageNumber(t) || isLetterSpaced(t) || isRunningHeader(t) || /^\*\*[A-ZÅÄÖ ]+\*\*$/.test(t)) dropped = true;
    else if (URL_RE.test(t)) {
      // a bare address repeating one given in the previous lines
      const addr = t.replace(/^(?:https?:\/\/|mailto:)/i, '').replace(/\/$/, '').toLowerCase();
      const before = trimmed.slice(Math.max(0, i - 4), i).join(' ').toLowerCase();
      if (before.includes(addr)) dropped = true;
    }
    const text = dropped || !t ? '' : applyWordFixes(t, vocab).replace(/\s{2,}/g, ' ');
    const line: CleanLine = { raw: i + 1, text, page, dropped, heading: dropped || !t ? 0 : headingLevel(text, rawLines[i]) };
    if (hasPages && pageStart.has(i - 1) && /^ \S/.test(rawLines[i])) line.textStart = true;
    out.push(line);
  }

  // table debris printed vertically: runs of 3+ non-empty lines of at most 3 characters
  let runStart = -1;
  const flush = (end: number) => {
    if (runStart >= 0 && end - runStart >= 3) for (let j = runStart; j < end; j++) out[j] = { ...out[j], text: '', dropped: true, heading: 0 };
    runStart = -1;
  };
  for (let i = 0; i < out.length; i++) {
    const t = out[i].text;
    if (t && t.length <= 3 && !/^[-•]/.test(t)) {
      if (runStart < 0) runStart = i;
    } else if (t) flush(i);
  }
  flush(out.length);
  dropTableOfContents(out);
  nameChapters(out);
  if (!hasPages) markBoxHeadings(out);
  return out;
}

/** words a heading does not end with: a line that ends with one runs on into the next */
const RUNS_ON = new Set(
  `och eller samt men att som i på av för till med om från vid mot under över mellan inom utan efter genom hos en ett den det de
  detta dessa sin sina sitt är var har hade kan ska the of and or to in on for with a an`.split(/\s+/),
);

/**
 * Subheadings the extract left unmarked: in running text, a line (or a line and its lowercase
 * continuation) after a finished sentence or a heading, that starts with a capital, ends with no
 * punctuation, has 3–14 words and no digit or colon (an excerpt's source, "Ur Laxå kommuns
 * näringslivsprogram 2022–2026", may have years), and is followed by a line starting with a
 * capital ("Argument och initiala perspektiv", "De sociala företagen – en del av lösningen i /
 * glesbygdskommuner"). Not when the next line only finishes a sentence ("…till nationalekonomen" /
 * "Joseph Schumpeter. Enligt …"), when the line ends in a function word or "att" + verb, or when most
 * words are capitalized (a table's header row, a list of places). Such a line becomes a heading one
 * level below the last marked heading (a two-line title on its first line; the second left empty), so
 * a box or a subsection starts its own passage and is labelled by its title.
 */
export function markBoxHeadings(out: CleanLine[]): void {
  const nextText = (i: number) => {
    for (let k = i + 1; k < out.length; k++) if (out[k].text) return k;
    return -1;
  };
  let lastText = -1;
  let structural = 0;
  for (let i = 0; i < out.length; i++) {
    const line = out[i];
    if (!line.text) continue;
    const before = lastText;
    lastText = i;
    if (line.heading) {
      structural = line.heading;
      continue;
    }
    if (!/^\p{Lu}/u.test(line.text) || /[\d:]/.test(withoutExcerptYears(line.text)) || BULLET_START.test(line.text) || line.text.startsWith('#')) continue;
    if (before >= 0 && !out[before].heading && !/[.!?”"]$/.test(out[before].text)) continue;
    if (/[.,;!?]$/.test(line.text)) continue;
    const block = out[i + 1]?.text && /^\p{Ll}/u.test(out[i + 1].text) ? [i, i + 1] : [i];
    const title = block.map((k) => out[k].text).join(' ');
    if (/[.,;:!?]$|\d/.test(withoutExcerptYears(title))) continue;
    const n = nextText(block[block.length - 1]);
    if (n < 0 || !/^\p{Lu}/u.test(out[n].text) || /^(?:\S+\s+){0,2}\S+\.(?:\s|$)/u.test(out[n].text)) continue;
    const words = title.split(/\s+/);
    const capitalized = words.filter((w) => /^\p{Lu}/u.test(w)).length;
    if (words.length < 3 || words.length > 14 || RUNS_ON.has(words[words.length - 1].toLowerCase()) || words[words.length - 2]?.toLowerCase() === 'att') continue;
    if (capitalized * 2 > words.length) continue;
    out[i] = { ...line, text: title, heading: Math.min(6, structural + 1) };
    if (block.length > 1) out[block[1]] = { ...out[block[1]], text: '', heading: 0 };
    lastText = i;
    i = block[block.length - 1];
  }
}

const BULLET_START = /^[•\uf0b7▪●○◦>*+–-]/u;
/** the caption of an excerpt: "Ur" ("from") and its source, as reports label a quoted policy */
const EXCERPT_SOURCE = /^Ur\s+\p{Lu}/u;
/** a year or a span of years, "2022", "2022–2026" */
const YEARS = /\b(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)\d\d)?\b/g;

/** A line without the years of an excerpt's source ("Ur Laxå kommuns näringslivsprogram 2022–2026"); any other line as it is. */
function withoutExcerptYears(text: string): string {
  return EXCERPT_SOURCE.test(text) ? text.replace(YEARS, '') : text;
}

/** a table-of-contents entry: a page number and a title ("51 Uppföljning och effektmätning") */
const TOC_ENTRY = /^(\d{1,3})\s+\p{Lu}.{2,80}(?<![.!])$/u;

/**
 * A table of contents is navigation, not content: a run of at least four entries ("31 Placering av
 * rollen …", "32 Intern samverkansstruktur", … "63 Referenser"), only blank lines between them, page
 * numbers never falling, is dropped. Its entries looked like numbered headings, so the report's
 * summary was filed under "63 Referenser".
 */
function dropTableOfContents(out: CleanLine[]): void {
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 4) for (const j of run) out[j] = { ...out[j], text: '', dropped: true, heading: 0 };
    run = [];
  };
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    const t = out[i].text;
    if (!t) continue;
    const m = TOC_ENTRY.exec(t);
    const page = m ? Number(m[1]) : -1;
    if (m && (!run.length || page >= last)) {
      run.push(i);
      last = page;
    } else {
      flush();
      if (m) {
        run.push(i);
        last = page;
      }
    }
  }
  flush();
}

/**
 * "KAPITEL 3" or "Del 1:" alone on its line names its chapter on the lines after it ("Sociala
 * företag i kommunerna", "Exempel på idéer som / kan bli innovationer i / Helsingborgs stad"): up to
 * three short lines up to a blank line, together at most 80 characters, are the chapter's title. The
 * heading becomes "KAPITEL 3 Sociala företag i kommunerna" on the first line (the title's lines are
 * then empty), so sections are labelled by what they are about.
 */
function nameChapters(out: CleanLine[]): void {
  for (let i = 0; i < out.length; i++) {
    if (!out[i].heading || !/^(?:KAPITEL|Kapitel|Del|Chapter|Part)\s+\d+:?$/.test(out[i].text)) continue;
    let j = i + 1;
    while (j < out.length && !out[j].text && j - i <= 3) j++;
    const lines: number[] = [];
    // up to a blank line, a question mark, or the title said again (the extract repeats it)
    for (let k = j; k < out.length && out[k].text && lines.length < 3; k++) {
      if (lines.length && out[k].text.replace(/\s+/g, ' ') === lines.map((n) => out[n].text).join(' ').replace(/\s+/g, ' ')) break;
      lines.push(k);
      if (/\?$/.test(out[k].text)) break;
    }
    const title = lines.map((k) => out[k].text).join(' ');
    const ok =
      lines.length > 0 &&
      title.length <= 80 &&
      /^\p{Lu}/u.test(title) &&
      !/^#|^\d/.test(title) &&
      !lines.some((k, n) => /[.!:;,]$/.test(out[k].text) || (n < lines.length - 1 && /\?$/.test(out[k].text)));
    if (!ok) continue;
    out[i] = { ...out[i], text: `${out[i].text.replace(/:$/, ':')} ${title}` };
    for (const k of lines) out[k] = { ...out[k], text: '', heading: 0 };
  }
}

/**
 * Whether a word was split over a line end without a hyphen ("Flertalet har dock valt att inte
 * utveck" + "la separata styrdokument"): the joined word is known, the two pieces are rarer together
 * than it, and not both are common words on their own (the rule `applyWordFixes` uses within a line).
 */
function splitAtLineEnd(text: string, next: string, vocab: Vocabulary): boolean {
  const a = /(\p{L}{2,})$/u.exec(text)?.[1];
  const b = /^(\p{Ll}{2,})(?=[\s.,;:!?)]|$)/u.exec(next)?.[1];
  return Boolean(a && b && isSplitWord(a, b, vocab));
}

/** pronouns and articles, which follow a word as words of their own rather than as the end of it */
const FUNCTION_WORDS = new Set(['de', 'dem', 'den', 'det', 'en', 'ett', 'vi', 'ni', 'man', 'han', 'hon', 'jag', 'du', 'dom']);

/**
 * Whether two pieces ("före" + "tag", b lowercase) are one word the extract split: the joined word is
 * known, the split form rarer than it, and not both pieces common words on their own.
 */
function isSplitWord(a: string, b: string, vocab: Vocabulary): boolean {
  // a word and a pronoun or article after it are two words ("genomför de en massrekrytering" is not "genomförde")
  if (FUNCTION_WORDS.has(b) && vocab.freq(a.toLowerCase()) > 0) return false;
  const joined = (a + b).toLowerCase();
  const fJoined = vocab.freq(joined);
  const fa = vocab.freq(a.toLowerCase());
  const fb = vocab.freq(b);
  return fJoined >= 2 && vocab.bigram(a.toLowerCase(), b) < fJoined && !(Math.min(fa, fb) > fJoined && fa > 3 && fb > 3);
}

/**
 * Joins cleaned lines into running text, repairing hyphenation at line ends and words the extract
 * split over a line end without a hyphen (`splitAtLineEnd`). Returns the text and, for each character, the raw line it came from.
 */
export function joinLines(lines: CleanLine[], vocab?: Vocabulary): { text: string; lineAt: Int32Array } {
  let text = '';
  const map: number[] = [];
  for (const line of lines) {
    if (!line.text) continue;
    if (text) {
      const hy = /(\p{L})-$/u.exec(text);
      const nextStartsLower = /^\p{Ll}/u.test(line.text);
      if (hy && nextStartsLower) {
        // "medarbetar-" + "na": drop the hyphen unless the hyphenated form is what the vocabulary knows
        const prevWord = /(\p{L}+)-$/u.exec(text)?.[1] ?? '';
        const nextWord = /^\p{L}+/u.exec(line.text)?.[0] ?? '';
        const joined = (prevWord + nextWord).toLowerCase();
        const conjunction = /^(och|eller|samt|resp|respektive|till)$/i.test(nextWord); // "kvalitets- och uppföljningsarbete"
        const keepHyphen =
          conjunction ||
          (vocab ? vocab.freq(joined) === 0 && vocab.freq(prevWord.toLowerCase()) > 2 && vocab.freq(nextWord.toLowerCase()) > 2 : false);
        if (!keepHyphen) {
          text = text.slice(0, -1);
          map.pop();
        } else if (conjunction) {
          text += ' ';
          map.push(line.raw);
        }
      } else if (!(vocab && nextStartsLower && splitAtLineEnd(text, line.text, vocab))) {
        text += ' ';
        map.push(line.raw);
      }
    }
    for (let k = 0; k < line.text.length; k++) map.push(line.raw);
    text += line.text;
  }
  return { text, lineAt: Int32Array.from(map) };
}
