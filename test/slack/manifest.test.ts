/** The app manifest an admin pastes must match what the code listens for. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = fs.readFileSync('adapters/slack/manifest.yaml', 'utf8');
const code = fs.readFileSync('adapters/slack/app.ts', 'utf8');

describe('adapters/slack/manifest.yaml', () => {
  it('declares every slash command the app handles, all pointing at /slack/events', () => {
    const handled = [...code.matchAll(/app\.command\('(\/[a-z]+)'/g)].map((m) => m[1]);
    expect(handled.sort()).toEqual(['/brygga', '/inbjudan', '/matcha']);
    for (const c of handled) expect(manifest).toMatch(new RegExp(`- command: ${c}\\n\\s+url: https://[^\\s]+/slack/events`));
  });

  it('subscribes to the events the app listens for and has the scopes they need', () => {
    for (const e of ['app_mention', 'message.im', 'assistant_thread_started']) expect(manifest).toMatch(new RegExp(`^\\s+- ${e.replace('.', '\\.')}$`, 'm'));
    for (const s of ['app_mentions:read', 'assistant:write', 'chat:write', 'commands', 'files:write', 'im:history']) {
      expect(manifest).toMatch(new RegExp(`^\\s+- ${s}\\b`, 'm'));
    }
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true\n\s+request_url: https:\/\/[^\s]+\/slack\/events/);
  });
});
