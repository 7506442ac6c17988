import { expect } from 'vitest';
import type { Client } from '../../../test/harness';

/**
 * The list and detail URLs of matching, allocations, follow-ups, alerts, retention and training, for the privacy
 * scan in privacy.int.test.ts (a helper, not a test file): `owner` for the bureau's users, `partner` for Linyi's
 * officer. Creates one allocation draft holding `workerId` so its detail has something to show.
 */
export async function placementUrls(ck: Client, ly: Client, workerId: string, postingId: string): Promise<{ owner: string[]; partner: string[] }> {
  const draft = await ck.post('/api/labor/allocations', { name: '隐私检查', workers: { ids: [workerId] } });
  expect(draft.statusCode).toBe(201);
  const first = async (c: Client, url: string) => {
    const items = (await c.get(url)).json().items as { id: string }[];
    expect({ url, found: items.length > 0 }).toEqual({ url, found: true });
    return items[0].id;
  };
  const [followUp, alert, cls, workshop, post, linyiPosting] = [
    await first(ck, '/api/labor/followups?state=all&pageSize=1'),
    await first(ck, '/api/labor/alerts?status=all&pageSize=1'),
    await first(ck, '/api/labor/training/classes?pageSize=1'),
    await first(ck, '/api/labor/workshops?pageSize=1'),
    await first(ck, '/api/labor/welfare-posts?pageSize=1'),
    await first(ly, '/api/labor/postings?source=own&active=true&pageSize=1'),
  ];
  return {
    owner: [
      `/api/labor/workers/${workerId}/recommendations?limit=50`,
      `/api/labor/postings/${postingId}/recommendations?limit=50`,
      '/api/labor/allocations?pageSize=500',
      `/api/labor/allocations/${draft.json().id}`,
      '/api/labor/followups?state=all&pageSize=500',
      `/api/labor/followups/${followUp}`,
      '/api/labor/alerts?status=all&pageSize=500',
      `/api/labor/alerts/${alert}`,
      '/api/labor/retention?by=region',
      '/api/labor/retention?by=enterprise',
      '/api/labor/training/providers',
      '/api/labor/training/classes?pageSize=500',
      `/api/labor/training/classes/${cls}`,
      `/api/labor/training/classes/${cls}/participants`,
      '/api/labor/workshops?pageSize=500',
      `/api/labor/workshops/${workshop}`,
      '/api/labor/welfare-posts?pageSize=500',
      `/api/labor/welfare-posts/${post}`,
    ],
    partner: [
      `/api/labor/workers/${workerId}/recommendations?limit=50`,
      `/api/labor/postings/${linyiPosting}/recommendations?limit=50`,
      '/api/labor/retention?by=enterprise',
      '/api/labor/allocations',
      '/api/labor/followups',
      '/api/labor/alerts',
    ],
  };
}
