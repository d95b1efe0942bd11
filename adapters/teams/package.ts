/**
 * The Teams app package: manifest.json (Teams app manifest schema v1.19) and the two icons Teams
 * requires (color.png 192×192, outline.png 32×32 white on transparent), zipped flat.
 * Icons are drawn in code and encoded with node:zlib; the zip writer is a minimal one (deflate,
 * no zip64), so nothing beyond Node is needed.
 */
import { deflateRawSync, deflateSync } from 'node:zlib';

export const MANIFEST_VERSION = '1.19';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
const ACCENT = '#1F5C99';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ManifestOptions {
  appId: string;
  version: string;
  developerName?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
  /** the public URL of the server (its host goes into validDomains) */
  publicUrl?: string;
}

export class PackageError extends Error {}

function httpsUrl(name: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new PackageError(`${name} är ingen giltig URL: ${value}`);
  }
  if (u.protocol !== 'https:') throw new PackageError(`${name} måste börja med https:// (${value})`);
  return u.toString();
}

export function buildManifest(o: ManifestOptions): Record<string, unknown> {
  if (!GUID.test(o.appId)) throw new PackageError('MICROSOFT_APP_ID måste vara ett GUID (appens id i Azure Bot / Entra ID)');
  if (!/^\d+\.\d+\.\d+$/.test(o.version)) throw new PackageError(`versionen måste ha formen 1.2.3 (${o.version})`);
  const website = httpsUrl('--website', o.websiteUrl ?? 'https://brygga.example/');
  const scopes = ['personal', 'team', 'groupChat'];
  const validDomains: string[] = [];
  if (o.publicUrl) validDomains.push(new URL(httpsUrl('--public-url', o.publicUrl)).host);
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: o.version,
    id: o.appId.toLowerCase(),
    developer: {
      name: o.developerName ?? 'Brygga',
      websiteUrl: website,
      privacyUrl: httpsUrl('--privacy', o.privacyUrl ?? new URL('integritet', website).toString()),
      termsOfUseUrl: httpsUrl('--terms', o.termsOfUseUrl ?? new URL('villkor', website).toString()),
    },
    name: { short: 'Brygga', full: 'Brygga – assistent för samverkan över sektorsgränser' },
    description: {
      short: 'Svar med källor om samverkan, matchning och inbjudningar.',
      full:
        'Brygga har läst rapporterna och de lokala styrdokumenten om kommunens samverkan med näringsliv, ' +
        'civilsamhälle och sociala företag. Ställ en fråga och få ett svar med numrerade källor. ' +
        'Skriv "matcha: …" för att hitta sociala företag till ett behov och "inbjudan: …" för ett utkast ' +
        'till inbjudan till ett dialogmöte. Svaren är AI-genererade: kontrollera källorna.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT,
    bots: [
      {
        botId: o.appId.toLowerCase(),
        scopes,
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          {
            scopes,
            commands: [
              { title: 'hjälp', description: 'Visar vad Brygga kan göra' },
              { title: 'matcha', description: 'matcha: ett behov → sociala företag som passar' },
              { title: 'inbjudan', description: 'inbjudan: en förfrågan → utkast till inbjudan med kalenderfil' },
            ],
          },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains,
  };
}

// ---------------------------------------------------------------- CRC-32, PNG, zip

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Encodes an RGBA image (8 bits per channel) as PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The Brygga mark (a bridge: deck, arch, two pillars) in unit coordinates; true where it is ink. */
function bridgeInk(u: number, v: number): boolean {
  const deck = v >= 0.5 && v <= 0.58 && u >= 0.1 && u <= 0.9;
  const dx = u - 0.5;
  const dy = v - 0.92;
  const r = Math.sqrt(dx * dx + dy * dy);
  const arch = v <= 0.92 && v >= 0.58 && r >= 0.3 && r <= 0.38;
  const pillar = v >= 0.58 && v <= 0.82 && ((u >= 0.14 && u <= 0.2) || (u >= 0.8 && u <= 0.86));
  return deck || arch || pillar;
}

/** Draws the mark with 4×4 supersampling: `ink` colour over `background` (alpha 0 = transparent). */
function drawIcon(size: number, ink: [number, number, number], background: [number, number, number, number]): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) if (bridgeInk((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size)) hits++;
      const a = hits / (S * S);
      const i = (y * size + x) * 4;
      const bgA = background[3] / 255;
      const outA = a + bgA * (1 - a);
      for (let c = 0; c < 3; c++) {
        rgba[i + c] = outA === 0 ? 0 : Math.round((ink[c] * a + background[c] * bgA * (1 - a)) / outA);
      }
      rgba[i + 3] = Math.round(outA * 255);
    }
  }
  return encodePng(size, size, rgba);
}

export function colorIcon(): Buffer {
  return drawIcon(192, [255, 255, 255], [0x1f, 0x5c, 0x99, 255]);
}

/** Teams requires the outline icon to be white on a transparent background. */
export function outlineIcon(): Buffer {
  return drawIcon(32, [255, 255, 255], [0, 0, 0, 0]);
}

/** A minimal zip (deflate, no zip64, fixed timestamp so that the same input gives the same bytes). */
export function zip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (2024 - 1980) << 9 | (1 << 5) | 1; // 2024-01-01
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data, { level: 9 });
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, packed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal attrs: 0
    central.writeUInt32LE(0, 38); // external attrs
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

/** The complete app package as zip bytes. */
export function buildTeamsPackage(o: ManifestOptions): { zip: Buffer; manifest: Record<string, unknown> } {
  const manifest = buildManifest(o);
  const bytes = zip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
  ]);
  return { zip: bytes, manifest };
}
