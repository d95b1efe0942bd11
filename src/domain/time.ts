/** Today's date where Brygga's municipalities are: Europe/Stockholm. */

// made once: creating an Intl.DateTimeFormat costs about half a millisecond, and every answer asks
// for today's date (src/answer/validity.ts)
const STOCKHOLM_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

let lastMinute = NaN;
let lastDate = '';

/**
 * Today's date in Europe/Stockholm as YYYY-MM-DD. Formatting costs about 10 µs and every answer asks
 * twice; the date is kept for the minute it was asked in (Stockholm's offset is whole hours, so its
 * date changes only at a minute's start).
 */
export function todayInStockholm(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = STOCKHOLM_DATE.format(now);
    lastMinute = minute;
  }
  return lastDate;
}
