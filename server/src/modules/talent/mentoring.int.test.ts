import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mentorship } from '@gearbridge/contracts/talent';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { xlsxText } from '../../test/xlsx';
import { listAll } from './test/kit';

/** 传帮带: the demo's 102 young teachers and the laboratory story; a mentorship recorded and logged by its own side only. */
let t: TestApp;
let ck: Client;
let ly: Client;
let ckSchool: Client;

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, ckSchool] = await Promise.all([t.login('ck.talent'), t.login('ly.talent'), t.login('ck.school')]);
});
afterAll(() => t?.close());

describe('mentoring', () => {
  it("holds the article's 102 young teachers, and the laboratory mentorship with its two awards", async () => {
    const all = await listAll<Mentorship>(ly, '/api/talent/mentorships?sector=education&direction=east_to_west');
    // The article's span (2018–2021); the demo goes on after it, three a spring term (seed-activities.ts).
    const article = all.filter((x) => x.startsOn <= '2021-12-31');
    expect(article.reduce((s, x) => s + x.mentees.length, 0)).toBe(102);
    expect(all.filter((x) => x.startsOn >= '2022-01-01').every((x) => x.mentees.length === 3)).toBe(true);
    const lab = (await ly.get('/api/talent/mentorships?sector=health')).json().items as Mentorship[];
    expect(lab.flatMap((x) => x.outcomes.map((o) => o.title)).sort()).toEqual(['全市医学检验知识与技能大赛 个人三等奖', '全市医学检验知识与技能大赛 团体优秀奖']);
  });

  it('is recorded and logged by the keeping side; the partner reads it; bad input is a 400', async () => {
    const mentor = (await ck.get('/api/talent/people?side=east&sector=education&pageSize=1')).json().items[0];
    const body = {
      mentorId: mentor.id,
      sector: 'education',
      direction: 'east_to_west',
      startsOn: '2030-03-01',
      goals: '指导青年教师完成公开课',
      mentees: [
        { name: '测试徒弟甲', unit: '重庆师范大学附属城口实验中学' },
        { name: '测试徒弟乙', unit: '重庆师范大学附属城口实验中学' },
      ],
    };
    const res = await ckSchool.post('/api/talent/mentorships', body);
    expect(res.statusCode, res.body).toBe(201);
    const created: Mentorship = res.json();
    expect(created).toMatchObject({ access: 'own', mentorName: mentor.name });
    expect(created.mentees.map((e) => e.name).sort()).toEqual(['测试徒弟乙', '测试徒弟甲'].sort());
    const logged = await ckSchool.post(`/api/talent/mentorships/${created.id}/logs`, { loggedOn: '2030-03-15', summary: '听评课一次' });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json().logs).toHaveLength(1);
    expect(await t.auditCount({ entityId: created.id })).toBe(2);
    // Linyi reads it but neither logs nor records for Chengkou's school.
    expect((await ly.post(`/api/talent/mentorships/${created.id}/logs`, { loggedOn: '2030-03-15', summary: '记录' })).statusCode).toBe(403);
    expect((await ly.post('/api/talent/mentorships', { ...body, orgId: await t.orgId('重庆师范大学附属城口实验中学') })).statusCode).toBe(403);
    expect((await ckSchool.post(`/api/talent/mentorships/${created.id}/logs`, { loggedOn: '2030-01-01', summary: '早于开始' })).statusCode).toBe(400);
    expect((await ckSchool.post('/api/talent/mentorships', { ...body, mentees: [] })).statusCode).toBe(400);
    // Direction and sector follow the mentor (the statistics count by them), whatever a form sends.
    const wrongWay = await ckSchool.post('/api/talent/mentorships', { ...body, direction: 'west_to_east', sector: 'health' });
    expect(wrongWay.statusCode).toBe(400);
    expect(wrongWay.json().error.fieldMessages).toEqual({
      direction: { key: 'talent.mentorship.field_direction_of_mentor' },
      sector: { key: 'talent.mentorship.field_sector_of_mentor' },
    });
    const xlsx = await ck.get('/api/talent/mentorships/export?sector=education');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsxText(xlsx.rawPayload)).toContain('测试徒弟甲');
    expect((await t.anonymous().get('/api/talent/mentorships')).statusCode).toBe(401);
    expect((await (await t.login('gear.operator')).get('/api/talent/mentorships')).statusCode).toBe(403);
  });
});
