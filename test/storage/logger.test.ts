import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({ logLevel: 'debug' }, stream);
  return { logger, text: () => lines.join('') , lines };
}

describe('logger', () => {
  it('redacts personal data in messages and string fields', () => {
    const { logger, text, lines } = capture();
    logger.info({ question: 'Jag är 811218-9876, ring 070-123 45 67', nested: { mail: 'eva@example.se' }, n: 2024 }, 'fråga från eva@example.se');
    const out = text();
    expect(out).not.toContain('9876');
    expect(out).not.toContain('eva@example.se');
    expect(out).not.toContain('070-123');
    const rec = JSON.parse(lines[0]!);
    expect(rec.msg).toBe('fråga från [E-POST]');
    expect(rec.question).toBe('Jag är [PERSONNUMMER], ring [TELEFON]');
    expect(rec.n).toBe(2024);
    expect(rec.level).toBe(30);
  });

  it('never logs secrets', () => {
    const { logger, text } = capture();
    logger.info(
      {
        headers: { authorization: 'Bearer abc.def.ghi', 'x-slack-signature': 'v0=deadbeef', cookie: 'sid=1' },
        botToken: 'xoxb-123-456-abcdef',
        config: { llm: { apiKey: 'sk-verysecretvalue12345' } },
      },
      'calling with Bearer zzzTOKENzzz and xoxb-999-888-secret',
    );
    const out = text();
    for (const s of ['abc.def.ghi', 'deadbeef', 'sid=1', 'xoxb-123', 'verysecret', 'zzzTOKENzzz', 'xoxb-999']) expect(out).not.toContain(s);
    expect(out).toContain('[HEMLIG]');
  });

  it('redacts errors', () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('misslyckades för eva@example.se') }, 'fel');
    const rec = JSON.parse(lines[0]!);
    expect(JSON.stringify(rec)).not.toContain('eva@example.se');
    expect(JSON.stringify(rec)).toContain('misslyckades för [E-POST]');
  });
});
