import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModuleName } from '@gearbridge/contracts/common';
import { PERMISSIONS } from '@gearbridge/contracts/permissions';
import * as contractMessages from '@gearbridge/contracts/messages';
import { modules } from '.';

// What a module must bring to be one unit (ARCHITECTURE.md, "Adding a module"); a module that lacks a piece fails
// here, naming it, instead of failing at run time on some page.
const built = modules.filter((m) => !('comingSoon' in m && m.comingSoon));
const catalogues = Object.entries(contractMessages).filter(([name, v]) => name.endsWith('Messages') && typeof v === 'object') as [string, Record<string, string>][];

describe('the module list', () => {
  it('names every module contracts know, once', () => {
    expect(modules.map((m) => m.name).sort()).toEqual([...ModuleName.options].sort());
  });

  it("holds exactly contracts' permission codes, each labelled in both languages", () => {
    const defs = built.flatMap((m) => m.permissions);
    expect(defs.map((d) => d.code).sort()).toEqual([...PERMISSIONS].sort());
    for (const d of defs) {
      expect(d.zh, `${d.code} has no Chinese label`).toMatch(/[\u4e00-\u9fff]/);
      expect(d.en, `${d.code} has no English label`).toMatch(/[A-Za-z]/);
    }
  });
});

describe.each(built.map((m) => [m.name, m] as const))('module %s', (name, mod) => {
  it('declares permissions under its own name (identity: the core codes), and roles that grant only known ones', () => {
    const own = mod.permissions.map((p) => p.code);
    if (name !== 'identity') for (const c of own) expect(c.startsWith(`${name}.`), `${c} is not a ${name}.* code`).toBe(true);
    for (const r of mod.roles) {
      expect(r.zh && r.en, `role ${r.code} lacks a label`).toBeTruthy();
      for (const p of r.permissions) expect(p === '*' || (PERMISSIONS as readonly string[]).includes(p), `role ${r.code} grants unknown ${p}`).toBe(true);
    }
  });

  it('carries its message catalogue from contracts, every key under its name', () => {
    expect(mod.messages, `${name} has no messages`).toBeDefined();
    const keys = Object.keys(mod.messages!);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k.startsWith(`${name}.`), `${k} is not a ${name}.* key`).toBe(true);
    const fromContracts = catalogues.find(([, c]) => c === mod.messages);
    expect(fromContracts, `${name}'s messages are not a catalogue exported by @gearbridge/contracts/messages`).toBeDefined();
  });

  it('owns a migrations folder of NNNN_<verb_noun>.sql files', () => {
    expect(mod.migrations, `${name} has no migrations`).toBeDefined();
    const dir = mod.migrations!.dir;
    expect(existsSync(dir), `${dir} does not exist`).toBe(true);
    expect(path.basename(dir)).toBe(name);
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/);
  });
});
