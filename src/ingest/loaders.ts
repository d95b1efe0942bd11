/**
 * File loaders: .txt, .md, .html, .pdf and .docx to plain text lines. PDF pages are kept so a
 * citation can name its page. A file that cannot be read throws LoadError naming the file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HTMLElement, Node } from 'node-html-parser';
import { loadHtmlParser } from '../text/markup.js';

export interface LoadedText {
  text: string;
  /** the page of each line (1-based), when the format has pages */
  pageOfLine?: number[];
  /** a title found in the file itself (first heading or <title>) */
  title?: string;
}

export class LoadError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${path.basename(file)}: ${reason}`);
  }
}

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx'];

export async function loadFile(file: string): Promise<LoadedText> {
  const ext = path.extname(file).toLowerCase();
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    throw new LoadError(file, `kan inte läsas (${(err as NodeJS.ErrnoException).code ?? 'okänt fel'})`);
  }
  try {
    switch (ext) {
      case '.txt':
      case '.md':
        return loadPlain(buf, file);
      case '.html':
      case '.htm':
        return htmlToText(buf.toString('utf8'));
      case '.pdf':
        return await loadPdf(buf);
      case '.docx':
        return await loadDocx(buf);
      default:
        throw new LoadError(file, `filtypen ${ext || '(ingen)'} stöds inte`);
    }
  } catch (err) {
    if (err instanceof LoadError) throw err;
    throw new LoadError(file, `kunde inte tolkas (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
}

function loadPlain(buf: Buffer, file: string): LoadedText {
  if (buf.includes(0)) throw new LoadError(file, 'innehåller binärdata, inte text');
  const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  const heading = /^#\s+(.+)$/m.exec(text);
  return { text, title: heading?.[1]?.trim() };
}

const BLOCK = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'main', 'li', 'tr', 'br', 'table', 'ul', 'ol', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dd', 'dt']);

/** HTML to lines: headings become Markdown headings, list items bullets, blocks lines. */
export function htmlToText(html: string): LoadedText {
  const { parse: parseHtml, NodeType } = loadHtmlParser();
  const root = parseHtml(html, { blockTextElements: { script: false, style: false, noscript: false } });
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/\s+/g, ' ').trim();
    if (t) lines.push(t);
    cur = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      cur += (node as unknown as { text: string }).text;
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.tagName?.toLowerCase() ?? '';
    if (['script', 'style', 'noscript', 'template', 'head', 'nav'].includes(tag)) return;
    const block = BLOCK.has(tag);
    if (block) flush();
    const h = /^h([1-6])$/.exec(tag);
    if (h) cur += '#'.repeat(Number(h[1])) + ' ';
    if (tag === 'li') cur += '• ';
    for (const child of el.childNodes) walk(child);
    if (block) {
      flush();
      if (tag === 'p' || h) lines.push('');
    }
  };
  walk(root);
  flush();
  const title = root.querySelector('title')?.text.trim() || root.querySelector('h1')?.text.trim() || undefined;
  return { text: lines.join('\n').replace(/\n{3,}/g, '\n\n'), title };
}

async function loadPdf(buf: Buffer): Promise<LoadedText> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const { text } = await extractText(pdf, { mergePages: false });
  const pages = Array.isArray(text) ? text : [text];
  const lines: string[] = [];
  const pageOfLine: number[] = [];
  pages.forEach((p, i) => {
    for (const l of String(p).split(/\r?\n/)) {
      lines.push(l);
      pageOfLine.push(i + 1);
    }
  });
  if (!lines.some((l) => l.trim())) throw new Error('ingen text i PDF-filen (skannad bild?)');
  return { text: lines.join('\n'), pageOfLine };
}

async function loadDocx(buf: Buffer): Promise<LoadedText> {
  const mammoth = (await import('mammoth')).default;
  const { value } = await mammoth.convertToHtml({ buffer: buf });
  return htmlToText(value);
}
