/**
 * The admin API through the real server: every route without, with a wrong and with the right
 * bearer token; the feedback loop (unanswered questions grouped, thumbs-down with comments,
 * most asked), documents, CSV export, filters, and a re-index that keeps the old index serving.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, sharedIndex, startBrygga, type Running } from '../server/fixture.js';

const TOKEN = 'test-admin-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

const ROUTES: Array<[string, string]> = [
  ['GET', '/admin/api/unanswered'],
  ['GET', '/admin/api/most-asked'],
  ['GET', '/admin/api/feedback'],
  ['GET', '/admin/api/follow-up'],
  ['GET', '/admin/api/documents'],
  ['GET', '/admin/api/reindex'],
  ['POST', '/admin/api/reindex'],
];

let srv: Running;
let knowledgeDir: string;

/** what each web question got: the admin lists must agree with it */
const asked: Array<{ message: string; answered: boolean }> = [];

async function ask(message: string, sessionId?: string) {
  const r = await postJson(`${srv.url}/api/chat`, { message, sessionId });
  expect(r.status).toBe(200);
  asked.push({ message, answered: (r.json as { answered: boolean }).answered });
  return r.json as { sessionId: string; messageId: string; answered: boolean; citations: Array<{ docId: string }> };
}

beforeAll(async () => {
  // a knowledge dir of this file's own (the re-index test adds a document to it)
  const shared = await sharedIndex();
  knowledgeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-admin-knowledge-'));
  fs.cpSync(shared.knowledgeDir, knowledgeDir, { recursive: true });
  srv = await startBrygga({ env: { BRYGGA_ADMIN_TOKEN: TOKEN, BRYGGA_KNOWLEDGE_DIR: knowledgeDir }, rateLimits: false });
  await srv.ready;
});
afterAll(async () => {
  await srv?.stop();
  fs.rmSync(knowledgeDir, { recursive: true, force: true });
});

describe('credentials', () => {
  it.each(ROUTES)('%s %s: 401 without credentials, never data', async (method, url) => {
    const r = await fetch(`${srv.url}${url}`, { method });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm="brygga-admin"$/);
    const body = await r.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'error']);
    expect(body.error).toMatch(/Inloggning krävs/);
  });

  it.each(ROUTES)('%s %s: 401 with a wrong token', async (method, url) => {
    for (const h of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, 'Bearer x', `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`, TOKEN]) {
      const r = await fetch(`${srv.url}${url}`, { method, headers: { authorization: h } });
      expect(r.status).toBe(401);
      expect(Object.keys(await r.json()).sort()).toEqual(['code', 'error']);
    }
  });

  it.each(ROUTES)('%s %s: answers with the right token', async (method, url) => {
    const r = await fetch(`${srv.url}${url}`, { method, headers: auth });
    expect(r.status).toBe(method === 'POST' ? 202 : 200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    await srv.admin!.reindexer.wait();
  });

  it('the pages redirect to sign-in without credentials', async () => {
    const r = await fetch(`${srv.url}/admin`, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/admin/login');
  });

  it('/admin is off (404) without any admin configuration', async () => {
    const off = await startBrygga({ rateLimits: false });
    try {
      for (const [method, url] of [...ROUTES, ['GET', '/admin'], ['GET', '/admin/login']] as Array<[string, string]>) {
        const r = await fetch(`${off.url}${url}`, { method, headers: auth });
        expect(r.status).toBe(404);
      }
    } finally {
      await off.stop();
    }
  });
});

describe('the feedback loop', () => {
  let thumbsDown: { sessionId: string; messageId: string };

  beforeAll(async () => {
    await ask('Vem är projektägare för Projekt Rekrytera?');
    await ask('Hur bokar jag tvättstugan i min hyresrätt?');
    await ask('hur bokar jag tvättstugan i hyresrätten');
    await ask('Vad kostar en parkeringsplats vid simhallen i Zyxby?');
    const a = await ask('Vilka faser var projektet uppdelat i?');
    thumbsDown = { sessionId: a.sessionId, messageId: a.messageId };
    const fb = await postJson(`${srv.url}/api/feedback`, { ...thumbsDown, rating: 'down', comment: 'Fel svar, ring mig på 070-123 45 67' });
    expect(fb.status).toBe(200);
    const up = await ask('Vad är ett socialt företag?');
    await postJson(`${srv.url}/api/feedback`, { sessionId: up.sessionId, messageId: up.messageId, rating: 'up' });
    // a Slack question that only got the closest passages, stored as the Slack channel stores it
    const slack = await srv.store.createSession('slack', 'C1:1700000000.0001');
    await srv.store.appendMessage({ sessionId: slack, role: 'user', text: 'Hur bokar jag tvättstugan?', meta: { channel: 'C1' } });
    await srv.store.appendMessage({ sessionId: slack, role: 'assistant', text: 'Närmaste stycken …', meta: { channel: 'C1', answered: false, citations: ['doc-a'] } });
    // a matching answer is not a question
    const teams = await srv.store.createSession('teams', 'conv-1');
    await srv.store.appendMessage({ sessionId: teams, role: 'user', text: 'Catering för 40 personer', meta: { skill: 'match' } });
    await srv.store.appendMessage({ sessionId: teams, role: 'assistant', text: '1. X', meta: { skill: 'match', noMatch: false } });
  });

  it('lists unanswered questions grouped by similar wording, with counts per channel, audience and outcome', async () => {
    const r = await fetch(`${srv.url}/admin/api/unanswered`, { headers: auth });
    expect(r.status).toBe(200);
    const { groups } = await r.json();
    const laundry = groups.find((g: any) => /tvättstugan/i.test(g.question));
    expect(laundry).toMatchObject({ count: 3, byChannel: { web: 2, slack: 1 }, byAudience: { public: 2, okänd: 1 }, byOutcome: { not_found: 2, passages: 1 } });
    expect(laundry.variants).toHaveLength(2);
    expect(groups.find((g: any) => /Zyxby/.test(g.question))).toMatchObject({ count: 1 });
    // answered questions and skills are not listed
    expect(JSON.stringify(groups)).not.toMatch(/Rekrytera|Catering/);
    expect(groups[0].count).toBeGreaterThanOrEqual(groups.at(-1).count);
  });

  it('filters by channel and date (days in Stockholm time, to inclusive)', async () => {
    const slack = await (await fetch(`${srv.url}/admin/api/unanswered?channel=slack`, { headers: auth })).json();
    expect(slack.groups).toHaveLength(1);
    expect(slack.groups[0].byChannel).toEqual({ slack: 1 });
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const same = await (await fetch(`${srv.url}/admin/api/unanswered?from=${today}&to=${today}`, { headers: auth })).json();
    // every web question without a direct answer, and the Slack one
    expect(same.total).toBe(asked.filter((a) => !a.answered).length + 1);
    const past = await (await fetch(`${srv.url}/admin/api/unanswered?from=2020-01-01&to=2020-12-31`, { headers: auth })).json();
    expect(past.groups).toEqual([]);
    for (const bad of ['from=2026-13-01', 'to=igår', 'channel=fax', 'from=2026-05-02&to=2026-05-01']) {
      const r = await fetch(`${srv.url}/admin/api/unanswered?${bad}`, { headers: auth });
      expect(r.status).toBe(400);
      expect((await r.json()).error).toMatch(/Ogiltig/);
    }
  });

  it('lists thumbs-down answers with comment, question and cited passages, already redacted', async () => {
    const { items } = await (await fetch(`${srv.url}/admin/api/feedback`, { headers: auth })).json();
    expect(items).toHaveLength(1);
    const f = items[0];
    expect(f).toMatchObject({ rating: 'down', channel: 'web', question: 'Vilka faser var projektet uppdelat i?', answerId: thumbsDown.messageId });
    expect(f.comment).toContain('Fel svar');
    expect(f.comment).not.toContain('070-123 45 67');
    expect(f.citations.length).toBeGreaterThan(0);
    expect(f.citations[0]).toMatchObject({ docId: expect.any(String), title: expect.any(String), lines: [expect.any(Number), expect.any(Number)] });
    expect(f.citations[0].text.length).toBeGreaterThan(10);
    const all = await (await fetch(`${srv.url}/admin/api/feedback?rating=all`, { headers: auth })).json();
    expect(all.items.map((i: any) => i.rating).sort()).toEqual(['down', 'up']);
  });

  it('lists the most asked questions', async () => {
    const { groups } = await (await fetch(`${srv.url}/admin/api/most-asked`, { headers: auth })).json();
    expect(groups[0]).toMatchObject({ count: 3, question: expect.stringMatching(/tvättstugan/i) });
    expect(groups.some((g: any) => /Rekrytera/.test(g.question))).toBe(true);
  });

  it('exports CSV that a spreadsheet opens safely', async () => {
    const r = await fetch(`${srv.url}/admin/api/feedback?format=csv`, { headers: auth });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="brygga-aterkoppling-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('tid,kanal,betyg,kommentar,fråga,svar,källor');
    expect(text).toContain('Vilka faser var projektet uppdelat i?');
    const viaAccept = await fetch(`${srv.url}/admin/api/unanswered`, { headers: { ...auth, accept: 'text/csv' } });
    expect(await viaAccept.text()).toMatch(/^fråga,antal,kanaler/);
  });

  it('a formula typed as a question is exported as text', async () => {
    await ask('=HYPERLINK("http://example.com","klicka")');
    const text = await (await fetch(`${srv.url}/admin/api/most-asked?format=csv`, { headers: auth })).text();
    expect(text).toContain(`"'=HYPERLINK(""http://example.com"",""klicka"")"`);
  });
});

describe('documents and re-index', () => {
  it('lists every document with title, access, kind, last indexed and chunk count', async () => {
    const { documents } = await (await fetch(`${srv.url}/admin/api/documents`, { headers: auth })).json();
    expect(documents.length).toBeGreaterThan(3);
    const policy = documents.find((d: any) => d.kind === 'policy' && d.validUntil);
    expect(policy).toMatchObject({ access: 'internal', decisionDate: expect.any(String), lastIndexed: expect.stringMatching(/^\d{4}-/), indexed: true });
    for (const d of documents) expect(d.chunks).toBeGreaterThan(0);
  });

  it('re-indexes with progress, serves from the old index meanwhile, then shows the new document and its warnings', async () => {
    const dir = path.join(knowledgeDir, 'nytt');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'kvarnbo-simhall.md'), '# Öppettider i Kvarnbo simhall\n\nKvarnbo simhall har öppet vardagar klockan 06.30–21.00 och helger 09.00–17.00.\n');
    fs.writeFileSync(path.join(dir, 'utan-manifest.md'), '# Anteckning\n\nEn anteckning som ingen har beskrivit i något manifest.\n');
    fs.writeFileSync(path.join(dir, 'trasig.pdf'), 'inte en pdf');
    // manifest entries without a known access level: indexed as internal, with the warning on the document
    fs.writeFileSync(path.join(dir, 'hemligt-utkast.md'), '# Utkast om lokalbokning\n\nEtt utkast om hur föreningar bokar lokaler.\n');
    fs.writeFileSync(path.join(dir, 'utan-atkomst.md'), '# Rutin för nycklar\n\nNycklar till lokalerna hämtas i receptionen.\n');
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        documents: [
          { file: 'kvarnbo-simhall.md', title: 'Öppettider i Kvarnbo simhall', kind: 'information', language: 'sv', access: 'public' },
          { file: 'hemligt-utkast.md', title: 'Utkast om lokalbokning', kind: 'information', language: 'sv', access: 'hemlig' },
          { file: 'utan-atkomst.md', title: 'Rutin för nycklar', kind: 'information', language: 'sv' },
        ],
      }),
    );
    const before = await ask('När har Kvarnbo simhall öppet?');
    expect(before.answered).toBe(false);

    const r = await fetch(`${srv.url}/admin/api/reindex`, { method: 'POST', headers: auth });
    expect(r.status).toBe(202);
    expect((await r.json()).state).toBe('running');
    // the old index keeps answering while the new one is built
    expect((await postJson(`${srv.url}/api/chat`, { message: 'Vad är ett socialt företag?' })).status).toBe(200);
    let status: any;
    for (let i = 0; i < 600; i++) {
      status = await (await fetch(`${srv.url}/admin/api/reindex`, { headers: auth })).json();
      if (status.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(status).toMatchObject({ state: 'done', error: null, documents: expect.any(Number) });
    expect(status.total).toBeGreaterThan(0);

    const after = await ask('När har Kvarnbo simhall öppet?');
    expect(after.answered).toBe(true);
    const { documents } = await (await fetch(`${srv.url}/admin/api/documents`, { headers: auth })).json();
    expect(documents.find((d: any) => d.title === 'Öppettider i Kvarnbo simhall')).toMatchObject({ access: 'public', indexed: true, warnings: [] });
    expect(documents.find((d: any) => d.file === 'nytt/utan-manifest.md')).toMatchObject({ access: 'internal', warnings: [expect.stringMatching(/saknas i manifest/)] });
    expect(documents.find((d: any) => d.file === 'nytt/trasig.pdf')).toMatchObject({ indexed: false, chunks: 0, warnings: [expect.stringMatching(/hoppar över/)] });
    // the manifest's warnings about a missing or unknown access level are shown on the document they concern
    expect(documents.find((d: any) => d.file === 'nytt/hemligt-utkast.md')).toMatchObject({
      access: 'internal',
      indexed: true,
      warnings: [expect.stringMatching(/hemligt-utkast\.md: okänd åtkomstnivå "hemlig"/)],
    });
    expect(documents.find((d: any) => d.file === 'nytt/utan-atkomst.md')).toMatchObject({
      access: 'internal',
      indexed: true,
      warnings: [expect.stringMatching(/utan-atkomst\.md: "access" saknas/)],
    });
    expect(documents.filter((d: any) => /manifest\.json$/.test(d.file))).toEqual([]);
  });
});
