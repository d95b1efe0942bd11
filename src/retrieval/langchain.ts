/**
 * LangChain faces of Brygga's retrieval, so others can compose them: the embedder as an
 * `Embeddings`, the hybrid retriever (with its audience filter) as a `BaseRetriever`.
 */
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { BaseRetriever } from '@langchain/core/retrievers';
import type { Audience } from '../domain/types.js';
import type { Embedder } from './embedder.js';
import type { Retriever } from './search.js';

export class BryggaEmbeddings extends Embeddings {
  constructor(private readonly embedder: Embedder) {
    super({});
  }
  embedDocuments(texts: string[]): Promise<number[][]> {
    return this.embedder.embedDocuments(texts);
  }
  embedQuery(text: string): Promise<number[]> {
    return this.embedder.embedQuery(text);
  }
}

export class BryggaRetriever extends BaseRetriever {
  lc_namespace = ['brygga', 'retrievers'];
  private readonly retriever: Retriever;
  private readonly audience: Audience;
  private readonly k: number;

  constructor(fields: { retriever: Retriever; audience: Audience; k?: number }) {
    super({});
    this.retriever = fields.retriever;
    this.audience = fields.audience;
    this.k = fields.k ?? 10;
  }

  async _getRelevantDocuments(query: string): Promise<Document[]> {
    const hits = await this.retriever.search(query, { audience: this.audience, k: this.k });
    return hits.slice(0, this.k).map(
      (h) =>
        new Document({
          pageContent: h.chunk.text,
          metadata: { chunkId: h.chunk.id, docId: h.chunk.docId, title: h.chunk.title, section: h.chunk.section, lines: h.chunk.lines, page: h.chunk.page, access: h.chunk.access, score: h.score },
        }),
    );
  }
}
