import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLlm, loadPrompts, renderPrompt } from '../../src/llm/index.js';
import { REQUIRED_PROMPTS } from '../../src/llm/prompts.js';

const dirs: string[] = [];
function copyPrompts(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-prompts-'));
  dirs.push(dir);
  for (const f of fs.readdirSync('prompts')) fs.copyFileSync(path.join('prompts', f), path.join(dir, f));
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('loadPrompts', () => {
  it('loads every required prompt from prompts/', () => {
    const p = loadPrompts();
    for (const name of REQUIRED_PROMPTS) {
      expect(p[name].name).toBe(name);
      expect(p[name].version).toBeGreaterThanOrEqual(1);
    }
    expect(p.answer.variables).toEqual(expect.arrayContaining(['question', 'passages']));
  });

  it('names the file when a prompt is missing', () => {
    const dir = copyPrompts();
    fs.rmSync(path.join(dir, 'rewrite.md'));
    expect(() => loadPrompts(dir)).toThrow(/rewrite\.md saknas/);
    // and so does the start in LLM mode
    const config = loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', BRYGGA_CHAT_MODEL: 'm' });
    expect(() => createLlm(config, { promptsDir: dir })).toThrow(/rewrite\.md/);
  });

  it('names the file when the front-matter is broken or disagrees with the text', () => {
    const dir = copyPrompts();
    const file = path.join(dir, 'answer.md');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replace(/^---\n/, ''));
    expect(() => loadPrompts(dir)).toThrow(/answer\.md: saknar front-matter/);
    fs.writeFileSync(file, original.replace('version: 1', 'version: ett'));
    expect(() => loadPrompts(dir)).toThrow(/answer\.md: ogiltig front-matter: version/);
    fs.writeFileSync(file, original + '\n{{okänd}}');
    expect(() => loadPrompts(dir)).toThrow(/answer\.md: platshållaren \{\{okänd\}\}/);
    fs.writeFileSync(file, original.replace('{{question}}', 'frågan'));
    expect(() => loadPrompts(dir)).toThrow(/answer\.md: variabeln question används inte/);
    fs.writeFileSync(file, original.replace('name: answer', 'name: svar'));
    expect(() => loadPrompts(dir)).toThrow(/answer\.md: name "svar"/);
  });

  it('renders placeholders once, and requires every variable', () => {
    const p = loadPrompts();
    const text = renderPrompt(p.rewrite, { history: 'Användare: {{question}}', question: 'Vad kostade det?' });
    expect(text).toContain('Användare: {{question}}');
    expect(text).toContain('Nästa fråga från användaren: Vad kostade det?');
    expect(() => renderPrompt(p.rewrite, { history: '' })).toThrow(/question saknas/);
  });
});
