import { describe, expect, it } from 'vitest';
import type { PlantOee } from '../../api/types';
import en from './i18n/en';
import zh from './i18n/zh-CN';
import { noIdealCycleOf } from './NoIdealCycleNotice';

// The "no ideal cycle time" notice (issue #13) on the line page, the plant overview and the 大屏: its texts in
// both languages, with the parameters the component passes.
const params = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the "no ideal cycle time" notice', () => {
  it('has its texts in zh-CN and en, Chinese in zh-CN, with the same parameters', () => {
    const z = zh.factory.oee.noIdealCycle;
    const e = en.factory.oee.noIdealCycle;
    expect(Object.keys(z).sort()).toEqual(['body', 'screen', 'title']);
    expect(Object.keys(e).sort()).toEqual(Object.keys(z).sort());
    for (const k of ['title', 'body', 'screen'] as const) {
      expect(params(e[k])).toEqual(params(z[k]));
      expect(z[k]).toMatch(/[\u4e00-\u9fff]/);
      expect(e[k]).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(params(z.title)).toEqual(['count']);
    expect(params(z.screen)).toEqual(['codes']);
    expect(z.title).toContain('理想节拍');
    expect(e.title).toContain('No ideal cycle time');
  });

  it('names each device once over several plant answers, by code', () => {
    const plant = (devices: { deviceId: string; code: string; lineId: string }[]) => ({ noIdealCycle: devices }) as unknown as PlantOee;
    const a = { deviceId: 'a', code: 'L2-NEW01', lineId: 'l2' };
    const b = { deviceId: 'b', code: 'L1-NEW01', lineId: 'l1' };
    expect(noIdealCycleOf([plant([a, b]), undefined, plant([a])])).toEqual([
      { deviceId: 'b', code: 'L1-NEW01' },
      { deviceId: 'a', code: 'L2-NEW01' },
    ]);
    expect(noIdealCycleOf([undefined])).toEqual([]);
  });
});
