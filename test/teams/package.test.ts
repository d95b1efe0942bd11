/**
 * `brygga teams-package`: the zip holds a manifest that parses (v1.19, bot id from
 * MICROSOFT_APP_ID) and both icons at the sizes Teams requires. The zip is read back with a small
 * reader written here (central directory + inflateRaw) and, when present, with Info-ZIP's unzip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32 } from '../../adapters/teams/package.js';

const APP_ID = '0f3e6c2a-9b1d-4c7e-8a55-2d4b6f8e1a90';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-teams-pkg-'));
const BIN = path.resolve('bin/brygga.js');

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function runCli(args: string[], env: Record<string, string | undefined>) {
  const cleanEnv: NodeJS.ProcessEnv = { ...process.env, MICROSOFT_APP_ID: undefined, MICROSOFT_APP_PASSWORD: undefined, ...env };
  for (const k of Object.keys(cleanEnv)) if (cleanEnv[k] === undefined) delete cleanEnv[k];
  return spawnSync(process.execPath, [BIN, 'teams-package', ...args], { env: cleanEnv, cwd: tmp, encoding: 'utf8' });
}

/** Reads every entry of a zip through its central directory. */
function readZip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const packed = buf.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(packed) : Buffer.from(packed);
    expect(crc32(data)).toBe(crc);
    out.set(name, data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Width, height, colour type and the decoded RGBA pixels of a PNG. */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let p = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (p < png.length) {
    const len = png.readUInt32BE(p);
    const type = png.subarray(p + 4, p + 8).toString('ascii');
    const data = png.subarray(p + 8, p + 8 + len);
    expect(png.readUInt32BE(p + 8 + len)).toBe(crc32(png.subarray(p + 4, p + 8 + len)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9];
    }
    if (type === 'IDAT') idat.push(data);
    p += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels: number[][] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0); // our encoder uses filter 0
    for (let x = 0; x < width; x++) {
      const i = y * (width * 4 + 1) + 1 + x * 4;
      pixels.push([raw[i], raw[i + 1], raw[i + 2], raw[i + 3]]);
    }
  }
  return { width, height, colourType, pixels };
}

describe('brygga teams-package', () => {
  it('writes a zip with a v1.19 manifest for the bot and both icons at the right sizes', () => {
    const out = path.join(tmp, 'brygga.zip');
    const r = runCli(['--out', out, '--website', 'https://www.helsingborg.se/brygga/', '--public-url', 'https://brygga.helsingborg.se'], {
      MICROSOFT_APP_ID: APP_ID,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(out);

    const files = readZip(fs.readFileSync(out));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.manifestVersion).toBe('1.19');
    expect(manifest.$schema).toContain('/v1.19/MicrosoftTeams.schema.json');
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.developer.websiteUrl).toBe('https://www.helsingborg.se/brygga/');
    expect(manifest.developer.privacyUrl).toMatch(/^https:\/\//);
    expect(manifest.validDomains).toEqual(['brygga.helsingborg.se']);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);

    const color = readPng(files.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixels.every((px) => px[3] === 255)).toBe(true); // full colour, opaque

    const outline = readPng(files.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // Teams: white on transparent
    expect(outline.pixels.some((px) => px[3] === 0)).toBe(true);
    expect(outline.pixels.filter((px) => px[3] > 0).every((px) => px[0] === 255 && px[1] === 255 && px[2] === 255)).toBe(true);

    // another zip implementation agrees, when there is one
    if (spawnSync('unzip', ['-v']).status === 0) {
      expect(execFileSync('unzip', ['-t', out], { encoding: 'utf8' })).toContain('No errors detected');
    }
  });

  it('exits 2 naming MICROSOFT_APP_ID when it is missing', () => {
    const r = runCli(['--out', path.join(tmp, 'x.zip')], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('MICROSOFT_APP_ID');
    expect(fs.existsSync(path.join(tmp, 'x.zip'))).toBe(false);
  });

  it('exits 2 for an app id that is not a GUID and for a website that is not https', () => {
    const bad = runCli(['--out', path.join(tmp, 'y.zip')], { MICROSOFT_APP_ID: 'brygga-bot' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/MICROSOFT_APP_ID.*GUID/);
    const http = runCli(['--out', path.join(tmp, 'z.zip'), '--website', 'http://example.se'], { MICROSOFT_APP_ID: APP_ID });
    expect(http.status).toBe(2);
    expect(http.stderr).toContain('https://');
  });
});
