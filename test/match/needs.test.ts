import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NeedsRegister } from '../../src/needs/register.js';

describe('needs register', () => {
  it('saves, lists, updates and closes needs, persisted across instances', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brygga-needs-'));
    const a = new NeedsRegister(dir);
    const n1 = await a.save({ text: 'Catering till 120 personer i Helsingborg', createdBy: 'U123', proposed: ['se-001'] });
    const n2 = await a.save({ text: 'Fönsterputs i Lund' });
    expect(n1.id).not.toBe(n2.id);
    expect(n1.status).toBe('open');

    const b = new NeedsRegister(dir); // a new process reading the same data dir
    expect((await b.list()).map((n) => n.id)).toEqual([n1.id, n2.id]);
    await b.update(n1.id, { note: 'Ringde Kvarnbackens Kök' });
    const closed = await b.close(n1.id, { contacted: ['se-001', 'se-028'], outcome: 'avtal tecknat' });
    expect(closed).toMatchObject({ status: 'closed', contacted: ['se-001', 'se-028'], outcome: 'avtal tecknat' });

    const c = new NeedsRegister(dir);
    expect(await c.get(n1.id)).toMatchObject({ status: 'closed', notes: [{ text: 'Ringde Kvarnbackens Kök' }], proposed: ['se-001'] });
    expect((await c.list({ status: 'open' })).map((n) => n.id)).toEqual([n2.id]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses bad input and changes to closed or unknown needs', async () => {
    const r = new NeedsRegister(mkdtempSync(path.join(tmpdir(), 'brygga-needs-')));
    await expect(r.save({ text: '   ' })).rejects.toThrow(/tomt/);
    await expect(r.update('B-9999', { note: 'x' })).rejects.toThrow(/finns inte/);
    const n = await r.save({ text: 'Snöröjning i Umeå' });
    await r.close(n.id);
    await expect(r.close(n.id)).rejects.toThrow(/stängt/);
    await expect(r.update(n.id, { note: 'sent' })).rejects.toThrow(/stängt/);
    expect(await r.list()).toHaveLength(1);
  });
});
