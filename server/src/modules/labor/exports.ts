import type { Posting, Worker } from '@gearbridge/contracts';
import type { Column } from '../../platform/excel/workbook';
import { EDUCATION_LABELS, STATUS_LABELS } from './labels';

const STATUS_EN: Record<Worker['status'], string> = {
  unemployed: 'Unemployed',
  employed_local: 'Employed locally',
  employed_out_of_province: 'Employed out of province',
  self_employed: 'Self-employed',
  public_welfare_post: 'Public-welfare post',
  in_training: 'In training',
  unable_to_work: 'Unable to work',
};
const yes = (zh: boolean, b: boolean) => (zh ? (b ? '是' : '否') : b ? 'yes' : 'no');

/** The export of the worker list: exactly what the list shows, so personal data stays masked. */
export function workerColumns(zh: boolean): Column<Worker>[] {
  return [
    { key: 'name', header: zh ? '姓名' : 'Name', width: 10, value: (w) => w.nameMasked },
    { key: 'idNumber', header: zh ? '身份证号' : 'ID number', width: 22, value: (w) => w.idNumberMasked },
    { key: 'phone', header: zh ? '手机号' : 'Phone', width: 14, value: (w) => w.phoneMasked },
    { key: 'gender', header: zh ? '性别' : 'Sex', width: 6, value: (w) => (zh ? (w.gender === 'male' ? '男' : '女') : w.gender) },
    { key: 'age', header: zh ? '年龄' : 'Age', width: 6, value: (w) => w.age },
    { key: 'region', header: zh ? '户籍地' : 'Home region', width: 28, value: (w) => [w.homeRegionName ?? w.homeRegionCode, w.homeVillage].filter(Boolean).join(' ') },
    { key: 'poor', header: zh ? '建档立卡' : 'Registered poor', width: 10, value: (w) => yes(zh, w.registeredPoor) },
    { key: 'education', header: zh ? '文化程度' : 'Education', width: 10, value: (w) => (zh ? EDUCATION_LABELS[w.education][0] : w.education) },
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
    { key: 'validTo', header: zh ? '有效期至' : 'Valid to', width: 12, value: (p) => p.validTo },
    { key: 'status', header: zh ? '状态' : 'Status', width: 8, value: (p) => (zh ? (p.status === 'open' ? '招聘中' : '已关闭') : p.status) },
  ];
}
