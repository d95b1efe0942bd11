/**
 * Running Brygga, in real headless Chromium (Debian's) against the real server, a real OIDC
 * provider on loopback and a local SMTP sink: the widget's greeting, a long answer shown from its
 * start, "Prata med en människa" with consent; staff sign-in, the feedback list after a thumbs-down
 * in the widget, a re-index and an upload in the admin pages. axe-core (injected into each page)
 * finds no WCAG 2.1 A/AA violation on the admin pages and the widget's new states.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, sharedIndex, startBrygga, type Running } from '../server/fixture.js';
import { ADMIN_GROUP, CLIENT, startProvider, type TestProvider } from '../admin/oidc-provider.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const CHROMIUM = process.env.BRYGGA_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true';
const INSTALL_HINT = `Chromium saknas (${CHROMIUM}). Installera Debians paket: sudo apt-get update && sudo apt-get install -y chromium`;
if (!HAVE_CHROMIUM && !IN_CI) console.warn(`[e2e] hoppar över administrationens webbläsartester: ${INSTALL_HINT}`);
if (!HAVE_CHROMIUM && IN_CI) {
  describe('admin browser (CI)', () => {
    it('has Chromium installed', () => {
      throw new Error(INSTALL_HINT);
    });
  });
}

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RESULTS = path.join(REPO, 'test-results');

/** axe-core's WCAG 2.1 A/AA violations on the page (including open shadow roots), as short lines */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return result;
}

describe.runIf(HAVE_CHROMIUM)('admin and widget in Chromium', () => {
  let srv: Running;
  let idp: TestProvider;
  let sink: SmtpSink;
  let context: BrowserContext;
  let profile: string;
  let knowledgeDir: string;

  beforeAll(async () => {
    idp = await startProvider();
    sink = await startSmtpSink();
    const shared = await sharedIndex();
    knowledgeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-e2e-knowledge-'));
    fs.cpSync(shared.knowledgeDir, knowledgeDir, { recursive: true });
    srv = await startBrygga({
      env: {
        BRYGGA_KNOWLEDGE_DIR: knowledgeDir,
        BRYGGA_OIDC_ISSUER: idp.issuer,
        BRYGGA_OIDC_CLIENT_ID: CLIENT.id,
        BRYGGA_OIDC_CLIENT_SECRET: CLIENT.secret,
        BRYGGA_OIDC_ADMIN_VALUE: ADMIN_GROUP,
        BRYGGA_SESSION_SECRET: 'e2e-session-secret-0123456789abcdefgh',
        BRYGGA_CONTACT_PHONE: '0771-00 00 00',
        BRYGGA_CONTACT_HOURS: 'vardagar 8–16',
        BRYGGA_CONTACT_EMAIL: 'kontaktcenter@kvarnbo.example',
        BRYGGA_CONTACT_URL: 'https://kvarnbo.example/kontakt',
        BRYGGA_HANDOVER_TO: 'arenden@kvarnbo.example',
        BRYGGA_SMTP_URL: sink.url,
      },
      rateLimits: false,
    });
    idp.start(`${srv.url}/admin/oidc/callback`);
    await srv.ready;
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-chromium-admin-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1000, height: 900 },
      locale: 'sv-SE',
      // axe-core is injected as a script tag; the pages' CSP (script-src 'self') would refuse it
      bypassCSP: true,
    });
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    await srv?.stop();
    await idp?.close();
    await sink?.close();
    if (knowledgeDir) fs.rmSync(knowledgeDir, { recursive: true, force: true });
  });

  async function openWidget(viewport = { width: 1000, height: 900 }): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${srv.url}/`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.locator('brygga-chat textarea').waitFor();
    return page;
  }
  const botDone = (page: Page) => page.locator('brygga-chat .msg.bot[aria-busy="false"]').last();

  async function signIn(page: Page, login = 'anna') {
    await page.goto(`${srv.url}/admin`);
    // the provider's development login and consent forms
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('x');
    await page.locator('button[type=submit]').click();
    await page.waitForLoadState();
    if (!page.url().startsWith(srv.url)) {
      await page.locator('button[type=submit]').click(); // consent
    }
    await page.waitForURL(`${srv.url}/admin`);
  }

  it('the widget greets with example questions; one asks it; a long answer opens at its start', async () => {
    const page = await openWidget({ width: 1000, height: 520 });
    const greet = page.locator('brygga-chat .greet');
    await greet.waitFor();
    expect(await greet.textContent()).toMatch(/^Brygga: Hej! Jag svarar på frågor/);
    const examples = greet.locator('li button');
    expect(await examples.count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);

    const question = (await examples.nth(2).textContent())!;
    await examples.nth(2).click();
    const bot = botDone(page);
    await bot.waitFor({ timeout: 20_000 });
    expect(await page.locator('brygga-chat .msg.user').last().textContent()).toContain(question);
    // the answer is taller than the log, and its first line is what shows
    const geo = await page.evaluate(() => {
      const root = document.querySelector('brygga-chat')!.shadowRoot!;
      const log = root.querySelector('.log') as HTMLElement;
      const bots = root.querySelectorAll('.msg.bot');
      const answer = bots[bots.length - 1] as HTMLElement;
      return { logTop: log.getBoundingClientRect().top, logHeight: log.clientHeight, top: answer.getBoundingClientRect().top, height: answer.offsetHeight };
    });
    expect(geo.height).toBeGreaterThan(geo.logHeight);
    expect(geo.top).toBeGreaterThanOrEqual(geo.logTop - 1);
    expect(geo.top).toBeLessThan(geo.logTop + 24);
    await page.screenshot({ path: path.join(RESULTS, 'widget-long-answer.png') });
    await page.close();
  });

  it('"Prata med en människa" shows the contact routes and sends the conversation only after consent', async () => {
    const page = await openWidget();
    await page.locator('brygga-chat textarea').fill('Vad är ett socialt företag?');
    await page.keyboard.press('Enter');
    await botDone(page).waitFor({ timeout: 20_000 });
    const human = page.getByRole('button', { name: 'Prata med en människa' });
    await human.click();
    expect(await human.getAttribute('aria-expanded')).toBe('true');
    const box = page.locator('brygga-chat .human');
    await box.waitFor();
    expect(await box.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:0771000000');
    expect(await box.textContent()).toContain('vardagar 8–16');
    expect(await box.locator('a[href^="mailto:"]').textContent()).toBe('kontaktcenter@kvarnbo.example');
    expect(await box.locator('a[href="https://kvarnbo.example/kontakt"]').count()).toBe(1);
    const send = box.getByRole('button', { name: 'Skicka konversationen' });
    expect(await send.isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const before = sink.messages.length;
    await box.getByLabel(/Jag samtycker/).check();
    await send.click();
    await expect.poll(() => box.locator('[role=status]').textContent()).toMatch(/Ditt ärendenummer är [A-Z2-9]{8}\./);
    const ref = /ärendenummer är ([A-Z2-9]{8})/.exec((await box.locator('[role=status]').textContent())!)![1]!;
    expect(sink.messages.length).toBe(before + 1);
    expect(sink.messages.at(-1)!.raw).toContain(ref);
    await page.screenshot({ path: path.join(RESULTS, 'widget-handover.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a thumbs-down with a comment in the widget shows on the signed-in admin feedback page', async () => {
    const widget = await openWidget();
    await widget.locator('brygga-chat textarea').fill('Vilka faser var projektet uppdelat i?');
    await widget.keyboard.press('Enter');
    const bot = botDone(widget);
    await bot.waitFor({ timeout: 20_000 });
    await bot.getByRole('button', { name: 'Nej, dåligt svar' }).click();
    await bot.locator('.fb textarea').fill('Fas tre saknas i svaret');
    await bot.getByRole('button', { name: 'Skicka kommentar' }).click();
    await expect.poll(() => bot.locator('.fb textarea').count()).toBe(0);
    await widget.close();

    const page = await context.newPage();
    await signIn(page);
    expect(await page.locator('h1').textContent()).toBe('Obesvarade frågor');
    expect(await page.locator('header').textContent()).toContain('Inloggad som Anna Admin');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Återkoppling' }).click();
    await page.waitForURL(`${srv.url}/admin/aterkoppling`);
    const item = page.locator('ol.feedback li').first();
    expect(await item.locator('h2').textContent()).toBe('Vilka faser var projektet uppdelat i?');
    expect(await item.textContent()).toContain('Fas tre saknas i svaret');
    expect(await item.locator('blockquote').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'admin-feedback.png'), fullPage: true });
    for (const url of ['/admin/vanliga']) {
      await page.goto(`${srv.url}${url}`);
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.close();
  });

  it('re-indexes from the documents page and shows the result', async () => {
    const page = await context.newPage();
    await page.goto(`${srv.url}/admin/dokument`);
    if (!page.url().endsWith('/admin/dokument')) await signIn(page);
    await page.goto(`${srv.url}/admin/dokument`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Indexera om' }).click();
    await page.waitForURL(`${srv.url}/admin/dokument`);
    // the status is shown; while running, the page's script follows it and reloads when done
    await expect.poll(() => page.locator('#reindex-text').textContent(), { timeout: 60_000 }).toMatch(/^Klart .*: \d+ dokument, \d+ avsnitt\.$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('uploads a document with its manifest fields; it becomes searchable for the audience chosen', async () => {
    const page = await context.newPage();
    await page.goto(`${srv.url}/admin/ladda-upp`);
    if (!page.url().endsWith('/admin/ladda-upp')) {
      await signIn(page);
      await page.goto(`${srv.url}/admin/ladda-upp`);
    }
    expect(await axeViolations(page)).toEqual([]);
    // without an access level nothing is stored, and the errors are announced
    await page.getByLabel(/^Titel/).fill('Öppettider i Kvarnbo bibliotek');
    await page.locator('#file').setInputFiles({ name: 'bibliotek.md', mimeType: 'text/markdown', buffer: Buffer.from('# Öppettider i Kvarnbo bibliotek\n\nKvarnbo bibliotek har öppet måndag till torsdag klockan 10–19.\n') });
    await page.getByRole('button', { name: 'Ladda upp och indexera' }).click();
    await page.locator('.errors[role=alert]').waitFor();
    expect(await page.locator('.errors').textContent()).toContain('Välj vem som får läsa dokumentet.');
    expect(fs.existsSync(path.join(knowledgeDir, 'uppladdat', 'bibliotek.md'))).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'admin-upload-errors.png'), fullPage: true });

    await page.locator('#file').setInputFiles({ name: 'bibliotek.md', mimeType: 'text/markdown', buffer: Buffer.from('# Öppettider i Kvarnbo bibliotek\n\nKvarnbo bibliotek har öppet måndag till torsdag klockan 10–19.\n') });
    await page.getByLabel(/Offentlig – alla/).check();
    await page.getByLabel('Typ av dokument').fill('information');
    await page.getByRole('button', { name: 'Ladda upp och indexera' }).click();
    await page.waitForURL(/\/admin\/dokument\?uppladdat=/);
    expect(await page.locator('p.ok').textContent()).toContain('Öppettider i Kvarnbo bibliotek');
    await expect.poll(() => page.locator('#reindex-text').textContent(), { timeout: 60_000 }).toMatch(/^Klart/);
    await expect.poll(() => page.locator('table').textContent()).toContain('Öppettider i Kvarnbo bibliotek');
    expect(await axeViolations(page)).toEqual([]);

    const chat = await fetch(`${srv.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'När har Kvarnbo bibliotek öppet?' }) });
    const answer = await chat.json();
    expect(answer.citations.map((c: { title: string }) => c.title)).toContain('Öppettider i Kvarnbo bibliotek');
    await page.close();
  });

  it('a staff member outside the admin group is refused in the browser too', async () => {
    const other = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-chromium-other-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      bypassCSP: true,
    });
    try {
      const page = await other.newPage();
      await page.goto(`${srv.url}/admin`);
      await page.locator('input[name=login]').fill('bertil');
      await page.locator('input[name=password]').fill('x');
      await page.locator('button[type=submit]').click();
      await page.waitForLoadState();
      if (!page.url().startsWith(srv.url)) await page.locator('button[type=submit]').click();
      await page.waitForURL(/\/admin\/oidc\/callback/);
      expect(await page.locator('h1').textContent()).toBe('Ingen behörighet');
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${srv.url}/admin/aterkoppling`);
      expect(page.url()).not.toContain('/admin/aterkoppling');
    } finally {
      await other.close();
    }
  });
});
