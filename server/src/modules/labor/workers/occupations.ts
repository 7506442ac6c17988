import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Occupation } from '@gearbridge/contracts/labor';

/**
 * The shipped subset of the 2022 occupational classification (server/data/occupations), held in memory: it is
 * small, read-only reference data, so columns keep its codes and the services check them against this set.
 */
interface Entry {
  code: string;
  name: string;
  en: string;
  selectable?: boolean;
  ref?: string;
}
interface File {
  groups: Entry[];
  occupations: Entry[];
}

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/occupations/occupations-2022.json');

function levelOf(code: string): Occupation['level'] {
  return (['major', 'medium', 'minor', 'occupation'] as const)[code.split('-').length - 1];
}

function load(): Map<string, Occupation> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as File;
  const names = new Map<string, string>();
  for (const e of [...data.groups, ...data.occupations]) names.set(e.code, e.name);
  const out = new Map<string, Occupation>();
  const add = (e: Entry, selectable: boolean) => {
    const parts = e.code.split('-');
    const prefix = (n: number) => (parts.length > n ? parts.slice(0, n).join('-') : null);
    const major = parts[0];
    const medium = prefix(2);
    const minor = prefix(3);
    out.set(e.code, {
      code: e.code,
      name: e.name,
      en: e.en,
      level: levelOf(e.code),
      selectable,
      majorCode: major,
      majorName: e.code === major ? e.name : (names.get(major) ?? null),
      mediumCode: medium,
      mediumName: medium ? (names.get(medium) ?? null) : null,
      minorCode: minor,
      minorName: minor ? (names.get(minor) ?? null) : null,
      ref: e.ref ?? null,
    });
  };
  for (const g of data.groups) add(g, g.selectable === true);
  for (const o of data.occupations) add(o, true);
  return out;
}

const table = load();

export function occupation(code: string): Occupation | undefined {
  return table.get(code);
}

/** A code a skill, a wanted occupation or a posting may carry: an occupation, or a selectable minor group. */
export function isSelectable(code: string): boolean {
  return table.get(code)?.selectable === true;
}

export function occupationName(code: string, lang: 'zh' | 'en' = 'zh'): string | null {
  const o = table.get(code);
  return o ? (lang === 'zh' ? o.name : o.en) : null;
}

/** Every entry, filtered by text (code prefix, Chinese or English name), group and selectability, in code order. */
export function searchOccupations(f: { q?: string; group?: string; selectable?: 'true' | 'false' }): Occupation[] {
  const q = f.q?.toLowerCase();
  return [...table.values()]
    .filter((o) => !f.group || o.code === f.group || o.code.startsWith(`${f.group}-`))
    .filter((o) => f.selectable === undefined || o.selectable === (f.selectable === 'true'))
    .filter((o) => !q || o.code.startsWith(q) || o.name.includes(f.q!) || o.en.toLowerCase().includes(q))
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

export function selectableCodes(): string[] {
  return [...table.values()].filter((o) => o.selectable).map((o) => o.code);
}
