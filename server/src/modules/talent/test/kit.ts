import { makeIdNumber } from '@gearbridge/contracts/pii';
import type { Client } from '../../../test/harness';

/** Helpers shared by the talent module's integration tests (not a test file itself). */

export const CK_DEPT = '中共城口县委组织部';
export const LY_DEPT = '中共临沂市委组织部';
export const PY_DEPT = '中共平邑县委组织部';
export const CK_HOSPITAL = '城口县人民医院';
export const LY_HOSPITAL = '临沂市中心医院';
export const LY_TUMOUR = '临沂市肿瘤医院';

let n = 0;
/** A fresh valid ID number (born 1950 onwards, a day per call: never one of the demo's, born 1965–1990, sequence 100–899). */
export function freshId(region = '500229'): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + n++ * 86_400_000).toISOString().slice(0, 10);
  return makeIdNumber(region, birth, 42);
}

/** A minimal valid person body. */
export function personBody(over: Record<string, unknown> = {}) {
  return {
    kind: 'professional',
    name: '测试专家甲',
    idNumber: freshId(),
    phone: '13912340001',
    unit: '城口县人民医院 检验科',
    post: '医生',
    titleCode: 'attending_physician',
    specialties: ['检验'],
    sector: 'health',
    ...over,
  };
}

export const addDays = (day: string, k: number) => new Date(Date.parse(`${day}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);

/** Every item of a paged list, page by page. */
export async function listAll<T>(c: Client, url: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const res = (await c.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=500&page=${page}`)).json();
    items.push(...res.items);
    if (page * 500 >= res.total) return items;
  }
}
