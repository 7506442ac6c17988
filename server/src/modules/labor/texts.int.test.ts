import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { exportBytes, xlsxRows } from './test/kit';

/**
 * Migration labor/0009_key_server_texts: the Chinese sentences the server wrote before texts had keys become keys
 * with parameters; anything else stays as written. Rows are put back to what an older version wrote, then the
 * migration's updates run again over them (its `alter table`s already ran at start).
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const script = readFileSync(new URL('../../../migrations/labor/0009_key_server_texts.sql', import.meta.url), 'utf8');
const updates = script.slice(script.indexOf('update '));

describe('the migration of server-written texts', () => {
  it('turns the known sentences of referrals, status history and alerts into keys, and leaves other text as it is', async () => {
    const db = t.platform.handle.db;
    const [r1, r2] = await db.selectFrom('labor_referrals').select('id').orderBy('id').limit(2).execute();
    await db.updateTable('labor_referrals').set({ note: '招聘会批量匹配「2026 春风行动」，匹配分 87', note_ref: null }).where('id', '=', r1.id).execute();
    await db.updateTable('labor_referrals').set({ note: '技能对口，本人意愿强', note_ref: null }).where('id', '=', r2.id).execute();
    const history = await db.selectFrom('labor_worker_status_history').select('id').orderBy('id').limit(10).execute();
    const legacy = [
      '入职 临沂沂州精工机械有限公司：车工',
      '6个月回访：未就业',
      '就业帮扶车间：修齐镇夏布车间',
      '参加培训：2026 春季电工培训班',
      '培训结束：2026 春季电工培训班',
      '公益性岗位：护林员（东西部协作资金）',
      'registered',
      'imported',
      '离开就业帮扶车间 修齐镇夏布车间：外出务工',
      '家里有事，回乡照顾老人',
    ];
    for (const [i, h] of history.entries()) await db.updateTable('labor_worker_status_history').set({ reason: legacy[i], reason_ref: null }).where('id', '=', h.id).execute();
    const alerts = await db.selectFrom('labor_relapse_alerts').select('id').orderBy('id').limit(2).execute();
    await db.updateTable('labor_relapse_alerts').set({ reason: '3个月回访：未就业（工厂停产）', reason_ref: null }).where('id', '=', alerts[0].id).execute();
    await db.updateTable('labor_relapse_alerts').set({ reason: '本地就业 → 未就业：工厂裁员', reason_ref: null }).where('id', '=', alerts[1].id).execute();

    await t.platform.handle.session((q) => q(updates));

    const note = async (id: string) => (await db.selectFrom('labor_referrals').select('note_ref').where('id', '=', id).executeTakeFirstOrThrow()).note_ref;
    expect(await note(r1.id)).toEqual({ key: 'labor.text.referral_allocation', params: { allocation: '2026 春风行动', score: 87 } });
    expect(await note(r2.id)).toBeNull();
    // The referral export renders the note in the export's language; a person's note as written.
    const ck = await t.login('ck.caseworker');
    const worker = async (id: string) => (await db.selectFrom('labor_referrals').select('worker_id').where('id', '=', id).executeTakeFirstOrThrow()).worker_id;
    const noteCell = async (id: string, lang: 'zh' | 'en') => {
      const rows = await xlsxRows(await exportBytes(ck, `/api/labor/referrals/export?workerId=${await worker(id)}&lang=${lang}`));
      const col = rows[0].indexOf(lang === 'zh' ? '备注' : 'Note');
      return rows.slice(1).map((r) => r[col]);
    };
    expect(await noteCell(r1.id, 'zh')).toContain('招聘会批量匹配「2026 春风行动」，匹配分 87');
    expect(await noteCell(r1.id, 'en')).toContain('Job fair allocation “2026 春风行动”, match score 87');
    expect(await noteCell(r2.id, 'en')).toContain('技能对口，本人意愿强');
    const refs = await db
      .selectFrom('labor_worker_status_history')
      .select(['reason', 'reason_ref'])
      .where(
        'id',
        'in',
        history.map((h) => h.id),
      )
      .orderBy('id')
      .execute();
    expect(refs.map((r) => r.reason_ref)).toEqual([
      { key: 'labor.text.started_at', params: { employer: '临沂沂州精工机械有限公司', title: '车工' } },
      { key: 'labor.text.followup_unemployed', params: { milestone: 6 } },
      { key: 'labor.text.workshop_joined', params: { name: '修齐镇夏布车间' } },
      { key: 'labor.text.training_joined', params: { title: '2026 春季电工培训班' } },
      { key: 'labor.text.training_ended', params: { title: '2026 春季电工培训班' } },
      { key: 'labor.text.welfare_post', params: { post: '护林员', funding: '东西部协作资金' } },
      { key: 'labor.text.registered' },
      { key: 'labor.text.imported' },
      { key: 'labor.text.workshop_left', params: { name: '修齐镇夏布车间', reason: '外出务工' } },
      null,
    ]);
    // The stored text stays as it was: a reader without the key sees the old sentence.
    expect(refs.map((r) => r.reason)).toEqual(legacy);
    const alertRefs = await db
      .selectFrom('labor_relapse_alerts')
      .select('reason_ref')
      .where(
        'id',
        'in',
        alerts.map((a) => a.id),
      )
      .orderBy('id')
      .execute();
    expect(alertRefs.map((a) => a.reason_ref)).toEqual([{ key: 'labor.text.followup_unemployed_with', params: { milestone: 3, problems: '工厂停产' } }, null]);
  });
});
