import type { Posting, Referral, ReferralStatus, Share, Worker } from '@gearbridge/contracts/labor';
import { renderStored } from './texts';
import type { Column } from '../../platform/excel/workbook';
import { EDUCATION_LABELS, STATUS_LABELS } from './workers/labels';

const STATUS_EN: Record<Worker['status'], string> = {
  unemployed: 'Unemployed',
  employed_local: 'Employed locally',
  employed_out_of_province: 'Employed out of province',
  self_employed: 'Self-employed',
  public_welfare_post: 'Public-welfare post',
  in_training: 'In training',
  unable_to_work: 'Unable to work',
};
/** null: not shown to this reader (a partner without the worker's consent). */
const yes = (zh: boolean, b: boolean | null) => (b === null ? '—' : zh ? (b ? '是' : '否') : b ? 'Yes' : 'No');

/** The export of the worker list: exactly what the list shows, so personal data stays masked. */
export function workerColumns(zh: boolean): Column<Worker>[] {
  return [
    { key: 'name', header: zh ? '姓名' : 'Name', width: 10, value: (w) => w.nameMasked },
    { key: 'idNumber', header: zh ? '身份证号' : 'ID number', width: 22, value: (w) => w.idNumberMasked },
    { key: 'phone', header: zh ? '手机号' : 'Phone', width: 14, value: (w) => w.phoneMasked },
    { key: 'gender', header: zh ? '性别' : 'Sex', width: 6, value: (w) => (zh ? (w.gender === 'male' ? '男' : '女') : w.gender === 'male' ? 'Male' : 'Female') },
    { key: 'age', header: zh ? '年龄' : 'Age', width: 6, value: (w) => w.age },
    { key: 'region', header: zh ? '户籍地' : 'Home region', width: 28, value: (w) => [w.homeRegionName ?? w.homeRegionCode, w.homeVillage].filter(Boolean).join(' ') },
    { key: 'poor', header: zh ? '建档立卡' : 'Registered poor', width: 10, value: (w) => yes(zh, w.registeredPoor) },
    {
      key: 'education',
      header: zh ? '文化程度' : 'Education',
      width: 10,
      value: (w) => {
        const l = EDUCATION_LABELS[w.education];
        return zh ? l[0] : l[l.length - 1];
      },
    },
    { key: 'skills', header: zh ? '技能' : 'Skills', width: 30, value: (w) => w.skills.map((s) => `${s.code} ${s.name ?? ''}`.trim()).join('；') },
    { key: 'status', header: zh ? '就业状态' : 'Status', width: 14, value: (w) => (zh ? STATUS_LABELS[w.status][0] : STATUS_EN[w.status]) },
    { key: 'wanted', header: zh ? '意向职业' : 'Wanted occupations', width: 24, value: (w) => w.needs.occupations.map((o) => o.name ?? o.code).join('；') },
    { key: 'regions', header: zh ? '意向地区' : 'Wanted regions', width: 24, value: (w) => w.needs.regions.map((r) => r.name ?? r.code).join('；') },
    { key: 'wage', header: zh ? '期望月薪' : 'Minimum wage', width: 10, value: (w) => w.needs.minMonthlyWage },
    { key: 'org', header: zh ? '所属单位' : 'Organisation', width: 24, value: (w) => w.orgName },
  ];
}

export function postingColumns(zh: boolean): Column<Posting>[] {
  return [
    { key: 'employer', header: zh ? '用工单位' : 'Employer', width: 28, value: (p) => p.orgName },
    { key: 'title', header: zh ? '岗位' : 'Title', width: 20, value: (p) => p.title },
    { key: 'occupation', header: zh ? '职业' : 'Occupation', width: 24, value: (p) => `${p.occupationCode} ${p.occupationName ?? ''}`.trim() },
    { key: 'headcount', header: zh ? '招聘人数' : 'Headcount', width: 10, value: (p) => p.headcount },
    { key: 'open', header: zh ? '剩余名额' : 'Open', width: 10, value: (p) => p.openHeadcount },
    { key: 'wage', header: zh ? '月薪（元）' : 'Monthly wage (yuan)', width: 14, value: (p) => `${p.wageMin}–${p.wageMax}` },
    { key: 'region', header: zh ? '工作地' : 'Work region', width: 24, value: (p) => p.workRegionName ?? p.workRegionCode },
    { key: 'housing', header: zh ? '提供住宿' : 'Housing', width: 8, value: (p) => yes(zh, p.housing) },
    { key: 'meals', header: zh ? '提供餐食' : 'Meals', width: 8, value: (p) => yes(zh, p.meals) },
    { key: 'subsidy', header: zh ? '交通补贴（元）' : 'Transport subsidy (yuan)', width: 12, value: (p) => p.transportSubsidy },
    { key: 'validTo', header: zh ? '有效期至' : 'Valid to', kind: 'date', value: (p) => p.validTo },
    { key: 'status', header: zh ? '状态' : 'Status', width: 8, value: (p) => (zh ? (p.status === 'open' ? '招聘中' : '已关闭') : p.status === 'open' ? 'Open' : 'Closed') },
  ];
}

/** A time as an Excel date cell, as the platform's other exports write them. */
const at = (iso: string | null) => (iso ? new Date(iso) : null);

/** The export of the share list: the list's columns, the worker only by the masked name it shows. */
export function shareColumns(zh: boolean): Column<Share>[] {
  return [
    { key: 'kind', header: zh ? '类型' : 'Kind', width: 10, value: (s) => (zh ? (s.kind === 'worker' ? '劳动力' : '用工需求') : s.kind === 'worker' ? 'Worker' : 'Posting') },
    { key: 'subject', header: zh ? '共享内容' : 'Shared record', width: 22, value: (s) => s.subjectLabel },
    { key: 'from', header: zh ? '共享方' : 'From', width: 28, value: (s) => s.fromOrgName },
    { key: 'to', header: zh ? '共享给' : 'To', width: 28, value: (s) => s.toOrgName },
    { key: 'note', header: zh ? '说明' : 'Note', width: 24, value: (s) => s.note },
    { key: 'sharedBy', header: zh ? '共享人' : 'Shared by', width: 12, value: (s) => s.sharedByName },
    { key: 'sharedAt', header: zh ? '共享时间' : 'Shared at', width: 18, value: (s) => at(s.sharedAt) },
    { key: 'state', header: zh ? '状态' : 'State', width: 8, value: (s) => (zh ? (s.active ? '有效' : '已撤回') : s.active ? 'Active' : 'Revoked') },
    { key: 'revokedAt', header: zh ? '撤回时间' : 'Revoked at', width: 18, value: (s) => at(s.revokedAt) },
    { key: 'revokedBy', header: zh ? '撤回人' : 'Revoked by', width: 12, value: (s) => s.revokedByName },
  ];
}

const REFERRAL_ZH: Record<ReferralStatus, string> = { recommended: '已推荐', contacted: '已联系', interviewed: '已面试', hired: '已录用', started: '已入职', declined: '未成功' };
const REFERRAL_EN: Record<ReferralStatus, string> = {
  recommended: 'Recommended',
  contacted: 'Contacted',
  interviewed: 'Interviewed',
  hired: 'Hired',
  started: 'Started',
  declined: 'Declined',
};
const stage = (zh: boolean, s: ReferralStatus | null) => (s ? (zh ? REFERRAL_ZH : REFERRAL_EN)[s] : null);

/** The export of the referral list: the worker only by the masked name, as on the board. */
export function referralColumns(zh: boolean): Column<Referral>[] {
  return [
    { key: 'worker', header: zh ? '劳动力' : 'Worker', width: 10, value: (r) => r.workerNameMasked },
    { key: 'workerOrg', header: zh ? '所属单位' : 'Organisation', width: 26, value: (r) => r.workerOrgName },
    { key: 'posting', header: zh ? '岗位' : 'Posting', width: 20, value: (r) => r.postingTitle },
    { key: 'employer', header: zh ? '用工单位' : 'Employer', width: 28, value: (r) => r.employerName },
    { key: 'status', header: zh ? '进展' : 'Stage', width: 10, value: (r) => stage(zh, r.status) },
    { key: 'recommendedAt', header: zh ? '推荐时间' : 'Recommended', width: 18, value: (r) => at(r.recommendedAt) },
    { key: 'contactedAt', header: zh ? '联系时间' : 'Contacted', width: 18, value: (r) => at(r.contactedAt) },
    { key: 'interviewedAt', header: zh ? '面试时间' : 'Interviewed', width: 18, value: (r) => at(r.interviewedAt) },
    { key: 'hiredAt', header: zh ? '录用时间' : 'Hired', width: 18, value: (r) => at(r.hiredAt) },
    { key: 'startedOn', header: zh ? '入职日期' : 'Started on', kind: 'date', value: (r) => r.startedOn },
    { key: 'declinedStage', header: zh ? '未成功于' : 'Declined at stage', width: 10, value: (r) => stage(zh, r.declinedStage) },
    { key: 'declinedReason', header: zh ? '未成功原因' : 'Reason declined', width: 24, value: (r) => r.declinedReason },
    { key: 'note', header: zh ? '备注' : 'Note', width: 24, value: (r) => renderStored(r.noteRef, r.note, zh) },
    { key: 'stepNote', header: zh ? '进展备注' : 'Step note', width: 24, value: (r) => r.stepNote },
  ];
}
