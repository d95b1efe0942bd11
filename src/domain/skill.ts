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
 */
export type Skill = { kind: 'ask' | 'match' | 'invite'; input: string } | { kind: 'help' };

const PREFIXES: Array<[RegExp, 'match' | 'invite' | 'help' | 'ask']> = [
  [/^\/?(?:matcha|match)(?:\s*[:：]\s*|\s+|$)/i, 'match'],
  [/^\/?(?:inbjudan|invite|bjud in)(?:\s*[:：]\s*|\s+|$)/i, 'invite'],
  [/^\/?(?:hjälp|help|\?)\s*[.!]?\s*$/i, 'help'],
  [/^\/brygga(?:\s*[:：]\s*|\s+|$)/i, 'ask'],
];

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
  return { kind: 'ask', input: t };
}
