/**
 * Splits every eval set into a TUNE part (about 60 %: look at its failures, fix mechanisms) and a
 * MEASURE part (about 40 %: report its figures only, never its failures) by a stable hash of the case
 * id, so a case stays in its part whatever else changes in the file.
 */
import { createHash } from 'node:crypto';

export type Part = 'tune' | 'measure';

/** SHA-1 of the id: first two bytes as a number in [0, 1) below 0.6 → tune, else measure. */
export function partOf(id: string): Part {
  const h = createHash('sha1').update(id, 'utf8').digest();
  return (h.readUInt16BE(0) / 65536) < 0.6 ? 'tune' : 'measure';
}
