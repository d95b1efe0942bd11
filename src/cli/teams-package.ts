/**
 * `brygga teams-package [--out FIL] [--public-url URL] [--developer NAMN] [--website URL]
 *  [--privacy URL] [--terms URL] [--app-version X.Y.Z]`
 * Builds the Teams app package (manifest.json + color.png + outline.png, zipped) for the bot in
 * MICROSOFT_APP_ID. Exit 2 naming the variable when it is missing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildTeamsPackage, PackageError } from '../../adapters/teams/package.js';
import { loadConfig } from '../config.js';
import { parse, UsageError } from './args.js';
import { fromRoot } from '../root.js';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '1.0.0';
  } catch {
    return '1.0.0';
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string', short: 'o' },
    'public-url': { type: 'string' },
    developer: { type: 'string' },
    website: { type: 'string' },
    privacy: { type: 'string' },
    terms: { type: 'string' },
    'app-version': { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`okänt argument: ${positionals[0]}`);
  const config = loadConfig();
  if (!config.teams.appId) {
    process.stderr.write('brygga teams-package: MICROSOFT_APP_ID saknas: sätt den till botens app-id (GUID) från Azure Bot / Entra ID\n');
    return 2;
  }
  const out = path.resolve(values.out ?? 'brygga-teams.zip');
  let built;
  try {
    built = buildTeamsPackage({
      appId: config.teams.appId,
      version: values['app-version'] ?? packageVersion(),
      developerName: values.developer,
      websiteUrl: values.website,
      privacyUrl: values.privacy,
      termsOfUseUrl: values.terms,
      publicUrl: values['public-url'],
    });
  } catch (err) {
    if (err instanceof PackageError) throw new UsageError(err.message);
    throw err;
  }
  writeFileSync(out, built.zip);
  if (!values.website) {
    process.stderr.write('brygga teams-package: obs: --website/--privacy/--terms saknas; manifestet har platshållare (https://brygga.example/)\n');
  }
  process.stdout.write(
    `Teams-appaket skrivet: ${out} (${built.zip.length} byte; manifest v${String(built.manifest.manifestVersion)}, ` +
      `version ${String(built.manifest.version)}, bot ${config.teams.appId})\n`,
  );
  return 0;
}
