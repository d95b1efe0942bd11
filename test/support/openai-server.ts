/**
 * A local OpenAI-compatible server for tests: real HTTP on 127.0.0.1 (port 0), driven by the real
 * `openai` SDK. Implements
 * - POST /v1/chat/completions — JSON, or SSE when `stream: true` (`data: {...}\n\n` chunks, a usage
 *   chunk when `stream_options.include_usage`, then `data: [DONE]`);
 * - POST /v1/embeddings — `encoding_format` "float" or "base64" (the SDK's default), deterministic
 *   hashed bag-of-words vectors so similar texts get similar vectors.
 *
 * Chat behaviour is scripted per test: `server.chat.queue(b1, b2, …)` answers the next requests in
 * order, then `server.chat.setDefault(b)` answers the rest. Every request is recorded in
 * `server.requests`.
 *
 *   const server = await startOpenAiServer();
 *   server.chat.setDefault({ kind: 'reply', text: composeFromPassages });
 *   server.chat.queue({ kind: 'status', status: 429, retryAfter: '0.2' });
 *   process.env.OPENAI_BASE_URL = server.url;   // http://127.0.0.1:PORT/v1
 *   …
 *   await server.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [key: string]: unknown;
}

export type ChatBehavior =
  /** a well-formed answer; `text` may be computed from the request */
  | { kind: 'reply'; text: string | ((req: ChatRequestBody) => string); delayMs?: number; chunkChars?: number; finishReason?: string }
  /** an HTTP error, optionally with Retry-After (seconds or an HTTP date) */
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown }
  /** accepts the request and never answers */
  | { kind: 'hang' }
  /** 200 with a body that is not JSON (or, streaming, an SSE data line that is not JSON) */
  | { kind: 'malformed' }
  /** streams the start of `text`, then cuts the connection */
  | { kind: 'drop-mid-stream'; text: string }
  /** streams the start of `text`, then ends the response cleanly without a finish_reason or [DONE] */
  | { kind: 'end-mid-stream'; text: string | ((req: ChatRequestBody) => string) }
  /** streams the start of `text`, then goes silent without closing */
  | { kind: 'stall-mid-stream'; text: string };

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  at: number;
}

export interface FakeOpenAiServer {
  /** base URL including /v1, for OPENAI_BASE_URL */
  url: string;
  port: number;
  requests: RecordedRequest[];
  chatRequests(): ChatRequestBody[];
  chat: { queue(...b: ChatBehavior[]): void; setDefault(b: ChatBehavior): void };
  embeddingDim: number;
  close(): Promise<void>;
}

/** The passages our prompts put in the user message: `<avsnitt n="1" …>text</avsnitt>`. */
export function passagesFromPrompt(req: ChatRequestBody): Array<{ n: number; text: string }> {
  const user = [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  return [...user.matchAll(/<avsnitt n="(\d+)"[^>]*>\n?([\s\S]*?)\n?<\/avsnitt>/g)].map((m) => ({
    n: Number(m[1]),
    text: m[2]!.replace(/\s+/g, ' ').trim(),
  }));
}

export function lastUserMessage(req: ChatRequestBody): string {
  return [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}

/** A "good model": the first sentence of each of the first `count` passages, each cited. */
export function composeFromPassages(req: ChatRequestBody, count = 2): string {
  const ps = passagesFromPrompt(req).slice(0, count);
  if (!ps.length) return 'INGET_SVAR';
  return ps
    .map((p) => {
      const first = (p.text.match(/^.+?[.!?](?=\s|$)/)?.[0] ?? p.text).replace(/[.!?]$/, '');
      return `${first} [${p.n}].`;
    })
    .join(' ');
}

function hashVector(text: string, dim: number): number[] {
  const v = new Array<number>(dim).fill(0);
  for (const w of text.toLowerCase().match(/\p{L}{3,}/gu) ?? []) {
    let h = 2166136261;
    for (const ch of w.slice(0, 6)) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
    v[Math.abs(h) % dim]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function chunk(id: string, model: string, delta: Record<string, unknown>, finish: string | null = null) {
  return { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish }] };
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export async function startOpenAiServer(opts: { embeddingDim?: number } = {}): Promise<FakeOpenAiServer> {
  const queue: ChatBehavior[] = [];
  let fallback: ChatBehavior = { kind: 'reply', text: (r) => composeFromPassages(r) };
  const requests: RecordedRequest[] = [];
  const embeddingDim = opts.embeddingDim ?? 32;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const server = http.createServer(async (req, res) => {
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (data += d));
      req.on('end', () => resolve(data));
    });
    let body: unknown;
    try {
      body = JSON.parse(raw || '{}');
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad json' } }));
      return;
    }
    const path = (req.url ?? '').split('?')[0]!;
    requests.push({ path, headers: req.headers, body, at: Date.now() });

    if (req.method === 'POST' && path === '/v1/embeddings') {
      const b = body as { input: string | string[]; model: string; encoding_format?: string };
      const inputs = Array.isArray(b.input) ? b.input : [b.input];
      const data = inputs.map((text, index) => {
        const vec = hashVector(String(text), embeddingDim);
        const embedding =
          b.encoding_format === 'base64' ? Buffer.from(new Float32Array(vec).buffer).toString('base64') : vec;
        return { object: 'embedding', index, embedding };
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', model: b.model, data, usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } }));
      return;
    }

    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }

    const chatReq = body as ChatRequestBody;
    const behavior = queue.shift() ?? fallback;
    const id = `chatcmpl-${requests.length}`;
    const model = chatReq.model;
    const usage = {
      prompt_tokens: Math.ceil(chatReq.messages.map((m) => m.content).join(' ').length / 4),
      completion_tokens: 0,
      total_tokens: 0,
    };

    switch (behavior.kind) {
      case 'hang':
        return; // never answer; the socket is destroyed at close()
      case 'status': {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (behavior.retryAfter !== undefined) headers['retry-after'] = behavior.retryAfter;
        res.writeHead(behavior.status, headers);
        res.end(JSON.stringify(behavior.body ?? { error: { message: `scripted ${behavior.status}`, type: 'server_error' } }));
        return;
      }
      case 'malformed':
        if (chatReq.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('data: {"choices": [{"delta": {"content": "Hej"\n\n');
          res.end('data: [DONE]\n\n');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"id": "x", "choices": [ {"message": ');
        }
        return;
      case 'reply':
      case 'drop-mid-stream':
      case 'end-mid-stream':
      case 'stall-mid-stream': {
        const text = typeof behavior.text === 'function' ? behavior.text(chatReq) : behavior.text;
        const finishReason = behavior.kind === 'reply' ? (behavior.finishReason ?? 'stop') : 'stop';
        usage.completion_tokens = Math.ceil(text.length / 4);
        usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
        if (behavior.kind === 'reply' && behavior.delayMs) await sleep(behavior.delayMs);
        if (!chatReq.stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              id,
              object: 'chat.completion',
              created: Math.floor(Date.now() / 1000),
              model,
              choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finishReason }],
              usage,
            }),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
        const send = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
        send(chunk(id, model, { role: 'assistant', content: '' }));
        const parts = pieces(text, behavior.kind === 'reply' ? (behavior.chunkChars ?? 7) : 7);
        const cut = behavior.kind === 'reply' ? parts.length : Math.max(1, Math.floor(parts.length / 2));
        for (const p of parts.slice(0, cut)) {
          send(chunk(id, model, { content: p }));
          await sleep(1);
        }
        if (behavior.kind === 'drop-mid-stream') {
          res.socket?.destroy();
          return;
        }
        if (behavior.kind === 'stall-mid-stream') return;
        if (behavior.kind === 'end-mid-stream') {
          res.end();
          return;
        }
        send(chunk(id, model, {}, finishReason));
        if (chatReq.stream_options?.include_usage) send({ id, object: 'chat.completion.chunk', created: 0, model, choices: [], usage });
        res.end('data: [DONE]\n\n');
        return;
      }
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body as ChatRequestBody),
    chat: {
      queue: (...b) => void queue.push(...b),
      setDefault: (b) => void (fallback = b),
    },
    embeddingDim,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
