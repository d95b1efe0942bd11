/**
 * The cards Teams receives, validated against an offline Adaptive Card 1.5 JSON Schema with ajv.
 *
 * No Adaptive Card JSON Schema ships in node_modules (the `adaptivecards` 1.2 package has only
 * its TypeScript renderer), so test/teams/fixtures/adaptive-card-1.5.schema.json is a copy written
 * from the essentials of the published 1.5 schema: the same elements, actions, properties, enums
 * and required fields, with additionalProperties:false everywhere (see its $comment for what it
 * does not cover). The cards are taken from what actually reached the fake Bot Connector.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseSkill } from '../../adapters/teams/bot.js';
import { activity, BOT, cardOf, removeSharedIndex, startHarness, type Harness } from './harness.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let validate: ValidateFunction;
let h: Harness;

beforeAll(async () => {
  const schema = JSON.parse(readFileSync(new URL('./fixtures/adaptive-card-1.5.schema.json', import.meta.url), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(schema);
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
  removeSharedIndex();
});

function expectValid(card: unknown): void {
  const ok = validate(card);
  expect(ok ? [] : validate.errors!.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

async function cardFor(text: string, overrides: Record<string, unknown> = {}) {
  const a = activity(h, { text, ...overrides });
  const res = await h.post(a);
  expect(res.status).toBe(200);
  const [reply] = h.connector.for(a.conversation.id, 'message');
  return cardOf(reply.activity);
}

describe('Adaptive Card 1.5 schema', () => {
  it('accepts the answer card with numbered sources and feedback buttons', async () => {
    const card = await cardFor('Vad är syftet med Projekt Rekrytera?');
    expect(JSON.stringify(card)).toContain('**[1]**');
    expectValid(card);
  });

  it('accepts the "no answer" card and an English answer card', async () => {
    expectValid(await cardFor('Hur många pingviner bor på Antarktis enligt rapporterna?'));
    expectValid(await cardFor('What was the purpose of Projekt Rekrytera?', { locale: 'en-US' }));
  });

  it('accepts the welcome and help cards', async () => {
    const added = activity(h, { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }], text: undefined });
    await h.post(added);
    expectValid(cardOf(h.connector.for(added.conversation.id, 'message')[0].activity));
    expectValid(await cardFor('hjälp'));
  });

  it('accepts the cards for matching and invitations (results or the core’s error card)', async () => {
    expectValid(await cardFor('matcha: catering till ett dialogmöte för 120 personer i Helsingborg'));
    expectValid(await cardFor('inbjudan: frukostmöte med företagare den 5 november kl. 07.30–09.00 på stadsbiblioteket'));
  });

  it('is not vacuous: rejects cards that break 1.5', () => {
    const good = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hej', wrap: true }] };
    expectValid(good);
    expect(validate({ ...good, version: '1.6' })).toBe(false);
    expect(validate({ ...good, body: [{ type: 'TextBlock', wrap: true }] })).toBe(false); // text required
    expect(validate({ ...good, body: [{ type: 'TextBlock', text: 'x', size: 'huge' }] })).toBe(false); // enum
    expect(validate({ ...good, body: [{ type: 'Fancy', text: 'x' }] })).toBe(false); // unknown element
    expect(validate({ ...good, actions: [{ type: 'Action.OpenUrl', title: 'x' }] })).toBe(false); // url required
    expect(validate({ ...good, body: [{ type: 'TextBlock', text: 'x', colour: 'good' }] })).toBe(false); // unknown property
  });
});

describe('skill triggers', () => {
  it('routes prefixes to matching, invitations and help, everything else to a question', () => {
    expect(chooseSkill('matcha: catering för 120')).toEqual({ kind: 'match', input: 'catering för 120' });
    expect(chooseSkill('/match catering')).toEqual({ kind: 'match', input: 'catering' });
    expect(chooseSkill('Inbjudan: frukostmöte 5 nov')).toEqual({ kind: 'invite', input: 'frukostmöte 5 nov' });
    expect(chooseSkill('invite: breakfast meeting')).toEqual({ kind: 'invite', input: 'breakfast meeting' });
    expect(chooseSkill('bjud in: företagare')).toEqual({ kind: 'invite', input: 'företagare' });
    expect(chooseSkill('matcha:')).toEqual({ kind: 'help' });
    expect(chooseSkill('  Hjälp ')).toEqual({ kind: 'help' });
    expect(chooseSkill('Matchar IOP med LOU?')).toEqual({ kind: 'ask', input: 'Matchar IOP med LOU?' });
    expect(chooseSkill('Vad är en inbjudan enligt rapporten?')).toEqual({ kind: 'ask', input: 'Vad är en inbjudan enligt rapporten?' });
  });

  it('a request in words to write an invitation is the invitation skill; a question about invitations is a question', () => {
    for (const text of [
      'Kan du skriva en inbjudan till sociala företag i Lund om en dialog den 5 maj?',
      'Skulle du kunna hjälpa mig att formulera en inbjudan till näringslivet?',
      'Gör en kallelse till möte med fastighetskontoret fredag kl 9',
      'Hej! Could you draft an invitation for a breakfast meeting on 3 March?',
      'write me an email inviting the local social enterprises to a dialogue meeting',
    ])
      expect(chooseSkill(text)).toEqual({ kind: 'invite', input: text });
    for (const text of ['Hur skriver man en bra inbjudan?', 'Vad ska en inbjudan innehålla?', 'Vilka gör man en inbjudan till?', 'Hur bjuder man in näringslivet till samskapande?'])
      expect(chooseSkill(text)).toEqual({ kind: 'ask', input: text });
  });
});
