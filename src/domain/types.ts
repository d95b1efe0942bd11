/**
 * Domain types shared by the core and every channel. Schemas (zod) are used at the edges;
 * inside the core the inferred types are trusted.
 */
import { z } from 'zod';

export const AudienceSchema = z.enum(['public', 'internal', 'restricted']);
export type Audience = z.infer<typeof AudienceSchema>;

/** Which access levels an audience may read. */
export function audienceCanRead(audience: Audience, access: Audience): boolean {
  const rank: Record<Audience, number> = { public: 0, internal: 1, restricted: 2 };
  return rank[access] <= rank[audience];
}

export const LanguageSchema = z.enum(['sv', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

/** Metadata of one knowledge document, from a manifest. */
export const DocumentMetaSchema = z.object({
  file: z.string().min(1),
  title: z.string().min(1),
  author: z.string().optional(),
  publisher: z.string().optional(),
  commissionedBy: z.string().optional(),
  year: z.number().int().optional(),
  date: z.string().optional(),
  kind: z.string().default('report'),
  language: LanguageSchema.default('sv'),
  /** fail closed: a document without an access level is not public */
  access: AudienceSchema.default('internal'),
  /** policies: who took the decision (e.g. "Kommunfullmäktige"), when, and how long it is valid */
  decidedBy: z.string().optional(),
  decisionDate: z.string().optional(),
  validUntil: z.string().optional(),
  titleNote: z.string().optional(),
  yearNote: z.string().optional(),
});
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

export const ManifestSchema = z.object({
  description: z.string().optional(),
  documents: z.array(DocumentMetaSchema),
});

/** One indexed passage. Lines are 1-based, inclusive, in the original file. */
export interface Chunk {
  id: string;
  docId: string;
  title: string;
  section: string;
  lines: [number, number];
  page: number | null;
  access: Audience;
  /** cleaned text shown to users and quoted */
  text: string;
  /** extra text indexed with the chunk but not shown (e.g. the case name in every chunk of a case) */
  context: string;
  /** sentences of `text`: [start offset in text, first raw line, last raw line] */
  spans: Array<[number, number, number]>;
}

export interface Citation {
  n: number;
  docId: string;
  title: string;
  section: string;
  lines: [number, number];
  page: number | null;
  quote: string;
  /** policies (see src/answer/validity.ts): who decided, when (YYYY-MM-DD), valid until (inclusive) */
  decidedBy?: string;
  decisionDate?: string;
  validUntil?: string;
  /** true when validUntil has passed: the passage is not current ("gällde till …") */
  expired?: boolean;
  /**
   * a passage shown after a direct answer the model is not sure of, labelled in the answer text as not part of it
   * (src/answer/extractive.ts, RELATED_BELOW): further reading, not a source of the answer's claims
   */
  related?: boolean;
}

/** how a channel's source list marks a `related` citation (the web widget, a browser script, holds its own copy) */
export const FURTHER_READING: Record<Language, string> = { sv: 'vidare läsning, inte en del av svaret', en: 'further reading, not part of the answer' };

export interface RetrievedChunk {
  rank: number;
  docId: string;
  chunkId: string;
  score: number;
  text: string;
}

export interface AskResult {
  id?: string;
  /**
   * true: a direct answer (quotes that answer the question). false: no answer; `citations` then
   * holds the closest passages (clearly labelled as not an answer in `answer`), or nothing found.
   */
  answered: boolean;
  /** the answer model's estimate (0–1) that the quoted sentences answer the question */
  confidence?: number;
  language: Language;
  answer: string;
  citations: Citation[];
  retrieved: RetrievedChunk[];
  mode: 'extractive' | 'llm';
  /** a one-line notice to the user, e.g. when the LLM fell back to the extractive answer */
  notice?: string;
  /** the standalone query used for retrieval when a follow-up was rewritten */
  query?: string;
  usage?: { promptTokens?: number; completionTokens?: number; llmMs?: number };
  timings: { retrieveMs: number; totalMs: number };
}

export const AskRequestSchema = z.object({
  question: z.string(),
  audience: AudienceSchema.default('internal'),
  k: z.number().int().min(1).max(50).default(10),
  /** a conversation to carry context between turns */
  sessionId: z.string().optional(),
  language: LanguageSchema.optional(),
});
export type AskRequest = z.input<typeof AskRequestSchema>;

/** Events of a streamed answer, consumed by the channels. */
export type AskEvent =
  | { type: 'token'; text: string }
  | { type: 'notice'; text: string }
  | { type: 'citations'; citations: Citation[] }
  | { type: 'done'; result: AskResult };

export const MAX_QUESTION_CHARS = 2000;

/** A user-facing error with an exit/HTTP status class. Message in the user's language. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly code: string = 'invalid_input',
  ) {
    super(message);
  }
}

/** Output of matching a need to social enterprises (see docs/interfaces in the README). */
export interface ParsedNeed {
  /** a contract value or budget stated in the need, in kronor ("avtalsvärde ca 2 miljoner kr per år") */
  contractValue?: { sek: number; perYear: boolean; text: string } | null;
  categories: string[];
  municipality: string | null;
  period: string | null;
  /**
   * the capacity field the need's volume is checked against; `categories`, where the need asks for several services and
   * only some of them record that field ("städning och catering för 80 personer": catering), the services it counts for
   */
  minCapacity: { field: string; value: number; categories?: string[] } | null;
  reservedContract: boolean;
  iop: boolean;
  fSkatt: boolean;
  targetGroup: string | null;
  language: Language;
  [extra: string]: unknown;
}

export interface EnterpriseMatch {
  rank: number;
  enterpriseId: string;
  name: string;
  score: number;
  reasons: string[];
  warnings: string[];
  [extra: string]: unknown;
}

export interface MatchResult {
  id?: string;
  need: ParsedNeed;
  /** the labels of `need.categories` in the need's language, for display */
  categoryLabels?: string[];
  matches: EnterpriseMatch[];
  noMatch: boolean;
  advice: string;
  citations: Citation[];
  [extra: string]: unknown;
}

export interface InviteFields {
  date: string | null;
  start: string | null;
  end: string | null;
  place: string | null;
  online: boolean;
  rsvpBy: string | null;
  contact: string | null;
  [extra: string]: unknown;
}

export interface InviteResult {
  id?: string;
  language: Language;
  audience: string;
  fields: InviteFields;
  missing: string[];
  subject: string;
  text: string;
  ics?: string;
  slackBlocks: unknown[];
  adaptiveCard: Record<string, unknown>;
  citations?: Citation[];
  [extra: string]: unknown;
}
