/**
 * Markup in a message. A question pasted from a web page or sent by a channel that formats text
 * ("<b>Vad är HBG Works?</b>") is read as its text: before this, the tags were searched as words and
 * the question got "nothing found".
 */
import { createRequire } from 'node:module';

type HtmlParser = typeof import('node-html-parser');
let parser: HtmlParser | null = null;

/** node-html-parser, loaded on first use (not at every start of the command line); shared by the HTML file loader */
export function loadHtmlParser(): HtmlParser {
  return (parser ??= createRequire(import.meta.url)('node-html-parser') as HtmlParser);
}

/** a tag (`<b>`, `</p>`, `<br/>`), a comment (`<!-- … -->`) or an entity (`&amp;`, `&#229;`) */
const MARKUP = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<!--|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;

/**
 * The text of a message without HTML: tags dropped (the content of script and style elements with
 * them), entities decoded, runs of white space made one space (node-html-parser, loaded on first
 * use). Text without a tag or entity is returned unchanged.
 */
export function withoutMarkup(text: string): string {
  if (!MARKUP.test(text)) return text;
  const { parse } = loadHtmlParser();
  // a comment has no text ("<!-- kommentar --> vad är IOP?" asks "vad är IOP?")
  const root = parse(text, { comment: false });
  for (const el of root.querySelectorAll('script, style, noscript')) el.remove();
  return root.textContent.replace(/\s+/g, ' ').trim();
}

/** The length of a text in characters as a reader counts them (Unicode code points: an emoji is one, not two UTF-16 units). */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
