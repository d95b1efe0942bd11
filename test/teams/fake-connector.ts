/**
 * A local stand-in for the Bot Connector service (the far side of the wire): botbuilder posts
 * replies to `{serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}` (and
 * proactive messages without a replyToId). Every post is recorded and answered with an id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedPost {
  path: string;
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  activity: Record<string, unknown> & { type: string };
  /** the id this fake gave the posted activity */
  id: string;
}

export class FakeConnector {
  readonly posts: RecordedPost[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private seq = 0;
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.url);
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      if (req.method !== 'POST' || !m) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound' } }));
        return;
      }
      const id = `act-${++this.seq}`;
      this.posts.push({
        path: url.pathname,
        conversationId: decodeURIComponent(m[1]),
        replyToId: m[2] ? decodeURIComponent(m[2]) : undefined,
        authorization: req.headers.authorization,
        activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedPost['activity'],
        id,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  }

  /** posts in one conversation (optionally only of one activity type) */
  for(conversationId: string, type?: string): RecordedPost[] {
    return this.posts.filter((p) => p.conversationId === conversationId && (!type || p.activity.type === type));
  }

  /** waits until `count` messages (not typing) have arrived in a conversation */
  async waitForMessages(conversationId: string, count = 1, timeoutMs = 20_000): Promise<RecordedPost[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.for(conversationId, 'message');
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`fake connector: ${found.length}/${count} messages in ${conversationId} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
