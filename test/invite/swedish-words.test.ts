/** Invitation requests whose key word starts or ends with å, ä or ö (JavaScript's \b is ASCII-only: src/text/words.ts). */
import { describe, expect, it } from 'vitest';
import { parseInviteRequest } from '../../src/invite/parse.js';

const TODAY = '2026-10-01'; // a Thursday

describe('invitation requests read words with å/ä/ö', () => {
  it('"övermorgon" alone is the day after tomorrow', () => {
    const p = parseInviteRequest('Dialogmöte med sociala företag övermorgon kl 9–11 i Stadshuset', TODAY);
    expect(p.date?.iso).toBe('2026-10-03');
  });

  it('"Upphandlingen är redan beslutad" is a meeting about something decided', () => {
    expect(parseInviteRequest('Möte med leverantörer den 12 november kl 10 om städning. Upphandlingen är redan beslutad.', TODAY).decided).toBe(true);
  });

  it('"föreslå en dagordning" asks for an agenda', () => {
    expect(parseInviteRequest('Workshop för näringslivet den 12 november kl 10 på biblioteket. Föreslå gärna en dagordning.', TODAY).agendaRequested).toBe(true);
  });
});
