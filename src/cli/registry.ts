/**
 * `brygga registry import FILE [--dry-run] [--json]`: validates a registry file (JSON shape or CSV),
 * imports the good rows into the knowledge folder and reports every bad row by line and field, and
 * duplicates. Exit 0 when every row was imported, 2 when some row was rejected (the good ones are kept).
 * `brygga registry check`: validates the registry in the knowledge folder.
 * `brygga registry template`: prints the CSV header and the sample rows as CSV.
 */
import path from 'node:path';
import { loadConfig } from '../config.js';
import { importRegistryFile } from '../registry/import.js';
import { loadRegistry, toCsv } from '../registry/load.js';
import { parse, UsageError } from './args.js';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } });
  const [sub, ...rest] = positionals;
  const config = loadConfig();
  const dir = path.join(config.knowledgeDir, 'enterprises');
  if (sub === 'import') {
    if (rest.length !== 1) throw new UsageError('ange en fil: brygga registry import FIL.json|FIL.csv');
    const report = importRegistryFile(path.resolve(rest[0]!), dir, { dryRun: values['dry-run'] });
    if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else {
      const out: string[] = [];
      out.push(`${values['dry-run'] ? 'Skulle importera' : 'Importerade'} ${values['dry-run'] ? report.valid : report.imported} poster${report.written ? ` till ${path.relative(process.cwd(), report.written)}` : ''}.`);
      for (const r of report.rejected) out.push(`rad ${r.line}${r.id ? ` (${r.id})` : ''}: ${r.field}: ${r.message}`);
      for (const d of report.duplicates) out.push(`rad ${d.line} (${d.id}): dubblett – ${d.name}, ${d.municipality}: ${d.reason}`);
      process.stdout.write(out.join('\n') + '\n');
    }
    if (report.rejected.length || report.duplicates.length) {
      process.stderr.write(`brygga registry: ${report.rejected.length} felaktiga rader och ${report.duplicates.length} dubbletter importerades inte\n`);
      return report.rejected.length ? 2 : 0;
    }
    return 0;
  }
  if (sub === 'check') {
    const reg = loadRegistry(dir);
    const line = `${reg.enterprises.length} företag, ${reg.categories.length} kategorier, ${reg.issues.length} fel${reg.hasSample ? ' (innehåller fiktiva exempeldata)' : ''}`;
    if (values.json) process.stdout.write(JSON.stringify({ enterprises: reg.enterprises.length, categories: reg.categories.length, sample: reg.hasSample, issues: reg.issues }, null, 2) + '\n');
    else process.stdout.write([line, ...reg.issues.map((i) => `${i.file} rad ${i.line}${i.id ? ` (${i.id})` : ''}: ${i.field}: ${i.message}`)].join('\n') + '\n');
    return reg.issues.length ? 2 : 0;
  }
  if (sub === 'template') {
    process.stdout.write(toCsv(loadRegistry(dir).enterprises.slice(0, 2)));
    return 0;
  }
  throw new UsageError('användning: brygga registry import FIL [--dry-run] [--json] | registry check | registry template');
}
