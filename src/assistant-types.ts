/**
 * The channel-neutral face of the core that every adapter (web, Slack, Teams, CLI) talks to.
 * Adapters translate platform events into these calls and render the results; they hold no
 * business logic.
 */
import type {
  AskEvent,
  AskRequest,
  AskResult,
  Audience,
  DocumentMeta,
  InviteResult,
  MatchResult,
} from './domain/types.js';

export interface MatchOptions {
  /** how many matches at most (default 5) */
  limit?: number;
}

export interface InviteOptions {
  /** reference date for relative dates, YYYY-MM-DD (default: today in Europe/Stockholm) */
  today?: string;
}

/** A passage of a document shown on the sources page. */
export interface SourcePassage {
  meta: DocumentMeta & { docId: string };
  /** all lines of the original file (1-based index = position + 1) */
  lines: string[];
  highlight: [number, number] | null;
}

export interface Assistant {
  /** answers one question (throws InputError for empty / too long input) */
  ask(req: AskRequest): Promise<AskResult>;
  /** the same answer as a stream of events, ending with `done` */
  askStream(req: AskRequest): AsyncIterable<AskEvent>;
  /**
   * Whether `ask(req)`, with no conversation before it, would be answered from the answers kept for
   * questions asked before, with no retrieval and no model call (then it costs microseconds, and the
   * server's in-flight limit does not count it). False when unsure; never throws.
   */
  answersAtOnce?(req: AskRequest): boolean;
  match(need: string, opts?: MatchOptions): Promise<MatchResult>;
  invite(request: string, opts?: InviteOptions): Promise<InviteResult>;
  /** the documents an audience may read */
  documents(audience: Audience): Array<DocumentMeta & { docId: string }>;
  /** the original text of a document, for the sources page; null when absent or not readable by the audience */
  source(docId: string, audience: Audience, lines?: [number, number]): SourcePassage | null;
}
