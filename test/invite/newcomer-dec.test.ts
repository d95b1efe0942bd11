/**
 * Kinds from a newcomer's trial on 2026-12-02 (issue 14, eighth round): each a mechanism, each failing without it.
 */
import { describe, expect, it } from 'vitest';
import { createInviter } from '../../src/invite/index.js';
import { parseInviteRequest } from '../../src/invite/parse.js';

const TODAY = '2026-12-02';
const inviter = createInviter({ now: () => new Date('2026-12-02T08:00:00Z') });
const parse = (r: string) => parseInviteRequest(r, TODAY);

describe('date and time words are logistics, not the topic', () => {
  it.each([
    ['Bjud in sociala företag i Helsingborg till ett frukostmöte om upphandling tisdag nästa vecka kl 8-9.30 på Dunkers kulturhus', 'upphandling'],
    ['Bjud in föreningar till ett dialogmöte om fritidsgårdar om två veckor', 'fritidsgårdar'],
    ['Invite social enterprises in Malmö to a breakfast meeting about the new innovation fund, January 14th.', 'the new innovation fund'],
    ['Bjud in företagare till ett möte om återbruk på torsdag kl 10', 'återbruk'],
    ['Bjud in företagare till ett möte om upphandling nästa vecka', 'upphandling'],
  ])('%s', (request, topic) => {
    expect(parse(request).topic).toBe(topic);
  });
  it('the subject names the date once', async () => {
    const r = await inviter.draft('Bjud in sociala företag i Helsingborg till ett frukostmöte om upphandling tisdag nästa vecka kl 8-9.30 på Dunkers kulturhus', { today: TODAY });
    expect(r.subject).toMatch(/^Inbjudan till frukostmöte om upphandling,? tisdag 8 december$/);
    expect(r.text).not.toMatch(/nästa vecka\./);
  });
});
