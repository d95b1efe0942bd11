/**
 * The admin pages and the document upload through the real server (bearer token, as a script
 * would use them): the upload is validated with the manifest's rules, nothing becomes public
 * without an explicit choice, and a valid upload lands in the knowledge dir and the index.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, sharedIndex, startBrygga, type Running } from '../server/fixture.js';

const TOKEN = 'pages-token-0123456789abcdefghij';
const auth = { authorization: `Bearer ${TOKEN}` };
let srv: Running;
let knowledgeDir: string;

beforeAll(async () => {
  const shared = await sharedIndex();
  knowledgeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-pages-knowledge-'));
  fs.cpSync(shared.knowledgeDir, knowledgeDir, { recursive: true });
  srv = await startBrygga({ env: { BRYGGA_ADMIN_TOKEN: TOKEN, BRYGGA_KNOWLEDGE_DIR: knowledgeDir }, rateLimits: false });
  await srv.ready;
});
afterAll(async () => {
  await srv?.stop();
  fs.rmSync(knowledgeDir, { recursive: true, force: true });
});

function form(fields: Record<string, string>, file?: { name: string; text: string }): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  if (file) fd.set('file', new Blob([file.text], { type: 'application/octet-stream' }), file.name);
  return fd;
}

const upload = (fd: FormData) => fetch(`${srv.url}/admin/ladda-upp`, { method: 'POST', headers: auth, body: fd, redirect: 'manual' });
const uploadDir = () => path.join(knowledgeDir, 'uppladdat');

describe('admin pages', () => {
  it.each([
    ['/admin', 'Obesvarade frågor'],
    ['/admin/aterkoppling', 'Återkoppling'],
    ['/admin/uppfoljning', 'Uppföljning'],
    ['/admin/vanliga', 'Vanligaste frågor'],
    ['/admin/dokument', 'Dokument'],
    ['/admin/ladda-upp', 'Ladda upp dokument'],
  ])('%s is a Swedish page with its heading, behind the credentials', async (url, heading) => {
    const r = await fetch(`${srv.url}${url}`, { headers: auth });
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain(`<h1>${heading}</h1>`);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const anon = await fetch(`${srv.url}${url}`, { redirect: 'manual' });
    expect(anon.status).toBe(303);
    expect(await anon.text()).not.toContain(heading);
  });

  it('shows a thumbs-down with its comment on the feedback page', async () => {
    const a = await postJson(`${srv.url}/api/chat`, { message: 'Vilka faser var projektet uppdelat i?' });
    await postJson(`${srv.url}/api/feedback`, { sessionId: a.json.sessionId, messageId: a.json.messageId, rating: 'down', comment: 'Svaret <b>saknar</b> fas tre' });
    const html = await (await fetch(`${srv.url}/admin/aterkoppling`, { headers: auth })).text();
    expect(html).toContain('Vilka faser var projektet uppdelat i?');
    expect(html).toContain('Svaret &lt;b&gt;saknar&lt;/b&gt; fas tre'); // escaped, never markup
    expect(html).toContain('Källor i svaret');
  });
});

describe('upload', () => {
  it('the form pre-selects no access level', async () => {
    const html = await (await fetch(`${srv.url}/admin/ladda-upp`, { headers: auth })).text();
    const radios = html.match(/<input[^>]*name="access"[^>]*>/g)!;
    expect(radios).toHaveLength(3);
    for (const r of radios) expect(r).not.toContain('checked');
  });

  it.each([
    ['no access level chosen', { title: 'Taxa för bygglov' }, { name: 'taxa.md', text: '# Taxa\n\nBygglov kostar.' }, /Välj vem som får läsa dokumentet/],
    ['an unknown access level', { title: 'Taxa', access: 'alla' }, { name: 'taxa.md', text: '# Taxa\n\nBygglov kostar.' }, /Okänd åtkomstnivå/],
    ['no title', { access: 'public' }, { name: 'taxa.md', text: '# Taxa\n\nBygglov kostar.' }, /Skriv dokumentets titel/],
    ['a year that is not a number', { title: 'Taxa', access: 'internal', year: 'i fjol' }, { name: 'taxa.md', text: '# Taxa\n\nBygglov kostar.' }, /År: ogiltigt värde/],
    ['an unknown language', { title: 'Taxa', access: 'internal', language: 'de' }, { name: 'taxa.md', text: '# Taxa\n\nBygglov kostar.' }, /Språk: ogiltigt val/],
    ['a date in another format', { title: 'Taxa', access: 'internal', decisionDate: '18/3 2025' }, { name: 'taxa.md', text: '# Taxa\n\nBygglov kostar.' }, /Beslutsdatum: skriv datumet som ÅÅÅÅ-MM-DD/],
    ['no file', { title: 'Taxa', access: 'internal' }, undefined, /Välj en fil/],
    ['an unsupported format', { title: 'Taxa', access: 'internal' }, { name: 'taxa.exe', text: 'MZ' }, /Filformatet stöds inte/],
    ['an unreadable file', { title: 'Taxa', access: 'internal' }, { name: 'taxa.pdf', text: 'inte en pdf' }, /Filen kunde inte läsas/],
    ['an empty document', { title: 'Taxa', access: 'internal' }, { name: 'taxa.txt', text: '   \n' }, /Välj en fil|ingen text/],
  ])('refuses %s with a Swedish reason and writes nothing', async (_what, fields, file, reason) => {
    const r = await upload(form(fields as Record<string, string>, file));
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toMatch(reason);
    expect(html).toContain('role="alert"');
    // what was typed is kept
    if ((fields as Record<string, string>).title) expect(html).toContain(`value="${(fields as Record<string, string>).title}"`);
    expect(fs.existsSync(path.join(uploadDir(), 'taxa.md'))).toBe(false);
    expect(fs.existsSync(path.join(uploadDir(), 'manifest.json'))).toBe(false);
  });

  it('stores a valid upload with its manifest entry and indexes it; the same name is not overwritten', async () => {
    const text = '# Taxa för bygglov i Kvarnbo\n\nEtt bygglov för ett enbostadshus kostar 23 400 kronor i Kvarnbo kommun.\n';
    const r = await upload(form({ title: 'Taxa för bygglov i Kvarnbo', access: 'internal', kind: 'policy', language: 'sv', decisionDate: '2025-02-01', validUntil: '2026-12-31', publisher: 'Kvarnbo kommun' }, { name: '../taxa bygglov.md', text }));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toMatch(/^\/admin\/dokument\?uppladdat=/);
    expect(fs.readFileSync(path.join(uploadDir(), 'taxa-bygglov.md'), 'utf8')).toBe(text);
    const manifest = JSON.parse(fs.readFileSync(path.join(uploadDir(), 'manifest.json'), 'utf8'));
    expect(manifest.documents).toEqual([
      { file: 'taxa-bygglov.md', title: 'Taxa för bygglov i Kvarnbo', kind: 'policy', language: 'sv', access: 'internal', publisher: 'Kvarnbo kommun', decisionDate: '2025-02-01', validUntil: '2026-12-31' },
    ]);
    await srv.admin!.reindexer.wait();
    expect(srv.admin!.reindexer.status().state).toBe('done');
    const { documents } = await (await fetch(`${srv.url}/admin/api/documents`, { headers: auth })).json();
    expect(documents.find((d: any) => d.file === 'uppladdat/taxa-bygglov.md')).toMatchObject({ access: 'internal', indexed: true, validUntil: '2026-12-31' });
    // internal: residents never see it
    const chat = await postJson(`${srv.url}/api/chat`, { message: 'Vad kostar ett bygglov i Kvarnbo?' });
    expect(JSON.stringify(chat.json)).not.toContain('23 400');

    const again = await upload(form({ title: 'Annan', access: 'public' }, { name: 'taxa bygglov.md', text: 'x' }));
    expect(again.status).toBe(400);
    expect(await again.text()).toMatch(/Det finns redan en fil som heter taxa-bygglov\.md/);
    expect(fs.readFileSync(path.join(uploadDir(), 'taxa-bygglov.md'), 'utf8')).toBe(text);
  });
});
