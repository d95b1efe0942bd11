/**
 * The embedding interface the dense index uses. Offline, Brygga trains its own embedder on the
 * corpus at ingest; with an OpenAI-compatible endpoint, that endpoint's embeddings replace it.
 */
export interface Embedder {
  /** identifies the model, so an index built with another embedder is rebuilt */
  readonly id: string;
  readonly dim: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}
