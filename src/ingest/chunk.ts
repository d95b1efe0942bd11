/**
 * Structure-following chunking. A document's cleaned lines become sections (heading path,
 * slides, case studies), sections become sentence units, and units are packed into chunks of
 * about 60–200 words. Every sentence keeps its raw line range, so every chunk and every quote
 * maps back to the original file.
 */
import type { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { Audience, Chunk } from '../domain/types.js';
import { joinLines, type CleanLine, type Vocabulary } from './clean.js';

export interface Sentence {
  text: string;
  lines: [number, number];
  page: number | null;
  /** starts a list item */
  item: boolean;
}

export interface Section {
  path: string[];
  /** project / case name to carry into every chunk of a case study */
  caseName: string | null;
  /** keep the whole section in one chunk (fact boxes) */
  keepWhole: boolean;
  lines: CleanLine[];
}

const BULLET_RE = /^(?:[•\uf0b7\u2022\u25aa\u25cf▪●○◦>*]|[-+–](?=\s)|\d{1,2}[.)](?=\s))\s*/u;
const ABBREV = /(?:\b(?:t\.ex|bl\.a|s\.k|d\.v\.s|dvs|m\.m|ca|nr|kap|resp|jfr|st|s|inkl|exkl|osv|etc|e\.g|i\.e|vs|prof|dr|mr|mrs|no|fig|tab)\.|\b\p{Lu}\.)$/iu;

function wordCount(s: string): number {
  return (s.match(/\S+/g) ?? []).length;
}

/** Splits the cleaned lines of a document into sections along headings, slides and cases. */
export function sectionize(lines: CleanLine[], kind: string): Section[] {
  const sections: Section[] = [];
  let path: string[] = [];
  // the heading level of each entry of `path` (a case study's name: 0)
  let levels: number[] = [];
  let caseName: string | null = null;
  let current: Section = { path: [], caseName: null, keepWhole: false, lines: [] };
  const start = (p: string[], keepWhole = false) => {
    if (current.lines.some((l) => l.text)) sections.push(current);
    current = { path: p, caseName, keepWhole, lines: [] };
  };
  const isSlides = kind === 'slides';
  let lastPage: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isSlides && line.page !== lastPage && line.text) {
      // a new slide: its first line(s) are its title
      lastPage = line.page;
      // a link, or the tail of one the extract broke ("och-stadsmissionshalsan/"), is no title: the
      // slide's first line that is not one ("Bild 14: https://…" read so)
      const isLink = (t: string) => /^(?:https?:\/\/|www\.)\S*$|^\S*\/\S*$/.test(t.trim());
      const titleLine = lines.slice(i, i + 8).find((l) => l.text && l.page === line.page && !isLink(l.text))?.text ?? line.text;
      const title = titleLine.replace(BULLET_RE, '').slice(0, 80);
      const nextLine = lines.slice(i + 1, i + 3).find((l) => l.text);
      // the slide's marked first line of text is its text, not the rest of its title
      const next = nextLine && !nextLine.textStart ? nextLine.text : '';
      // a short title runs on to the next line, unless that line is a bullet of the slide's list
      // (the label read "Bild 16: Läget förändras • Nya frågor tar över uppmärksamheten")
      const full = /[?:]$|^\p{Lu}[\p{Ll}]+\s*$/u.test(title) || title.split(' ').length > 3 || !next || BULLET_RE.test(next) ? title : `${title} ${next}`.slice(0, 80);
      start([`Bild ${line.page}: ${full.trim()}`]);
      current.lines.push(line);
      continue;
    }
    if (line.heading > 0) {
      const title = line.text.replace(/^#+\s*/, '').replace(/\*\*/g, '').trim();
      // inside a fact box, a "heading" ending in ":" is one of its fields ("### Samarbetsparter:")
      if (current.keepWhole && /:$/.test(title)) {
        current.lines.push({ ...line, heading: 0, text: line.text.replace(/^#+\s*/, '') });
        continue;
      }
      // a level-1 heading followed closely by "Projektägare:" starts a case study
      const ahead = lines.slice(i + 1, i + 8).filter((l) => l.text).slice(0, 3);
      if (line.heading === 1 && ahead.some((l) => /^\**Projektägare\**:/i.test(l.text))) {
        caseName = title;
        path = [title];
        levels = [0];
        start(path);
        continue;
      }
      // a heading closes the open ones of its level and deeper, by level, not by position: when "2.1 …"
      // was not read as a heading, "2.1.4 …" still replaces "2.1.3 …" instead of nesting under it
      const level = Math.max(1, line.heading);
      const open = levels.findIndex((l) => l >= level);
      const keep = open < 0 ? path.length : open;
      path = [...path.slice(0, keep), title];
      levels = [...levels.slice(0, keep), level];
      if (caseName && path[0] !== caseName) {
        path = [caseName, ...path];
        levels = [0, ...levels];
      }
      start(path, /faktaruta|fakta om/i.test(title));
      continue;
    }
    current.lines.push(line);
  }
  start([]);
  return sections;
}

/** a footnote ("1 Jotte I.J.C. De Koning, … (2016)") */
const FOOTNOTE_START = /^\d{1,2}\s+\p{Lu}/u;
/** a figure's or table's caption ("Figur 1 Relationen mellan …") or its source line ("Källa: …") */
const CAPTION_START = /^(?:(?:Figur|Tabell|Diagram|Figure|Table)\s+\d+\s*[:.]?\s+\p{Lu}|(?:Källa|Källor|Source|Sources)\s*:)/u;

/**
 * Whether a line starts a note of its own (a footnote, a caption, a caption's source) rather than
 * continuing the text before it. The extracts end none of these with a full stop, so without this
 * the footnotes and the caption under a paragraph ran together into one "sentence" that a question
 * could match on any of its words. A footnote starts one only after a sentence's end or another note.
 */
function startsNote(text: string, unit: CleanLine[]): boolean {
  if (!unit.length) return false;
  if (CAPTION_START.test(text)) return true;
  if (!FOOTNOTE_START.test(text)) return false;
  const prev = unit[unit.length - 1].text;
  return /[.!?)]["”’]?$/.test(prev) || FOOTNOTE_START.test(unit[0].text) || CAPTION_START.test(unit[0].text);
}

/** a sentence end before a link, or a link before a capitalized word: a sentence boundary after the match */
const LINK_THEN_SENTENCE = /[.!?]["”’)]?\s+(?=https?:\/\/|www\.)|(?:https?:\/\/|www\.)\S*[^\s-]\s+(?=\p{Lu}\p{Ll}*[\s,.:;!?])/gu;

/** a table's row as the extracts write it: a name of one or two words, then a figure cell ("Hudiksvall 2 Reserverade …", "Laxå 0") */
export const TABLE_ROW_START = /^\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?\s+\d{1,4}(?:\s|$)/u;

/** Splits a section into sentences and list items, each with its raw line range. */
export function sentences(section: Section, vocab?: Vocabulary): Sentence[] {
  // group lines into units: a list item or a heading-less run of text
  const units: CleanLine[][] = [];
  let cur: CleanLine[] = [];
  // the current unit is a footnote or a caption (startsNote)
  let inNote = false;
  // a list item followed by a blank line: it ends there, unless the next line is its wrapped rest
  let itemBeforeBlank = false;
  // lines that come after a blank line (where a table's row may start)
  const afterBlank = new Set<CleanLine>();
  let blank = false;
  for (const line of section.lines) {
    if (!line.text) {
      if (cur.length && BULLET_RE.test(cur[0].text)) itemBeforeBlank = true;
      blank = true;
      continue;
    }
    if (blank) afterBlank.add(line);
    blank = false;
    if (itemBeforeBlank) {
      itemBeforeBlank = false;
      // a blank line ends a list item (the paragraph after a list is not part of its last item), but a slide's
      // extract also puts one inside a wrapped item ("• En form för partnerskap där bägge parter bidrar till" /
      // "" / "verksamhetens finansiering"): a lowercase line after an item that ends mid-sentence continues it
      const wrapped = /^\p{Ll}/u.test(line.text) && !/[.!?:;]["”’)]?$/.test(cur[cur.length - 1].text) && !BULLET_RE.test(line.text);
      if (wrapped) {
        cur.push(line);
        continue;
      }
      units.push(cur);
      cur = [];
    }
    const note = startsNote(line.text, cur);
    // a note is a line or two: the next line with a capital letter starts the text again
    if (BULLET_RE.test(line.text) || section.keepWhole || note || (inNote && /^\p{Lu}/u.test(line.text))) {
      if (cur.length) units.push(cur);
      cur = [line];
      inNote = note;
    } else cur.push(line);
  }
  if (cur.length) units.push(cur);

  const out: Sentence[] = [];
  for (const unit of units) {
    const { text, lineAt } = joinLines(unit, vocab);
    const item = BULLET_RE.test(unit[0].text) || section.keepWhole;
    const page = unit[0].page;
    // sentence boundaries: . ! ? followed by space and an uppercase letter, digit or quote
    let startIdx = 0;
    const re = /[.!?…]["”’)]?\s+(?=[\p{Lu}\d"”„(])/gu;
    let m: RegExpExecArray | null;
    const cuts: number[] = [];
    // a list item's own number ("1. Arbete", "• 2) Studier") ends no sentence
    const enumerator = item ? (/^(?:[•\uf0b7\u2022\u25aa\u25cf▪●○◦>*]\s*)?\d{1,2}[.)]/u.exec(text)?.[0].length ?? 0) : 0;
    while ((m = re.exec(text))) {
      if (m.index < enumerator) continue;
      const before = text.slice(Math.max(0, m.index - 12), m.index + 1);
      if (ABBREV.test(before)) continue;
      cuts.push(m.index + m[0].length);
    }
    // a table whose rows hold sentences of their own ("Söderhamn 6 Reserverat kontrakt med Kreativboden. … En aktör."
    // / "Sölvesborg 0" / "Tierp 1 Direktupphandling …"): each row after a blank line starts a sentence, so that none
    // runs from one municipality's row into the next; a table without full stops stays one sentence, quoted by its rows
    const rowStarts = unit.filter((l, j) => j > 0 && afterBlank.has(l) && TABLE_ROW_START.test(l.text));
    if (rowStarts.length >= 3 && /[.!?]["”’)]?\s+\p{Lu}/u.test(text)) {
      for (const l of rowStarts) {
        const at = lineAt.indexOf(l.raw);
        if (at > 0 && !cuts.includes(at)) cuts.push(at);
      }
    }
    // a link is no part of the sentence after it: a footnote's URL lines ("…#navItem-1. https://… Sociala
    // företag definieras …") otherwise ran into the next paragraph's first sentence, which no question
    // could then find as a sentence of its own
    for (const l of text.matchAll(LINK_THEN_SENTENCE)) if (!cuts.includes(l.index! + l[0].length)) cuts.push(l.index! + l[0].length);
    cuts.sort((x, y) => x - y);
    cuts.push(text.length);
    let first = true;
    for (const cut of cuts) {
      const raw = text.slice(startIdx, cut);
      const lead = raw.length - raw.trimStart().length;
      const s = raw.trim();
      if (s) {
        const a = lineAt[Math.min(startIdx + lead, lineAt.length - 1)];
        const b = lineAt[Math.max(startIdx, Math.min(startIdx + lead + s.length - 1, lineAt.length - 1))];
        out.push({ text: s, lines: [a, b], page, item: item && first });
        first = false;
      }
      startIdx = cut;
    }
  }
  return out;
}

export interface ChunkOptions {
  targetWords: number;
  maxWords: number;
}

const DEFAULTS: ChunkOptions = { targetWords: 180, maxWords: 300 };

/** a section's remainder of fewer new words than this joins its previous passage (the same as a tiny section joining the next) */
const TAIL_WORDS = 25;

let splitter: Promise<RecursiveCharacterTextSplitter> | null = null;
/** LangChain's splitter, loaded when a chunk first needs it (loading it costs about 0.3 s at every start otherwise) */
function textSplitter(): Promise<RecursiveCharacterTextSplitter> {
  return (splitter ??= import('@langchain/textsplitters').then(
    (m) => new m.RecursiveCharacterTextSplitter({ chunkSize: 900, chunkOverlap: 0, separators: ['\n', '. ', '; ', ', ', ' '] }),
  ));
}

function renderSentences(ss: Sentence[]): { text: string; spans: Array<[number, number, number]> } {
  let text = '';
  const spans: Array<[number, number, number]> = [];
  for (const s of ss) {
    const body = s.item ? (/^\d{1,2}[.)]\s/.test(s.text) ? s.text : '• ' + s.text.replace(BULLET_RE, '')) : s.text;
    if (text) text += s.item ? '\n' : ' ';
    spans.push([text.length, s.lines[0], s.lines[1]]);
    text += body;
  }
  return { text, spans };
}

/** Packs sentences into chunks; fact boxes stay whole. */
export async function chunkDocument(
  doc: { docId: string; title: string; kind: string; access: Audience },
  lines: CleanLine[],
  vocab?: Vocabulary,
  opts: ChunkOptions = DEFAULTS,
): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  const sections = sectionize(lines, doc.kind);
  let carry: Sentence[] = [];
  for (let si = 0; si < sections.length; si++) {
    const section = sections[si];
    let ss = [...carry, ...sentences(section, vocab)];
    carry = [];
    if (!ss.length) continue;
    // a tiny section (a lead line, an owner line) joins the next one instead of being a chunk of its own
    const next = sections[si + 1];
    // (a slide is its own unit: only a slide of a few words, a title alone, joins the next)
    const tiny = doc.kind === 'slides' ? 8 : 25;
    if (!section.keepWhole && next && !next.keepWhole && next.caseName === section.caseName && ss.reduce((n, s) => n + wordCount(s.text), 0) < tiny) {
      carry = ss;
      continue;
    }
    // an over-long sentence (a flattened table, a long list without stops) is split further
    const expanded: Sentence[] = [];
    for (const s of ss) {
      if (wordCount(s.text) <= opts.maxWords || section.keepWhole) {
        expanded.push(s);
        continue;
      }
      const parts = await (await textSplitter()).splitText(s.text);
      for (const p of parts) expanded.push({ ...s, text: p.trim() });
    }
    ss = expanded;
    const sectionLabel = section.path.join(' › ');
    const context = [doc.title, section.caseName ? `Projekt: ${section.caseName}` : '', sectionLabel].filter(Boolean).join(' | ');
    const emit = (group: Sentence[]) => {
      const { text, spans } = renderSentences(group);
      if (!text.trim()) return;
      const lo = Math.min(...group.map((g) => g.lines[0]));
      const hi = Math.max(...group.map((g) => g.lines[1]));
      chunks.push({
        id: `${doc.docId}#${chunks.length}`,
        docId: doc.docId,
        title: doc.title,
        section: sectionLabel || doc.title,
        lines: [lo, hi],
        page: group[0].page,
        access: doc.access,
        text,
        context,
        spans,
      });
    };
    if (section.keepWhole) {
      emit(ss);
      continue;
    }
    let group: Sentence[] = [];
    let words = 0;
    // the last group emitted in this section, so that a few words left at its end join it
    let lastGroup: Sentence[] | null = null;
    const emitGroup = (g: Sentence[]) => {
      emit(g);
      lastGroup = g;
    };
    for (let i = 0; i < ss.length; i++) {
      const s = ss[i];
      const w = wordCount(s.text);
      if (group.length && words + w > opts.maxWords) {
        emitGroup(group);
        // one sentence of overlap keeps evidence that spans a boundary retrievable
        const last = group[group.length - 1];
        group = wordCount(last.text) <= 35 && !last.item ? [last] : [];
        words = group.reduce((n, g) => n + wordCount(g.text), 0);
      }
      group.push(s);
      words += w;
      const next = ss[i + 1];
      // close at the target size, but keep a list together with its lead-in
      if (words >= opts.targetWords && (!next || !next.item)) {
        emitGroup(group);
        const last = group[group.length - 1];
        group = next && wordCount(last.text) <= 35 && !last.item ? [last] : [];
        words = group.reduce((n, g) => n + wordCount(g.text), 0);
      }
    }
    if (group.length && !(group.length === 1 && chunks.length && chunks[chunks.length - 1].text.endsWith(group[0].text))) {
      // a section's last sentence or two (under TAIL_WORDS new words) join the passage before them,
      // instead of a passage of their own that has none of the section's other words
      const prev = lastGroup as Sentence[] | null;
      const fresh = prev ? group.filter((g) => !prev.includes(g)) : group;
      if (prev && fresh.reduce((n, g) => n + wordCount(g.text), 0) < TAIL_WORDS) {
        chunks.pop();
        emit([...prev, ...fresh]);
      } else emit(group);
    }
  }
  return chunks.map((c, i) => ({ ...c, id: `${doc.docId}#${i}` }));
}
