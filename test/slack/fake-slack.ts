/**
 * A local stand-in for Slack's Web API (the platform on the far side of the wire): a node:http
 * server on 127.0.0.1:0 that records every call and answers like Slack does. Also serves
 * response_url endpoints (/response/<id>) and the external file-upload URL (/upload/<fileId>).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  status: number;
  at: number;
  /** raw request body for uploads */
  raw?: string;
  /** what the fake answered */
  response?: Record<string, unknown>;
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  if (contentType.includes('multipart/form-data')) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** methods that answer 429 (Retry-After: retryAfterSec) the next time they are called */
  readonly rateLimitOnce = new Set<string>();
  /** methods that answer ok:false with this error the next time (e.g. not_in_channel) */
  readonly failOnce = new Map<string, string>();
  retryAfterSec = 1;
  readonly token = 'xoxb-test-token';
  readonly appToken = 'xapp-1-test-token';
  private server = http.createServer((req, res) => this.handle(req, res));
  private tsCounter = 1_700_000_000;
  url = '';
  /** Socket Mode: the WebSocket endpoint apps.connections.open hands out, and what clients sent back */
  private wss = new WebSocketServer({ server: this.server, path: '/socket' });
  private sockets = new Set<WebSocket>();
  readonly socketReplies: Array<Record<string, unknown>> = [];

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.wss.on('connection', (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => this.socketReplies.push(JSON.parse(String(data)) as Record<string, unknown>));
      // Slack's first frame on a new Socket Mode connection
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0TEST' } }));
    });
    return this.url;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** waits until a Socket Mode client is connected */
  async waitForSocket(timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.sockets.size === 0) {
      if (Date.now() > until) throw new Error('fake Slack: no Socket Mode connection');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** sends one Socket Mode envelope (events_api, slash_commands, interactive) to every connected client */
  socketSend(envelope: Record<string, unknown>): void {
    for (const ws of this.sockets) ws.send(JSON.stringify(envelope));
  }

  reset(): void {
    this.calls.length = 0;
    this.rateLimitOnce.clear();
    this.failOnce.clear();
    this.socketReplies.length = 0;
  }

  /** successful calls of one method (429s excluded) */
  ok(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** waits until a predicate over the recorded calls holds (polls; throws with the calls seen on timeout) */
  async waitFor(pred: (calls: RecordedCall[]) => boolean, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!pred(this.calls)) {
      if (Date.now() > until) {
        throw new Error(`fake Slack: condition not met; calls: ${this.calls.map((c) => `${c.method}(${c.status})`).join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${this.tsCounter}.000100`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };

      if (path.startsWith('/response/')) {
        this.calls.push({ method: 'response_url', args: safeJson(raw) as Record<string, unknown>, status: 200, at: Date.now() });
        return send(200, 'ok');
      }
      if (path.startsWith('/upload/')) {
        this.calls.push({ method: 'upload', args: { fileId: path.slice(8) }, raw, status: 200, at: Date.now() });
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(`OK - ${raw.length}`);
      }
      if (!path.startsWith('/api/')) return send(404, { ok: false, error: 'unknown_path' });

      const method = path.slice(5);
      const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
      const auth = String(req.headers.authorization ?? '');
      const appLevel = method.startsWith('apps.connections.');
      const expected = appLevel ? this.appToken : this.token;
      if (auth !== `Bearer ${expected}` && args.token !== expected) {
        this.calls.push({ method, args, status: 200, at: Date.now() });
        return send(200, { ok: false, error: 'not_authed' });
      }
      if (this.rateLimitOnce.has(method)) {
        this.rateLimitOnce.delete(method);
        this.calls.push({ method, args, status: 429, at: Date.now() });
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(this.retryAfterSec) });
      }
      const failure = this.failOnce.get(method);
      if (failure) this.failOnce.delete(method);
      const response = failure ? { ok: false, error: failure } : this.answer(method, args);
      this.calls.push({ method, args, status: 200, at: Date.now(), response });
      send(200, response);
    });
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace(/^http/, 'ws')}/socket` };
      case 'auth.test':
        return { ok: true, url: 'https://brygga-test.slack.com/', team: 'Test', user: 'brygga', team_id: 'T0TEST', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return { ok: true, channel: args.channel, ts, message: { text: args.text, ts, thread_ts: args.thread_ts, bot_id: 'BBOT' } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.getPermalink': {
        const ts = String(args.message_ts ?? '');
        return { ok: true, channel: args.channel, permalink: `https://brygga-test.slack.com/archives/${String(args.channel)}/p${ts.replace('.', '')}` };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
        return { ok: true, view: { id: 'V0TEST', ...(args.view as object) } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url}/upload/F0TEST`, file_id: 'F0TEST' };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F0TEST', title: 'inbjudan.ics' }] };
      default:
        return { ok: true };
    }
  }
}
