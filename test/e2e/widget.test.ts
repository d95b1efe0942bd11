/**
 * The residents' widget end to end in real headless Chromium (Debian's, never a downloaded one)
 * against the real server and core: ask, see the streamed answer with a citation that opens the
 * passage, give feedback, keep the session across reloads, use only the keyboard, 320 px width,
 * contrast. Saves screenshots in test-results/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startBrygga, type Running } from '../server/fixture.js';
import { storedId } from '../../src/storage/store.js';

const CHROMIUM = process.env.BRYGGA_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true';
const INSTALL_HINT = `Chromium saknas (${CHROMIUM}). Installera Debians paket: sudo apt-get update && sudo apt-get install -y chromium`;

if (!HAVE_CHROMIUM && !IN_CI) console.warn(`[e2e] hoppar över webbläsartesterna: ${INSTALL_HINT}`);

if (!HAVE_CHROMIUM && IN_CI) {
  // under CI a missing browser is a failure, never a skip
  describe('browser (CI)', () => {
    it('has Chromium installed', () => {
      throw new Error(INSTALL_HINT);
    });
  });
}

const QUESTION = 'Vem är projektägare för Projekt Rekrytera?';
const RESULTS = path.join(REPO, 'test-results');

describe.runIf(HAVE_CHROMIUM)('widget in Chromium', () => {
  let srv: Running;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    srv = await startBrygga({ rateLimits: false });
    await srv.ready;
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1000, height: 900 },
      locale: 'sv-SE',
    });
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    await srv?.stop();
  });

  async function open(query = ''): Promise<Page> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    (page as Page & { errors?: string[] }).errors = errors;
    await page.goto(`${srv.url}/${query}`);
    // each test starts without a stored conversation (the browser profile is shared)
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.locator('brygga-chat textarea').waitFor();
    return page;
  }

  /** the element focused inside the widget's shadow root (or the page) */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let a: Element | null = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      if (!a) return null;
      const s = getComputedStyle(a);
      return {
        tag: a.tagName.toLowerCase(),
        text: (a.textContent ?? '').trim().slice(0, 80),
        label: a.getAttribute('aria-label'),
        href: a.getAttribute('href'),
        outline: `${s.outlineStyle} ${s.outlineWidth}`,
      };
    });

  async function tabTo(page: Page, match: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean, max = 40) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f && match(f)) return f;
    }
    throw new Error('focus never reached the element by Tab');
  }

  const botDone = (page: Page) => page.locator('brygga-chat .msg.bot[aria-busy="false"]').last();

  it('asks, streams the answer with citations, opens the passage and takes feedback', async () => {
    const page = await open();
    const chatResponse = page.waitForResponse((r) => r.url().endsWith('/api/chat'));
    await page.locator('brygga-chat textarea').fill(QUESTION);
    await page.locator('brygga-chat form button[type=submit]').click();
    const resp = await chatResponse;
    expect(resp.status()).toBe(200);
    expect(resp.headers()['content-type']).toMatch(/^text\/event-stream/);

    const bot = botDone(page);
    await bot.waitFor({ timeout: 20_000 });
    await expect.poll(() => bot.locator('ol.src a').count()).toBeGreaterThan(0);
    expect(await page.locator('brygga-chat .msg.user').last().textContent()).toContain(QUESTION);
    const answerText = (await bot.textContent()) ?? '';
    expect(answerText.length).toBeGreaterThan(40);
    // the log region announces answers
    expect(await page.locator('brygga-chat [role=log]').getAttribute('aria-live')).toBe('polite');

    // what the widget shows is what the server stored
    const sessionId = await page.evaluate(() => JSON.parse(localStorage.getItem(`brygga:${location.origin}`) ?? '{}').sessionId);
    const stored = await srv.store.history(sessionId);
    expect(stored.map((m) => m.role)).toEqual(['user', 'assistant']);
    const firstWords = stored[1]!.text.split('\n')[0]!.slice(0, 30);
    expect(answerText).toContain(firstWords);

    // a citation opens the cited passage
    const link = bot.locator('ol.src a').first();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/\/sources\/.+\?lines=\d+-\d+.*#passage$/);
    const [source] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await source.waitForLoadState();
    expect(source.url()).toContain('/sources/');
    const passage = source.locator('#passage');
    await passage.waitFor();
    expect(await passage.isVisible()).toBe(true);
    expect(((await passage.textContent()) ?? '').trim().length).toBeGreaterThan(10);
    await source.screenshot({ path: path.join(RESULTS, 'source.png') });
    await source.close();

    // feedback: thumbs up, then an optional comment
    await bot.getByRole('button', { name: 'Ja, bra svar' }).click();
    await expect.poll(() => bot.locator('.fb [role=status]').textContent()).toContain('Tack');
    expect(await bot.getByRole('button', { name: 'Ja, bra svar' }).getAttribute('aria-pressed')).toBe('true');
    await bot.locator('.fb textarea').fill('Tydligt svar, tack! Mejla gärna eva@example.se');
    await page.screenshot({ path: path.join(RESULTS, 'widget.png'), fullPage: true });
    await bot.getByRole('button', { name: 'Skicka kommentar' }).click();
    await expect.poll(() => bot.locator('.fb textarea').count()).toBe(0);

    const db = new Database(path.join(srv.dataDir, 'brygga.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT rating, comment FROM feedback WHERE session_id = ? ORDER BY at').all(storedId(sessionId));
    db.close();
    expect(rows).toEqual([
      { rating: 'up', comment: null },
      { rating: 'up', comment: 'Tydligt svar, tack! Mejla gärna [E-POST]' },
    ]);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('marks the further passages after an answer as further reading in its source list', async () => {
    const page = await open();
    // a question the answer model answers without being sure of it, so further passages follow
    await page.locator('brygga-chat textarea').fill('Hur definierar EU ett socialt företag?');
    await page.locator('brygga-chat form button[type=submit]').click();
    const bot = botDone(page);
    await bot.waitFor({ timeout: 20_000 });
    await expect.poll(() => bot.locator('ol.src li').count()).toBeGreaterThan(1);
    expect(await bot.textContent()).toContain('Andra avsnitt som kan vara relevanta');
    const marked = await bot.locator('ol.src li').evaluateAll((lis) => lis.map((li) => (li.textContent ?? '').includes('vidare läsning')));
    // the answer's own sources first, then the further passages, each marked
    expect(marked[0]).toBe(false);
    expect(marked.some(Boolean)).toBe(true);
    expect(marked.slice(marked.indexOf(true)).every(Boolean)).toBe(true);
  });

  it('keeps the conversation across a reload, and "Ny konversation" starts a new session', async () => {
    const page = await open();
    await page.locator('brygga-chat textarea').fill(QUESTION);
    await page.keyboard.press('Enter');
    await botDone(page).waitFor({ timeout: 20_000 });
    const key = `brygga:${srv.url}`;
    const first = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{}').sessionId, key);
    expect(typeof first).toBe('string');

    await page.reload();
    await page.locator('brygga-chat textarea').waitFor();
    expect(await page.locator('brygga-chat .msg.bot').count()).toBeGreaterThan(0); // transcript restored
    await page.locator('brygga-chat textarea').fill('Vilka fler var med i projektet?');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('brygga-chat .msg.bot[aria-busy="false"]').count(), { timeout: 20_000 }).toBe(2);
    expect((await srv.store.history(first)).length).toBeGreaterThanOrEqual(4); // same session on the server

    await page.getByRole('button', { name: 'Ny konversation' }).click();
    expect(await page.locator('brygga-chat .msg').count()).toBe(0);
    await page.locator('brygga-chat textarea').fill(QUESTION);
    await page.keyboard.press('Enter');
    await botDone(page).waitFor({ timeout: 20_000 });
    const second = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{}').sessionId, key);
    expect(second).not.toBe(first);
    expect(await srv.store.getSession(first)).not.toBeNull(); // a new conversation keeps the old one's data…

    // …while "Radera konversationen" deletes it on the server
    await page.getByRole('button', { name: 'Radera konversationen' }).click();
    await expect.poll(() => srv.store.getSession(second)).toBeNull();
    // the widget confirms after the server answered, which can be just after the row is gone
    await expect.poll(() => page.locator('brygga-chat [role=status]').first().textContent()).toMatch(/raderad/);
    expect(await page.locator('brygga-chat .msg').count()).toBe(0);
    await page.close();
  });

  it('works with the keyboard only, with a visible focus', async () => {
    const page = await open();
    const ta = await tabTo(page, (f) => f.tag === 'textarea');
    expect(ta.outline).not.toMatch(/^none/);
    await page.keyboard.type(QUESTION);
    await page.keyboard.press('Enter');
    const bot = botDone(page);
    await bot.waitFor({ timeout: 20_000 });

    // on to the first citation: Tab walks through the answer's links
    const link = await tabTo(page, (f) => f.tag === 'a' && (f.href ?? '').includes('/sources/'));
    expect(link.outline).toMatch(/solid/);
    const [source] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await source.waitForLoadState();
    expect(source.url()).toContain('#passage');
    await source.close();
    await page.bringToFront();

    const up = await tabTo(page, (f) => f.label === 'Ja, bra svar');
    expect(up.outline).toMatch(/solid/);
    await page.keyboard.press('Space');
    await expect.poll(() => bot.locator('.fb [role=status]').textContent()).toContain('Tack');
    await page.close();
  });

  it('launcher mode works at 320 px, opens and closes by keyboard, in English', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${srv.url}/?mode=launcher&lang=en`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const fab = page.locator('brygga-chat .fab');
    await fab.waitFor();
    expect(await fab.textContent()).toBe('Ask the municipality');
    expect(await page.locator('brygga-chat .panel').isVisible()).toBe(false);
    await tabTo(page, (f) => f.text === 'Ask the municipality');
    await page.keyboard.press('Enter');
    const panel = page.locator('brygga-chat .panel');
    await panel.waitFor({ state: 'visible' });
    expect(await fab.getAttribute('aria-expanded')).toBe('true');
    expect((await focused(page))?.tag).toBe('textarea');
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await page.locator('brygga-chat .privacy').textContent()).toMatch(/personal identity numbers/);

    await page.keyboard.type('Who was the project owner of Projekt Rekrytera?');
    await page.keyboard.press('Enter');
    await botDone(page).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('brygga-chat .msg.bot ol.src a').count()).toBeGreaterThan(0);
    expect(await page.locator('brygga-chat .msg.bot .src-h').last().textContent()).toBe('Sources');
    await page.screenshot({ path: path.join(RESULTS, 'widget-320.png') });

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect((await focused(page))?.text).toBe('Ask the municipality');
    await page.close();
  });

  it('meets WCAG AA contrast for the text it shows', async () => {
    const page = await open();
    await page.locator('brygga-chat textarea').fill(QUESTION);
    await page.keyboard.press('Enter');
    await botDone(page).waitFor({ timeout: 20_000 });
    const failures = await page.evaluate(() => {
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const bg = (el: Element | null): number[] => {
        for (let e = el; e; e = (e.parentElement ?? ((e.getRootNode() as ShadowRoot).host as Element | undefined)) ?? null) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3]! > 0.5)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const root = document.querySelector('brygga-chat')!.shadowRoot!;
      const out: string[] = [];
      root.querySelectorAll('*').forEach((el) => {
        const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim());
        if (!own || !(el as HTMLElement).offsetParent) return;
        const s = getComputedStyle(el);
        const fg = parse(s.color).slice(0, 3);
        const l1 = lum(fg);
        const l2 = lum(bg(el));
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        if (ratio < 4.5) out.push(`${el.tagName}.${el.className} ${s.color} ${ratio.toFixed(2)}`);
      });
      return out;
    });
    expect(failures).toEqual([]);

    // inline, at 320 px, nothing overflows sideways
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const box = (await page.locator('brygga-chat .panel').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    await page.close();
  });
});
