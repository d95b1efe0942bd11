/** Block Kit rendering: Slack's limits and the shape of answers, matches and drafts. */
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  answerBlocks,
  codeBlock,
  decodeRef,
  encodeRef,
  inviteBlocks,
  matchBlocks,
  mrkdwn,
  sourceUrl,
  splitText,
  withoutSourceList,
} from '../../adapters/slack/blocks.js';
import type { AskResult, Citation, InviteResult, MatchResult } from '../../src/domain/types.js';

const cite = (n: number, over: Partial<Citation> = {}): Citation => ({
  n,
  docId: `doc-${n}`,
  title: `Rapport ${n}`,
  section: 'Kapitel 2',
  lines: [10 * n, 10 * n + 4],
  page: null,
  quote: 'Ett citat <med> tecken & annat',
  ...over,
});

const ask = (over: Partial<AskResult> = {}): AskResult => ({
  answered: true,
  language: 'sv',
  answer: 'Svaret **är** här [1].',
  citations: [cite(1)],
  retrieved: [],
  mode: 'extractive',
  timings: { retrieveMs: 1, totalMs: 1 },
  ...over,
});

const ref = { sessionId: 'sess', messageId: 'msg' };

function allText(blocks: unknown): string {
  return JSON.stringify(blocks);
}

describe('text helpers', () => {
  it('escapes Slack control characters and converts Markdown', () => {
    expect(mrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(mrkdwn('**fet** och [länk](https://x.se/a)')).toBe('*fet* och <https://x.se/a|länk>');
  });

  it('splits long text under the section limit without losing words', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `ord${i}`);
    const parts = splitText(words.join(' '), 500);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(500);
    expect(parts.join(' ').split(' ')).toEqual(words);
  });

  it('round-trips button references and refuses malformed ones', () => {
    expect(decodeRef(encodeRef(ref))).toEqual(ref);
    expect(decodeRef('a:b:c')).toBeNull();
    expect(decodeRef('')).toBeNull();
    expect(decodeRef(undefined)).toBeNull();
  });

  it('links a citation to the sources page only when a base URL is known', () => {
    expect(sourceUrl('https://b.se/', cite(2, { docId: 'a b' }))).toBe('https://b.se/sources/a%20b?lines=20-24');
    expect(sourceUrl(undefined, cite(2))).toBeUndefined();
  });

  it('leaves out the core’s own trailing source list (the blocks show it) but nothing else', () => {
    expect(withoutSourceList('Svar [1].\n\nKällor:\n[1] Rapport, rad 7–11\n[2] Annan, s. 3')).toBe('Svar [1].');
    expect(withoutSourceList('Answer [1].\n\nSources:\n[1] Report')).toBe('Answer [1].');
    const keep = 'Källor:\nDet finns många källor [1] men ingen lista.';
    expect(withoutSourceList(keep)).toBe(keep);
  });

  it('keeps code blocks closed', () => {
    expect(codeBlock('x ``` y')).toBe("```\nx ''' y\n```");
  });
});

describe('answers', () => {
  it('numbers sources, escapes quotes and ends with feedback buttons', () => {
    const blocks = answerBlocks(ask({ citations: [cite(1), cite(2, { page: 7 })] }), { ref, baseUrl: 'https://b.se' });
    const text = allText(blocks);
    expect(text).toContain('[1] <https://b.se/sources/doc-1?lines=10-14|Rapport 1 — Kapitel 2> (rad 10–14)');
    expect(text).toContain('(s. 7, rad 20–24)');
    expect(text).toContain('&lt;med&gt;');
    const last = blocks[blocks.length - 1] as { type: string; elements: Array<{ action_id: string; value: string }> };
    expect(last.type).toBe('actions');
    expect(last.elements.map((e) => e.action_id)).toEqual([ACTIONS.feedbackUp, ACTIONS.feedbackDown]);
    expect(last.elements[0].value).toBe('sess:msg');
  });

  it('says so when the sources do not support an answer', () => {
    const text = allText(answerBlocks(ask({ answered: false, citations: [], answer: 'Jag vet inte.' }), { ref }));
    expect(text).toContain('inget stöd i källorna');
    expect(text).not.toContain('Källor');
  });

  it('stays within Slack limits for a very long answer with many sources', () => {
    const blocks = answerBlocks(
      ask({ answer: 'lång text '.repeat(20_000), citations: Array.from({ length: 40 }, (_, i) => cite(i + 1)) }),
      { ref, baseUrl: 'https://b.se' },
    );
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) {
      const t = (b as { text?: { text: string } }).text?.text;
      if (t) expect(t.length).toBeLessThanOrEqual(3000);
    }
    expect(blocks[blocks.length - 1].type).toBe('actions');
  });
});

describe('matches and drafts', () => {
  const match = (n: number, sample: boolean): MatchResult => ({
    need: { categories: ['catering'], municipality: null, period: null, minCapacity: null, reservedContract: false, iop: false, fSkatt: false, targetGroup: null, language: 'sv' },
    matches: Array.from({ length: n }, (_, i) => ({ rank: i + 1, enterpriseId: `se-${i}`, name: `Bolag ${i}`, score: 1, reasons: ['kategori catering'], warnings: i === 0 ? ['kapacitet okänd'] : [], sample })),
    noMatch: n === 0,
    advice: 'Råd [1].',
    citations: [cite(1)],
  });

  it('shows the first three with reasons and warnings, labels sample data and offers the buttons', () => {
    const blocks = matchBlocks(match(5, true), { ref, needRef: ref, shown: 3 });
    const text = allText(blocks);
    expect(text).toContain('Bolag 2');
    expect(text).not.toContain('Bolag 3');
    expect(text).toContain('kapacitet okänd');
    expect(text).toContain('fiktiva exempeldata');
    expect(text).toContain('Visa fler');
    expect(text).toContain('Skapa inbjudan till dialog');
  });

  it('offers no "Visa fler" when all are shown and no invitation without matches; real data is not labelled', () => {
    const all = allText(matchBlocks(match(2, false), { needRef: ref }));
    expect(all).not.toContain('Visa fler');
    expect(all).not.toContain('fiktiva');
    const none = allText(matchBlocks(match(0, false), { needRef: ref }));
    expect(none).toContain('Inget företag');
    expect(none).not.toContain('Skapa inbjudan');
    expect(none).toContain('Spara behovet');
  });

  it('uses the core’s ready-made Slack blocks for a draft and adds its own buttons', () => {
    const draft: InviteResult = {
      language: 'sv',
      audience: 'x',
      fields: { date: null, start: null, end: null, place: null, online: false, rsvpBy: null, contact: null },
      missing: ['time'],
      subject: 'Ämne',
      text: 'Text [TID]',
      slackBlocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'FÄRDIGT BLOCK' } }, { type: 'actions', elements: [] }],
      adaptiveCard: {},
    };
    const blocks = inviteBlocks(draft, { ref, draftRef: ref });
    const text = allText(blocks);
    expect(text).toContain('FÄRDIGT BLOCK');
    expect(text).not.toContain('Saknas fortfarande'); // the ready-made blocks say it themselves
    const actions = blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(2); // draft buttons + feedback; the core's own actions block is replaced
    expect(allText(actions[0])).toContain(ACTIONS.inviteEdit);
    const own = allText(inviteBlocks({ ...draft, slackBlocks: [] }, {}));
    expect(own).toContain('Text [TID]');
    expect(own).toContain('Saknas fortfarande: time');
  });
});
