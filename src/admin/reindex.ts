/**
 * Re-indexing from the admin area. One build at a time: a new assistant is created, which rebuilds
 * the index when the knowledge files (or manifests) changed since it was built (the ingest writes a
 * new index version and switches `CURRENT` atomically). The running assistant keeps answering
 * from the old index until the new assistant is ready; then `swap` puts it in place.
 */
import type { Assistant } from '../assistant-types.js';

export interface ReindexStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  startedAt: string | null;
  finishedAt: string | null;
  /** steps done and in all (files read and chunked), while an index is being built */
  done: number;
  total: number;
  /** what is being done, e.g. "läser policies/x.md" */
  step: string | null;
  /** documents and chunks of the index after a finished run */
  documents: number | null;
  chunks: number | null;
  /** the reason of a failed run (the old index is still serving) */
  error: string | null;
}

export interface ReindexerOptions {
  /** builds a new assistant, rebuilding the index when stale, reporting progress */
  create(progress: (done: number, total: number, what: string) => void): Promise<Assistant & { index?: { data: { docs: unknown[]; chunks: unknown[] } } }>;
  /** puts the new assistant in place of the serving one */
  swap(next: Assistant): void;
  onFinish?(status: ReindexStatus): void;
}

export class Reindexer {
  private current: ReindexStatus = { state: 'idle', startedAt: null, finishedAt: null, done: 0, total: 0, step: null, documents: null, chunks: null, error: null };
  private running: Promise<void> | null = null;

  constructor(private readonly opts: ReindexerOptions) {}

  status(): ReindexStatus {
    return { ...this.current };
  }

  /** Starts a run unless one is running; returns the status either way. */
  start(): ReindexStatus {
    if (this.running) return this.status();
    this.current = { state: 'running', startedAt: new Date().toISOString(), finishedAt: null, done: 0, total: 0, step: 'läser in kunskapsfilerna', documents: null, chunks: null, error: null };
    this.running = (async () => {
      try {
        const next = await this.opts.create((done, total, what) => {
          this.current = { ...this.current, done, total, step: what };
        });
        this.opts.swap(next);
        this.current = {
          ...this.current,
          state: 'done',
          finishedAt: new Date().toISOString(),
          step: null,
          done: this.current.total,
          documents: next.index?.data.docs.length ?? null,
          chunks: next.index?.data.chunks.length ?? null,
        };
      } catch (err) {
        this.current = { ...this.current, state: 'failed', finishedAt: new Date().toISOString(), error: err instanceof Error ? err.message : String(err) };
      } finally {
        this.running = null;
        this.opts.onFinish?.(this.status());
      }
    })();
    return this.status();
  }

  /** resolves when the current run (if any) has finished */
  async wait(): Promise<void> {
    await this.running;
  }
}
