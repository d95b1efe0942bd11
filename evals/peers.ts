/**
 * Peer retrievers run on Brygga's own chunks, in the same process, for the eval and the benchmark:
 * MiniSearch with the Swedish Snowball stemmer, and lunr with lunr-languages' Swedish pipeline.
 * Each returns chunk indexes, best first.
 */
import { createRequire } from 'node:module';
import MiniSearch from 'minisearch';
import type { Chunk } from '../src/domain/types.js';
import { stem } from '../src/retrieval/analyzer.js';

export type PeerSearch = (query: string) => number[];

export function miniSearchPeer(chunks: Chunk[], k = 10): PeerSearch {
  const mini = new MiniSearch({ fields: ['text', 'context'], processTerm: (t) => (t.length < 2 ? null : stem(t.toLowerCase())) });
  mini.addAll(chunks.map((c, i) => ({ id: i, text: c.text, context: c.context })));
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
  'MiniSearch (sv stem)': miniSearchPeer,
  'lunr + lunr-languages sv': lunrPeer,
};
