/** User-facing error texts of the web API, Swedish first, English when the client asks for it. */
export type UiLang = 'sv' | 'en';

const TEXTS = {
  notReady: {
    sv: 'Brygga startar fortfarande och läser in sina dokument. Försök igen om en liten stund.',
    en: 'Brygga is still starting and loading its documents. Please try again in a moment.',
  },
  failed: {
    sv: 'Brygga kunde inte starta sitt index. Kontakta kommunen om felet består.',
    en: 'Brygga could not load its index. Please contact the municipality if this persists.',
  },
  rateLimited: {
    sv: 'Du skickar frågor lite för snabbt. Vänta {wait} och försök igen.',
    en: 'You are sending questions a little too fast. Please wait {wait} and try again.',
  },
  tooLong: {
    sv: 'Meddelandet är för långt: skriv högst 2000 tecken.',
    en: 'The message is too long: please write at most 2000 characters.',
  },
  empty: { sv: 'Skriv en fråga först.', en: 'Please write a question first.' },
  invalidJson: { sv: 'Ogiltig JSON i begäran.', en: 'The request body is not valid JSON.' },
  emptyBody: { sv: 'Begäran saknar innehåll: skicka JSON.', en: 'The request has no body: send JSON.' },
  bodyTooLarge: { sv: 'Begäran är för stor.', en: 'The request is too large.' },
  wrongType: {
    sv: 'Fel innehållstyp: skicka JSON med Content-Type: application/json.',
    en: 'Wrong content type: send JSON with Content-Type: application/json.',
  },
  badRequest: { sv: 'Ogiltig begäran.', en: 'Invalid request.' },
  compressedBody: { sv: 'Komprimerade begäranden tas inte emot: skicka JSON utan Content-Encoding.', en: 'Compressed requests are not accepted: send JSON without Content-Encoding.' },
  badUrl: { sv: 'Ogiltig adress: den innehåller tecken som inte kan läsas.', en: 'Invalid address: it holds characters that cannot be read.' },
  requestTimeout: { sv: 'Begäran tog för lång tid att komma fram. Försök igen.', en: 'The request took too long to arrive. Please try again.' },
  headersTooLarge: { sv: 'Begärans rubriker är för stora.', en: 'The request headers are too large.' },
  unknownSession: {
    sv: 'Okänd session: den kan ha tagits bort eller gått ut. Starta en ny konversation.',
    en: 'Unknown session: it may have been deleted or expired. Start a new conversation.',
  },
  unknownMessage: { sv: 'Okänt meddelande i den här sessionen.', en: 'Unknown message in this session.' },
  originNotAllowed: {
    sv: 'Den här webbplatsen får inte använda Bryggas chatt.',
    en: 'This web site is not allowed to use the Brygga chat.',
  },
  notFound: { sv: 'Sidan finns inte.', en: 'Page not found.' },
  methodNotAllowed: { sv: 'Frågor skickas med POST.', en: 'Questions are sent with POST.' },
  internal: {
    sv: 'Något gick fel hos oss. Försök igen om en stund.',
    en: 'Something went wrong on our side. Please try again in a moment.',
  },
  overloaded: {
    sv: 'Brygga har många frågor just nu. Försök igen om en liten stund.',
    en: 'Brygga has many questions right now. Please try again in a moment.',
  },
  storageFailed: {
    sv: 'Brygga svarar, men databasen kan inte användas: samtal och återkoppling sparas inte.',
    en: 'Brygga answers, but its database cannot be used: conversations and feedback are not kept.',
  },
  storageUnavailable: {
    sv: 'Brygga kommer inte åt sin databas just nu, så inget sparades. Försök igen om en liten stund.',
    en: 'Brygga cannot reach its database right now, so nothing was saved. Please try again in a moment.',
  },
  streamFailed: {
    sv: 'Svaret avbröts av ett fel. Försök igen.',
    en: 'The answer was interrupted by an error. Please try again.',
  },
} as const;

export type TextKey = keyof typeof TEXTS;

/**
 * The text of `key` in `lang`. `{wait}` in a text is filled from `waitS` (seconds: "20 sekunder",
 * "1 second"), or says "a moment" when it is not known.
 */
export function t(key: TextKey, lang: UiLang = 'sv', waitS?: number): string {
  const n = waitS === undefined ? null : Math.max(1, Math.ceil(waitS));
  const wait = n === null ? (lang === 'en' ? 'a moment' : 'en liten stund') : lang === 'en' ? `${n} second${n === 1 ? '' : 's'}` : `${n} sekund${n === 1 ? '' : 'er'}`;
  return TEXTS[key][lang].replace('{wait}', wait);
}

/** English only when the client clearly asks for it (body `lang`, or Accept-Language starting with en). */
export function pickLang(bodyLang: unknown, acceptLanguage: string | undefined): UiLang {
  if (bodyLang === 'en' || bodyLang === 'sv') return bodyLang;
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'sv';
}

/** An error with an HTTP status and a user-facing text key. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly key: TextKey,
    readonly extra: Record<string, unknown> = {},
  ) {
    // an answer to the client, never logged with a stack: none is captured (under overload every
    // shed request makes one, and the stack was most of its cost)
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(key);
    Error.stackTraceLimit = limit;
  }
}

