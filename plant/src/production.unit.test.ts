import { describe, expect, it } from 'vitest';
import { PLANT } from './plant';
import { COMPONENTS, DEFECT_CODES, PRODUCTS, ROUTING } from './production';

/** GS1 General Specifications §7.9.1: mod-10 check digit, weights 3 and 1 alternating from the right. */
const gs1Check = (digits: string) => {
  let sum = 0;
  for (const [i, c] of [...digits].reverse().entries()) sum += Number(c) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
};

describe('the demo plant’s products and routing', () => {
  it('gives every line one product whose GTIN-14 has a valid check digit', () => {
    expect(PRODUCTS.map((p) => p.line).sort()).toEqual(PLANT.map((l) => l.code).sort());
    for (const p of PRODUCTS) {
      expect(p.gtin).toMatch(/^\d{14}$/);
      expect(Number(p.gtin[13])).toBe(gs1Check(p.gtin.slice(0, 13)));
      expect(PLANT.find((l) => l.code === p.line)!.product).toBe(p.nameZh);
    }
    // A wrong digit is caught by the same rule.
    expect(gs1Check('0697543210001')).not.toBe(5);
  });

  it('has each operation performed by stations of its kind in its cell on every line, and known codes only', () => {
    for (const line of PLANT) {
      for (const op of ROUTING) {
        expect(line.devices.some((d) => d.cell === op.op && d.kind === op.kind)).toBe(true);
      }
    }
    const codes = ROUTING.flatMap((o) => o.characteristics.map((c) => c.code));
    expect(new Set(codes).size).toBe(codes.length);
    for (const op of ROUTING) for (const b of op.binds) expect(COMPONENTS.map((c) => c.code)).toContain(b.component);
    for (const c of ROUTING.flatMap((o) => o.characteristics)) {
      expect(c.lsl === null || c.usl === null || c.lsl < c.usl).toBe(true);
      expect(c.usl === null || c.nominal <= c.usl).toBe(true);
    }
    expect(new Set(DEFECT_CODES.map((d) => d.code)).size).toBe(DEFECT_CODES.length);
  });
});
