/**
 * Which of Brygga's skills a chat message asks for, for every chat channel (Slack messages and the
 * assistant pane's suggested prompts, Teams messages). A message may start like a slash command
 * ("/matcha …", "/inbjudan …" — what Slack's suggested prompts send as text) or with a label and
 * a colon ("matcha: …", "inbjudan: …"); English forms ("match:", "invite:") work too.
 *
 * - match:  "/matcha", "matcha", "match" + ":" or a space → the need after it
 * - invite: "/inbjudan", "inbjudan", "invite", "bjud in" + ":" or a space → the request after it
 * - help:   "hjälp", "help", "?" alone, or an empty message, or a prefix with nothing after it
 * - ask:    "/brygga …" or anything else → a question
 *
 * Without a prefix, a request in words to draft an invitation ("Kan du skriva en inbjudan till …",
 * "write me an email inviting …") is the invite skill too, with the whole message as the request
 * (`isInvitationRequest`); a question about invitations ("Vad ska en inbjudan innehålla?") is not.
 */
export type Skill = { kind: 'ask' | 'match' | 'invite'; input: string } | { kind: 'help' };

const PREFIXES: Array<[RegExp, 'match' | 'invite' | 'help' | 'ask']> = [
  [/^\/?(?:matcha|match)(?:\s*[:：]\s*|\s+|$)/i, 'match'],
  [/^\/?(?:inbjudan|invite|bjud in)(?:\s*[:：]\s*|\s+|$)/i, 'invite'],
  [/^\/?(?:hjälp|help|\?)\s*[.!]?\s*$/i, 'help'],
  [/^\/brygga(?:\s*[:：]\s*|\s+|$)/i, 'ask'],
];

/**
 * a request to write something, at the start of a sentence: an imperative ("Skriv", "Write"), or a
 * polite lead before the verb ("kan du", "skulle du kunna", "hjälp mig att", "could you", "please" …)
 */
const DRAFT_REQUEST =
  /^(?:(?:kan|kunde|skulle) (?:du|ni)(?: kunna)?(?: hjälpa (?:mig|oss) (?:att|med att))? |(?:snälla|vänligen|hjälp (?:mig|oss) (?:att|med att)?|jag vill att du|vi vill att du|jag behöver att du) |(?:can|could|would|will) you(?: please)?(?: help (?:me|us))? |please |help (?:me|us) |i(?:'d| would) like you to |i need you to )?(?:skriv|skriva|gör|göra|formulera|ta fram|sätt ihop|sätta ihop|utforma|write|draft|compose|create|make|prepare|put together|send)\b/iu;
const INVITATION = /(?:^|[^\p{L}])(?:inbjudan|inbjudningar|inbjudningen|inbjudning|kallelse|kallelsen|invitation|invitations|invite|inviting|bjuda in|bjud in)(?![\p{L}])/iu;

/**
 * Whether a message asks Brygga to draft an invitation: one of its sentences starts with a request
 * to write (`DRAFT_REQUEST`) followed by an invitation word ("inbjudan", "kallelse", "invitation",
 * "inviting", "bjuda in" …). A question about invitations ("Vad ska en inbjudan innehålla?", "Hur
 * skriver man en bra inbjudan?") starts with a question word and is not one.
 */
export function isInvitationRequest(text: string): boolean {
  for (const sentence of text.normalize('NFKC').split(/(?<=[.!?])\s+/)) {
    const verb = DRAFT_REQUEST.exec(sentence.trim());
    if (verb && INVITATION.test(sentence.trim().slice(verb[0].length))) return true;
  }
  return false;
}

/** a sentence that states a need for a supplier: "Vi behöver …", "söker någon som kan …", "We need …", "Looking for …" */
const NEED_START =
  /^(?:(?:hej|hallå|hi|hello)[,!.]?\s+)?(?:(?:vi|jag|förvaltningen|skolan|kommunen|we|i)\s+)?(?:behöver|söker|letar efter|skulle behöva|vill anlita|vill köpa|vill hitta|need|needs|are looking for|am looking for|looking for|want to hire|want to buy)\b/iu;
/** what is sought is knowledge, not a supplier: "söker information om …", "behöver veta …", "need to know …" */
const SEEKS_KNOWLEDGE = /^\s*(?:information|info|svar|fakta|kunskap|mer om|veta|förstå|lära|hjälp att förstå|underlag|stöd i|vägledning|råd|answers?|information|facts|to know|to understand|to learn|guidance|advice)\b/iu;

/**
 * Whether a message reads as a need to match against the registry rather than a question: it states a
 * need for a supplier ("behöver catering till 40 pers i malmö", "Vi söker ett socialt företag som kan ta
 * hand om klotter", "We need cleaning for 3 schools in Lund"), does not ask ("?"), and seeks no knowledge
 * ("Jag söker information om IOP"). The assistant confirms it by the matcher finding a service in it.
 */
export function looksLikeNeed(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  if (!t || /\?/.test(t)) return false;
  const m = NEED_START.exec(t);
  return m !== null && !SEEKS_KNOWLEDGE.test(t.slice(m[0].length));
}

export function chooseSkill(text: string): Skill {
  const t = text.trim();
  if (!t) return { kind: 'help' };
  for (const [re, kind] of PREFIXES) {
    const m = re.exec(t);
    if (!m) continue;
    if (kind === 'help') return { kind: 'help' };
    const rest = t.slice(m[0].length).trim();
    return rest ? { kind, input: rest } : { kind: 'help' };
  }
  if (isInvitationRequest(t)) return { kind: 'invite', input: t };
  return { kind: 'ask', input: t };
}
