/**
 * HTTP tests of every web route of the real server with the real core, including bad input.
 */
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { Writable } from 'node:stream';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { ChannelPlugin } from '../../src/server/channels.js';
import { INTERNAL_DOC, parseSse, postJson, startBrygga, type Running } from './fixture.js';
import { storedId } from '../../src/storage/store.js';

const QUESTION = 'Vem är projektägare för Projekt Rekrytera?';

let srv: Running;
const logLines: string[] = [];
const rawSeen: Array<{ raw?: string; body: unknown }> = [];

const probe: ChannelPlugin = {
  name: 'probe',
  async register(app, deps) {
    app.post('/probe', async (req) => {
      rawSeen.push({ raw: req.rawBody, body: req.body });
      return { ready: deps.isReady() };
    });
  },
};

beforeAll(async () => {
  const logger = createLogger(
    { logLevel: 'info' },
    new Writable({
      write(chunk, _e, cb) {
        logLines.push(String(chunk));
        cb();
      },
    }),
  );
  srv = await startBrygga({ logger, channels: [probe], rateLimits: false });
  await srv.ready;
});
afterAll(async () => {
  await srv?.stop();
});

describe('health', () => {
  it('GET /healthz and /readyz answer 200 when ready', async () => {
    const h = await fetch(`${srv.url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ status: 'ok' });
    const r = await fetch(`${srv.url}/readyz`);
    expect(r.status).toBe(200);
    // and which index this replica answers from (replicas compare it after a re-index)
    expect(await r.json()).toEqual({ status: 'ready', index: expect.stringMatching(/^[0-9a-f]{12}$/) });
  });
});

describe('POST /api/chat (JSON)', () => {
  it('answers with a new server-issued session, a message id and cited public sources', async () => {
    const r = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    expect(r.status).toBe(200);
    expect(typeof r.json.sessionId).toBe('string');
    expect(typeof r.json.messageId).toBe('string');
    expect(r.json.answered).toBe(true);
    expect(r.json.language).toBe('sv');
    expect(r.json.citations.length).toBeGreaterThan(0);
    expect(r.json.answer).toMatch(/\[\d+\]/);
    for (const c of r.json.citations) expect(c).toMatchObject({ docId: expect.any(String), lines: [expect.any(Number), expect.any(Number)] });
    expect((await srv.store.getSession(r.json.sessionId))?.channel).toBe('web');
  });

  it('sends what the widget shows; the retrieved chunks only with ?include=chunks', async () => {
    const lean = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    expect(lean.status).toBe(200);
    expect(lean.json.retrieved).toBeUndefined();
    expect(lean.json).toMatchObject({ answered: true, language: 'sv', mode: 'extractive', answer: expect.stringMatching(/\[1\]/) });
    for (const c of lean.json.citations) {
      expect(c).toMatchObject({ n: expect.any(Number), docId: expect.any(String), title: expect.any(String), lines: [expect.any(Number), expect.any(Number)] });
      expect(c.quote.length).toBeGreaterThan(20);
    }
    const full = await postJson(`${srv.url}/api/chat?include=chunks`, { message: QUESTION });
    expect(full.json.retrieved.length).toBeGreaterThan(0);
    for (const x of full.json.retrieved) expect(x).toMatchObject({ rank: expect.any(Number), docId: expect.any(String), text: expect.any(String) });
    // the same answer either way, the chunks being most of the bytes
    expect(full.json.answer).toBe(lean.json.answer);
    expect(full.json.citations).toEqual(lean.json.citations);
    expect(JSON.stringify(lean.json).length).toBeLessThan(JSON.stringify(full.json).length / 2);
  });

  it('keeps the session across turns and stores both sides', async () => {
    const a = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    const b = await postJson(`${srv.url}/api/chat`, { message: 'Vilka fler var med i projektet?', sessionId: a.json.sessionId });
    expect(b.status).toBe(200);
    expect(b.json.sessionId).toBe(a.json.sessionId);
    const h = await srv.store.history(a.json.sessionId);
    expect(h.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(h[1]!.messageId).toBe(a.json.messageId);
  });

  it('always uses the public audience, whatever the request says', async () => {
    const publicIds = new Set(srv.assistant.documents('public').map((d) => d.docId));
    const internal = srv.assistant.documents('internal').find((d) => d.title === INTERNAL_DOC.title);
    expect(internal).toBeDefined(); // the internal document is in the index…
    expect(publicIds.has(internal!.docId)).toBe(false);
    for (const audience of ['internal', 'restricted', undefined]) {
      // the retrieved chunks too (sent only when asked for)
      const r = await postJson(`${srv.url}/api/chat?include=chunks`, { message: 'Vilken budget har Zorblaxprojektet och när träffas styrgruppen?', audience });
      expect(r.status).toBe(200);
      expect(r.json.retrieved.length).toBeGreaterThan(0);
      // …but residents never get it
      for (const x of r.json.retrieved) expect(publicIds.has(x.docId)).toBe(true);
      for (const c of r.json.citations) expect(publicIds.has(c.docId)).toBe(true);
      expect(JSON.stringify(r.json)).not.toContain('4 200 000');
    }
    const page = await fetch(`${srv.url}/sources/${encodeURIComponent(internal!.docId)}?lines=1-3`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('Zorblax');
  });

  it('answers in English when asked in English', async () => {
    const r = await postJson(`${srv.url}/api/chat`, { message: 'Who was the project owner of Projekt Rekrytera?' });
    expect(r.status).toBe(200);
    expect(r.json.language).toBe('en');
  });

  it('reads HTML in a message as its text, follows a request for the answer language, and refuses markup alone', async () => {
    const plain = await postJson(`${srv.url}/api/chat`, { message: 'Vem är projektägare för Projekt Rekrytera?' });
    const html = await postJson(`${srv.url}/api/chat`, { message: '<p><b>Vem är projektägare för Projekt Rekrytera?</b></p>' });
    expect(html.status).toBe(200);
    expect(html.json.citations.map((c: { quote: string }) => c.quote)).toEqual(plain.json.citations.map((c: { quote: string }) => c.quote));
    const sv = await postJson(`${srv.url}/api/chat`, { message: 'Please answer in Swedish: who was the project owner of Projekt Rekrytera?' });
    expect(sv.status).toBe(200);
    expect(sv.json.language).toBe('sv');
    const empty = await postJson(`${srv.url}/api/chat`, { message: '<script>alert(1)</script>' });
    expect(empty.status).toBe(400);
    expect(empty.json.code).toBe('empty_question');
  });

  it('never stores or logs personal data from the question', async () => {
    const r = await postJson(`${srv.url}/api/chat`, { message: 'Jag heter Eva, 811218-9876, eva.s@example.se, 070-123 45 67. Vem är projektägare för Projekt Rekrytera?' });
    expect(r.status).toBe(200);
    const h = await srv.store.history(r.json.sessionId);
    expect(h[0]!.text).toContain('[PERSONNUMMER]');
    const db = new Database(path.join(srv.dataDir, 'brygga.sqlite'), { readonly: true });
    const dump = JSON.stringify(db.prepare('SELECT * FROM messages').all());
    db.close();
    const logs = logLines.join('');
    for (const secret of ['811218-9876', 'eva.s@example.se', '070-123 45 67']) {
      expect(dump).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(logs).toContain('fråga besvarad');
  });
});

describe('POST /api/chat (SSE)', () => {
  it('streams session, tokens and a final done event with the message id', async () => {
    const r = await fetch(`${srv.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message: QUESTION }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseSse(await r.text());
    expect(events[0]!.event).toBe('session');
    const sessionId = events[0]!.data.sessionId;
    const tokens = events.filter((e) => e.event === 'token');
    expect(tokens.length).toBeGreaterThan(0);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data).toMatchObject({ sessionId, messageId: expect.any(String), answered: true });
    expect(done.data.citations.length).toBeGreaterThan(0);
    // the streamed text is the answer; the chunks' full text is not sent unless asked for
    expect(tokens.map((e) => e.data.text).join('')).toBe(done.data.answer);
    expect(done.data.retrieved).toBeUndefined();
    expect((await srv.store.history(sessionId)).at(-1)!.messageId).toBe(done.data.messageId);
  });

  it('sends the retrieved chunks in the done event with ?include=chunks', async () => {
    const r = await fetch(`${srv.url}/api/chat?include=chunks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message: QUESTION }),
    });
    const done = parseSse(await r.text()).at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data.retrieved.length).toBeGreaterThan(0);
  });

  it('answers bad input with a 4xx JSON error, not a stream', async () => {
    const r = await postJson(`${srv.url}/api/chat`, { message: '   ' }, { accept: 'text/event-stream' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/fråga/);
  });
});

describe('bad input to /api/chat', () => {
  it.each([
    ['malformed JSON', '{"message": "hej"', { 'content-type': 'application/json' }, 400, /Ogiltig JSON/],
    ['empty body', '', { 'content-type': 'application/json' }, 400, /saknar innehåll/],
    ['wrong content type', 'hej', { 'content-type': 'text/plain' }, 415, /innehållstyp/],
    ['form body', 'message=hej', { 'content-type': 'application/x-www-form-urlencoded' }, 415, /innehållstyp/],
    ['no content type', 'hej', {}, 415, /innehållstyp/],
    ['missing message', '{}', { 'content-type': 'application/json' }, 400, /saknas: message/],
    ['message not a string', '{"message": 5}', { 'content-type': 'application/json' }, 400, /message/],
    ['array body', '["hej"]', { 'content-type': 'application/json' }, 400, /JSON-objekt/],
    ['too long', JSON.stringify({ message: 'å'.repeat(2001) }), { 'content-type': 'application/json' }, 400, /2000 tecken/],
    ['huge body', JSON.stringify({ message: 'x'.repeat(200_000) }), { 'content-type': 'application/json' }, 413, /för stor/],
    ['unknown session', JSON.stringify({ message: 'hej', sessionId: 'finns-inte' }), { 'content-type': 'application/json' }, 404, /Okänd session/],
  ])('%s', async (_name, body, headers, status, reason) => {
    const r = await fetch(`${srv.url}/api/chat`, { method: 'POST', headers: headers as Record<string, string>, body });
    expect(r.status).toBe(status);
    const json = (await r.json()) as { error: string };
    expect(json.error).toMatch(reason);
  });

  it('accepts exactly 2000 characters, counting an emoji as one', async () => {
    const r = await postJson(`${srv.url}/api/chat`, { message: 'a '.repeat(1000) });
    expect(r.status).toBe(200);
    const emoji = await postJson(`${srv.url}/api/chat`, { message: `Vad är IOP? ${'🙂'.repeat(1000)}` });
    expect(emoji.status).toBe(200);
  });

  it('gives an empty message and markup alone one code, and reads past an HTML comment', async () => {
    for (const message of ['   ', '<img src=x onerror=alert(1)>']) {
      const r = await postJson(`${srv.url}/api/chat`, { message });
      expect(r.status, message).toBe(400);
      expect(r.json.code, message).toBe('empty_question');
    }
    const plain = await postJson(`${srv.url}/api/chat`, { message: 'vad är IOP?' });
    const commented = await postJson(`${srv.url}/api/chat`, { message: '<!-- kommentar --> vad är IOP?' });
    expect(commented.json.answered).toBe(plain.json.answered);
    expect(commented.json.citations.map((c: { quote: string }) => c.quote)).toEqual(plain.json.citations.map((c: { quote: string }) => c.quote));
  });

  it('answers an unknown route with 404 and a code, as every error', async () => {
    for (const [method, path] of [['GET', '/api/nope'], ['PUT', '/api/chat']]) {
      const r = await fetch(`${srv.url}${path}`, { method });
      expect(r.status, path).toBe(404);
      expect(((await r.json()) as { code: string }).code).toBe('not_found');
    }
  });

  it('gives reasons in English when the client says so', async () => {
    const r = await postJson(`${srv.url}/api/chat`, { message: '', lang: 'en' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/question/);
  });

  it('rejects a session of another channel', async () => {
    const slack = await srv.store.createSession('slack', 'C1:1.2');
    const r = await postJson(`${srv.url}/api/chat`, { message: QUESTION, sessionId: slack });
    expect(r.status).toBe(404);
  });
});

describe('POST /api/feedback', () => {
  it('saves feedback for an answer, with the comment redacted', async () => {
    const a = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    const f = await postJson(`${srv.url}/api/feedback`, { sessionId: a.json.sessionId, messageId: a.json.messageId, rating: 'down', comment: 'Ring mig på 070-123 45 67' });
    expect(f.status).toBe(200);
    expect(f.json).toEqual({ ok: true });
    const db = new Database(path.join(srv.dataDir, 'brygga.sqlite'), { readonly: true });
    const row = db.prepare('SELECT rating, comment FROM feedback WHERE message_id = ?').get(storedId(a.json.messageId));
    db.close();
    expect(row).toEqual({ rating: 'down', comment: 'Ring mig på [TELEFON]' });
  });

  it.each([
    ['unknown session', (s: string, m: string) => ({ sessionId: 'nope', messageId: m, rating: 'up' }), 404, /Okänd session/],
    ['unknown message', (s: string) => ({ sessionId: s, messageId: 'nope', rating: 'up' }), 404, /Okänt meddelande/],
    ['bad rating', (s: string, m: string) => ({ sessionId: s, messageId: m, rating: 'meh' }), 400, /rating/],
    ['missing rating', (s: string, m: string) => ({ sessionId: s, messageId: m }), 400, /saknas: rating/],
    ['comment too long', (s: string, m: string) => ({ sessionId: s, messageId: m, rating: 'up', comment: 'x'.repeat(1001) }), 400, /Kommentaren/],
  ])('%s', async (_n, make, status, reason) => {
    const a = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    const f = await postJson(`${srv.url}/api/feedback`, make(a.json.sessionId, a.json.messageId));
    expect(f.status).toBe(status);
    expect(f.json.error).toMatch(reason);
  });

  it('rejects a non-JSON body', async () => {
    const r = await fetch(`${srv.url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'up' });
    expect(r.status).toBe(415);
  });
});

describe('GET /api/chat', () => {
  it('is 405 with the methods allowed, not 404', async () => {
    const r = await fetch(`${srv.url}/api/chat`, { headers: { 'accept-language': 'en' } });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await r.json()).toEqual({ error: 'Questions are sent with POST.', code: 'method_not_allowed' });
  });
});

describe('every error has a machine-readable code', () => {
  it.each([
    ['invalid JSON', { 'content-type': 'application/json' }, '{inte json', 400, 'invalid_json'],
    ['wrong content type', { 'content-type': 'text/plain' }, 'hej', 415, 'wrong_type'],
    ['empty JSON body', { 'content-type': 'application/json' }, '', 400, 'empty_body'],
    ['a message too long', { 'content-type': 'application/json' }, JSON.stringify({ message: 'x'.repeat(4001) }), 400, 'too_long'],
  ])('%s', async (_name, headers, body, status, code) => {
    const r = await fetch(`${srv.url}/api/chat`, { method: 'POST', headers, body });
    expect(r.status).toBe(status);
    const json = (await r.json()) as { error: string; code: string };
    expect(json.code).toBe(code);
    expect(json.error).toMatch(/\p{L}/u);
  });
});

describe('errors before a route is reached speak Swedish with a code', () => {
  /** a raw HTTP/1.1 exchange: what the client sends, as it sends it, and everything the server answers */
  const raw = (url: string, request: string, pause = 0) =>
    new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const s = net.connect(Number(port), hostname, () => {
        s.write(request);
        if (pause) setTimeout(() => s.write(''), pause);
      });
      let got = '';
      s.on('data', (c) => (got += c));
      s.on('close', () => resolve(got));
      s.on('error', reject);
    });
  const jsonOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { error: string; code: string };

  it('JSON after a byte-order mark is read; a message of zero-width characters alone is empty', async () => {
    const bom = await fetch(`${srv.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `\uFEFF${JSON.stringify({ message: QUESTION })}` });
    expect(bom.status).toBe(200);
    const invisible = await postJson(`${srv.url}/api/chat`, { message: '\u200B\u200B\uFEFF' });
    expect(invisible.status).toBe(400);
    expect(invisible.json.code).toBe('empty_question');
  });

  it('a compressed body is refused with 415 compressed_body, not read as invalid JSON', async () => {
    const r = await fetch(`${srv.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify({ message: QUESTION })) });
    expect(r.status).toBe(415);
    expect(((await r.json()) as { code: string }).code).toBe('compressed_body');
  });

  it('an address that cannot be decoded is 400 bad_url', async () => {
    const r = await fetch(`${srv.url}/api/%E0%A4%A`);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ error: 'Ogiltig adress: den innehåller tecken som inte kan läsas.', code: 'bad_url' });
  });
  it('headers too large are 431, a malformed request 400, a body too slow 408', async () => {
    const big = await raw(srv.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(jsonOf(big)).toEqual({ error: 'Begärans rubriker är för stora.', code: 'headers_too_large' });
    const bad = await raw(srv.url, 'POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}');
    expect(bad).toMatch(/^HTTP\/1\.1 400 /);
    expect(jsonOf(bad).code).toBe('bad_request');
    const slow = await startBrygga({ rateLimits: false, requestTimeoutMs: 1000 });
    try {
      const late = await raw(slow.url, 'POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"mess');
      expect(late).toMatch(/^HTTP\/1\.1 408 /);
      expect(jsonOf(late)).toEqual({ error: 'Begäran tog för lång tid att komma fram. Försök igen.', code: 'request_timeout' });
    } finally {
      await slow.stop();
    }
  });
});

describe('DELETE /api/session/:id', () => {
  it('deletes a session and its messages; the id is then unknown', async () => {
    const a = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    const d = await fetch(`${srv.url}/api/session/${a.json.sessionId}`, { method: 'DELETE' });
    expect(d.status).toBe(200);
    expect(await d.json()).toEqual({ deleted: true });
    expect(await srv.store.history(a.json.sessionId)).toEqual([]);
    const again = await fetch(`${srv.url}/api/session/${a.json.sessionId}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    const chat = await postJson(`${srv.url}/api/chat`, { message: QUESTION, sessionId: a.json.sessionId });
    expect(chat.status).toBe(404);
    expect(chat.json.code).toBe('unknown_session');
  });
});

describe('GET /sources/* past the end of a document', () => {
  it('is 404 and says how many lines the document has', async () => {
    const a = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    const c = a.json.citations[0];
    const r = await fetch(`${srv.url}/sources/${c.docId.split('/').map(encodeURIComponent).join('/')}?lines=900000-900010`);
    expect(r.status).toBe(404);
    expect(await r.text()).toMatch(/Raderna 900000–900010 finns inte i dokumentet \(det har \d+ rader\)/);
  });
});

describe('GET /sources/*', () => {
  it('shows the cited passage highlighted in its document', async () => {
    const a = await postJson(`${srv.url}/api/chat`, { message: QUESTION });
    const c = a.json.citations[0];
    const r = await fetch(`${srv.url}/sources/${c.docId.split('/').map(encodeURIComponent).join('/')}?lines=${c.lines[0]}-${c.lines[1]}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const html = await r.text();
    expect(html).toContain('id="passage"');
    expect(html).toContain(`id="L${c.lines[0]}"`);
    const passage = html.slice(html.indexOf('<section id="passage"'), html.indexOf('</section>'));
    const firstWords = String(c.quote).split(/\s+/).filter((w: string) => /^[\p{L}]{4,}$/u.test(w)).slice(0, 3);
    for (const w of firstWords) expect(passage).toContain(w);
  });

  it.each([
    ['bad range', '?lines=9-3', 400],
    ['garbage range', '?lines=abc', 400],
    ['zero', '?lines=0-2', 400],
  ])('%s', async (_n, q, status) => {
    const doc = srv.assistant.documents('public')[0]!;
    const r = await fetch(`${srv.url}/sources/${encodeURIComponent(doc.docId)}${q}`);
    expect(r.status).toBe(status);
    expect(await r.text()).toMatch(/radintervall/);
  });

  it('404 for an unknown document', async () => {
    const r = await fetch(`${srv.url}/sources/finns-inte?lines=1-2`);
    expect(r.status).toBe(404);
    expect(await r.text()).toMatch(/finns inte eller är inte offentligt/);
  });
});

describe('pages and the widget', () => {
  it('GET / is a demo page embedding the widget with one script tag', async () => {
    const r = await fetch(`${srv.url}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(await r.text()).toMatch(/<script src="\/widget\.js" data-mode="inline" data-lang="sv"><\/script>/);
    expect(await (await fetch(`${srv.url}/?lang=en&mode=launcher`)).text()).toMatch(/data-mode="launcher" data-lang="en"/);
  });

  it('GET /widget.js serves the script, gzipped when accepted, with an ETag', async () => {
    const r = await fetch(`${srv.url}/widget.js`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/javascript/);
    const text = await r.text();
    expect(text).toContain("customElements.define('brygga-chat'");
    expect(r.headers.get('content-encoding')).toBe('gzip'); // fetch asks for gzip and decodes it
    const etag = r.headers.get('etag')!;
    const again = await fetch(`${srv.url}/widget.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('unknown routes are 404 with a Swedish reason', async () => {
    const r = await fetch(`${srv.url}/finns/inte`);
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: 'Sidan finns inte.', code: 'not_found' });
  });
});

describe('origins', () => {
  it('refuses a foreign origin and allows the own origin', async () => {
    const bad = await postJson(`${srv.url}/api/chat`, { message: QUESTION }, { origin: 'https://evil.example' });
    expect(bad.status).toBe(403);
    expect(bad.json.error).toMatch(/får inte/);
    const own = await postJson(`${srv.url}/api/chat`, { message: QUESTION }, { origin: srv.url });
    expect(own.status).toBe(200);
  });
});

describe('channel plugins', () => {
  it('get the raw body next to the parsed JSON and form bodies', async () => {
    const raw = '{ "a" : 1,  "b": "å" }';
    const r = await fetch(`${srv.url}/probe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    expect(await r.json()).toEqual({ ready: true });
    await fetch(`${srv.url}/probe`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'command=%2Fbrygga&text=hej+d%C3%A5' });
    expect(rawSeen[0]).toEqual({ raw, body: { a: 1, b: 'å' } });
    expect(rawSeen[1]).toEqual({ raw: 'command=%2Fbrygga&text=hej+d%C3%A5', body: { command: '/brygga', text: 'hej då' } });
  });
});
