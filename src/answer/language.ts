/** Detects whether a question is Swedish or English (the two languages Brygga answers in). */
import type { Language } from '../domain/types.js';

const SV = new Set(
  'och att det som en på är av för med till den har de inte om ett men var jag sig från vi så kan man när hur vad vilka vilken vilket varför finns ska gick skulle också eller mellan jag behöver vår våra vi oss någon något mig mer berätta hej hallå tack du ni snälla bara nu mycket'.split(
    ' ',
  ),
);
const EN = new Set(
  'the and of to in is are was were what which who how why when where does did do for with that this from by on an a be have has can could should would their there about according report me more tell hello hi thanks thank you please my it'.split(
    ' ',
  ),
);

/**
 * Evidence for each language: function words of it, and the words of a short message ("tell me more",
 * "hello", "tack"), which has no other (a word with å/ä/ö counts half for Swedish).
 */
export function languageScores(text: string): Record<Language, number> {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let sv = 0;
  let en = 0;
  for (const w of words) {
    if (SV.has(w)) sv++;
    if (EN.has(w)) en++;
    if (/[åäö]/.test(w)) sv += 0.5;
  }
  return { sv, en };
}

export function detectLanguage(text: string): Language {
  const { sv, en } = languageScores(text);
  return en > sv ? 'en' : 'sv';
}

/**
 * A request for the answer's language inside the message ("Please answer in Swedish: …", "…, svara
 * på engelska tack", "in English please"): the language asked for, and the message without the
 * request (which is no part of what is asked). `language` is null when the message asks for none.
 */
export function languageRequest(text: string): { language: Language | null; rest: string; only: boolean } {
  for (const re of LANGUAGE_REQUESTS) {
    const m = re.exec(text);
    if (!m) continue;
    const word = (m.groups?.lang ?? '').toLowerCase();
    const language: Language = /^(swedish|svenska)$/.test(word) ? 'sv' : 'en';
    const rest = (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length)).replace(/\s+/g, ' ').replace(/^[\s,.:;!?-]+/, '').trim();
    // nothing but the request ("Can you say that in English?", "På svenska, tack"): it asks for the previous answer again
    const only = !/[\p{L}\p{N}]/u.test(rest.replace(/\b(?:tack|thanks|please|snälla|då|igen|again|också|too)\b/giu, ''));
    return { language, rest: only ? text : rest || text, only };
  }
  return { language: null, rest: text, only: false };
}

const LANG = '(?<lang>swedish|english|svenska|engelska)';
const LANGUAGE_REQUESTS = [
  new RegExp(`(?:^|(?<=[.!?,;])\\s*|\\s)(?:(?:could you |can you )?please |kindly |(?:could|can|would) you )?(?:answer|reply|respond|write|explain|say|tell me|give me|repeat|translate)(?: me| this| that| it| the answer)?(?: again)? (?:in|into) ${LANG}(?: please)?(?:\\s*[,:.!?]|\\s*$)`, 'iu'),
  new RegExp(`(?:^|(?<=[.!?,;])\\s*|\\s)(?:kan du |skulle du kunna )?(?:svara|skriv|förklara|säga|säg|ta|översätt|upprepa)(?: gärna| mig| det| detta| svaret)?(?: igen)?(?: på| in| till) ${LANG}(?: tack| är du snäll)?(?:\\s*[,:.!?]|\\s*$)`, 'iu'),
  new RegExp(`^\\s*(?:and |och )?(?:in|på) ${LANG}\\s*[?!.]*\\s*$`, 'iu'),
  new RegExp(`(?:^|,\\s*|\\s)in ${LANG},? please(?=[.!?]|\\s|$)`, 'iu'),
  new RegExp(`(?:^|,\\s*|\\s)på ${LANG},? tack(?=[.!?]|\\s|$)`, 'iu'),
];
