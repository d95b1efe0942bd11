/**
 * Test fixture: a real Brygga server (real core, real index) on 127.0.0.1 port 0 with its own
 * temporary data dir. The index is built once per test run (shared by the test files of one
 * vitest process tree) and copied into each test's data dir, so each start only loads it.
 * The test knowledge is the repository's knowledge plus one internal document (INTERNAL_DOC).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { buildServer, type BryggaServer, type BuildServerOptions } from '../../src/server/app.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const KNOWLEDGE = path.join(REPO, 'knowledge');

function knowledgeStamp(): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        parts.push(`${path.relative(KNOWLEDGE, p)}:${st.size}:${Math.round(st.mtimeMs)}`);
      }
    }
  };
  walk(KNOWLEDGE);
  let h = 0;
  for (const ch of parts.sort().join('|')) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return (h >>> 0).toString(36);
}

/** A non-public document added to the test knowledge, to prove it never reaches residents. */
export const INTERNAL_DOC = {
  file: 'intern-budget-zorblax.txt',
  title: 'Intern budgetplan för Zorblaxprojektet',
  text: [
    '# Intern budgetplan för Zorblaxprojektet',
    '',
    'Zorblaxprojektet får en intern budget på 4 200 000 kronor under 2026.',
    'Styrgruppen för Zorblaxprojektet träffas varannan tisdag i stadshuset.',
    'Uppgifterna i den här planen är interna och får inte publiceras.',
  ].join('\n'),
};

let built: Promise<{ dataDir: string; knowledgeDir: string }> | null = null;
let shared: { dataDir: string; knowledgeDir: string } | null = null;

/**
 * The test knowledge (the repository's knowledge plus one internal document) and its index,
 * built once per test run and shared by the test files of one vitest process tree.
 */
export function sharedIndex(): Promise<{ dataDir: string; knowledgeDir: string }> {
  built ??= (async () => {
    // one cache per vitest run: the workers share their parent's pid
    const root = path.join(os.tmpdir(), 'brygga-test-index');
    const dir = path.join(root, `${process.ppid}-${knowledgeStamp()}`);
    const result = { dataDir: path.join(dir, 'data'), knowledgeDir: path.join(dir, 'knowledge') };
    if (fs.existsSync(path.join(dir, '.complete'))) return (shared = result);
    fs.mkdirSync(root, { recursive: true });
    // clear caches of earlier runs (older than an hour)
    for (const old of fs.readdirSync(root)) {
      const p = path.join(root, old);
      try {
        if (Date.now() - fs.statSync(p).mtimeMs > 3600_000) fs.rmSync(p, { recursive: true, force: true });
      } catch {
        /* another worker */
      }
    }
    const tmp = fs.mkdtempSync(path.join(root, 'build-'));
    const knowledgeDir = path.join(tmp, 'knowledge');
    fs.cpSync(KNOWLEDGE, knowledgeDir, { recursive: true });
    const internal = path.join(knowledgeDir, 'test-internal');
    fs.mkdirSync(internal, { recursive: true });
    fs.writeFileSync(path.join(internal, INTERNAL_DOC.file), INTERNAL_DOC.text + '\n');
    fs.writeFileSync(
      path.join(internal, 'manifest.json'),
      JSON.stringify({ documents: [{ file: INTERNAL_DOC.file, title: INTERNAL_DOC.title, kind: 'policy', language: 'sv', access: 'internal' }] }),
    );
    const dataDir = path.join(tmp, 'data');
    const { createAssistant } = await import('../../src/assistant.js');
    await createAssistant(loadConfig({ BRYGGA_DATA_DIR: dataDir, BRYGGA_KNOWLEDGE_DIR: knowledgeDir }), {
      logger: createLogger({ logLevel: 'silent' }),
    });
    fs.rmSync(path.join(dataDir, 'brygga.sqlite'), { force: true });
    fs.writeFileSync(path.join(tmp, '.complete'), '');
    try {
      fs.renameSync(tmp, dir);
    } catch {
      // another worker finished first: use its copy
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return (shared = result);
  })();
  return built;
}

/** A data dir of its own holding a copy of the shared index. */
export async function freshDataDir(withIndex = true): Promise<string> {
  const { dataDir } = await sharedIndex();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-test-'));
  if (withIndex) fs.cpSync(dataDir, dir, { recursive: true });
  return dir;
}

export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  if (!shared) throw new Error('call sharedIndex() first');
  return loadConfig({
    BRYGGA_DATA_DIR: dataDir,
    BRYGGA_KNOWLEDGE_DIR: shared.knowledgeDir,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
}

export interface Running extends BryggaServer {
  url: string;
  dataDir: string;
  config: Config;
  stop(): Promise<void>;
}

/** Starts a real server with a fresh data dir holding a copy of the shared index. */
export async function startBrygga(
  opts: { env?: Record<string, string>; withIndex?: boolean } & Omit<BuildServerOptions, 'config'> = {},
): Promise<Running> {
  const dataDir = await freshDataDir(opts.withIndex !== false);
  const config = testConfig(dataDir, opts.env);
  const server = await buildServer({ ...opts, config, channels: opts.channels ?? [] });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...server,
    url,
    dataDir,
    config,
    async stop() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await r.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: r.status, json, headers: r.headers };
}

/** Parses a text/event-stream body into events. */
export function parseSse(text: string): Array<{ event: string; data: any }> {
  return text
    .split('\n\n')
    .filter((f) => f.trim())
    .map((frame) => {
      let event = 'message';
      let data = '';
      for (const line of frame.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      return { event, data: data ? JSON.parse(data) : null };
    });
}
