/**
 * Peer retrievers run on Brygga's own chunks, in the same process, for the eval and the benchmark,
 * each configured as its users would (issue 17): SQLite FTS5 (better-sqlite3, bm25 ranking) over
 * Snowball-Swedish stems as tokens, MiniSearch with the Swedish Snowball stemmer on exact terms (and,
 * as a second row, with its fuzzy and prefix search), and lunr with lunr-languages' Swedish pipeline.
 * Each returns chunk indexes, best first.
 */
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import type { Chunk } from '../src/domain/types.js';
import { isStopword, stem, tokenize } from '../src/retrieval/analyzer.js';

export type PeerSearch = (query: string) => number[];

/** The Snowball-Swedish stems of a text's words, stopwords left out (what FTS5 is given as tokens). */
function stems(text: string): string[] {
  return tokenize(text)
    .filter((t) => !isStopword(t))
    .map(stem);
}

/**
 * SQLite FTS5 over stems: one row per chunk (stemmed text and context), ranked by FTS5's bm25();
 * a question is its stems joined by OR. `file` keeps the database on disk (as a user would), else in memory.
 */
export function fts5Peer(chunks: Chunk[], k = 10, file = ':memory:'): PeerSearch {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE VIRTUAL TABLE passages USING fts5(text, context, tokenize = 'unicode61 remove_diacritics 0')`);
  const insert = db.prepare('INSERT INTO passages (rowid, text, context) VALUES (?, ?, ?)');
  db.transaction(() => chunks.forEach((c, i) => insert.run(i, stems(c.text).join(' '), stems(c.context).join(' '))))();
  const search = db.prepare('SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT ?').pluck();
  return (q) => {
    const terms = [...new Set(stems(q))].map((t) => `"${t.replace(/"/g, '""')}"`);
    return terms.length ? (search.all(terms.join(' OR '), k) as number[]) : [];
  };
}

function miniSearch(chunks: Chunk[]): MiniSearch {
  const mini = new MiniSearch({ fields: ['text', 'context'], processTerm: (t) => (t.length < 2 ? null : stem(t.toLowerCase())) });
  mini.addAll(chunks.map((c, i) => ({ id: i, text: c.text, context: c.context })));
  return mini;
}

/** MiniSearch with Swedish stems, exact terms (its default). */
export function miniSearchPeer(chunks: Chunk[], k = 10): PeerSearch {
  const mini = miniSearch(chunks);
  return (q) => mini.search(q, { combineWith: 'OR' }).slice(0, k).map((r) => r.id as number);
}

/** The same index searched with fuzzy (0.1) and prefix matching, as MiniSearch's examples show it. */
export function miniSearchFuzzyPeer(chunks: Chunk[], k = 10): PeerSearch {
  const mini = miniSearch(chunks);
  return (q) => mini.search(q, { combineWith: 'OR', fuzzy: 0.1, prefix: true }).slice(0, k).map((r) => r.id as number);
}

export function lunrPeer(chunks: Chunk[], k = 10): PeerSearch {
  const require = createRequire(import.meta.url);
  const lunr = require('lunr');
  require('lunr-languages/lunr.stemmer.support')(lunr);
  require('lunr-languages/lunr.sv')(lunr);
  const idx = lunr(function (this: any) {
    this.use(lunr.sv);
    this.ref('id');
    this.field('text');
    this.field('context');
    chunks.forEach((c, i) => this.add({ id: String(i), text: c.text, context: c.context }));
  });
  return (q) => {
    try {
      const query = q.replace(/[:~^*+\-"'()?!.,;]/g, ' ').split(/\s+/).filter(Boolean).join(' ');
      return (idx.search(query) as Array<{ ref: string }>).slice(0, k).map((r) => Number(r.ref));
    } catch {
      return [];
    }
  };
}

export const PEERS: Record<string, (chunks: Chunk[]) => PeerSearch> = {
  'SQLite FTS5 (bm25, sv stems)': fts5Peer,
  'MiniSearch (sv stem, exact)': miniSearchPeer,
  'MiniSearch (sv stem, fuzzy + prefix)': miniSearchFuzzyPeer,
  'lunr + lunr-languages sv': lunrPeer,
};
