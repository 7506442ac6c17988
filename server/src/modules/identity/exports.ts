import type { Org, User } from '@gearbridge/contracts/identity';
import type { Column } from '../../platform/excel/workbook';
import { KIND_LABELS } from './importers';

/** Columns of the organisation list as exported (web and CLI alike). */
export const orgColumns = (zh: boolean): Column<Org>[] => [
  { key: 'name', header: zh ? '名称' : 'Name', width: 36, value: (o) => o.name },
  { key: 'kind', header: zh ? '类型' : 'Kind', width: 14, value: (o) => KIND_LABELS[o.kind][zh ? 0 : 1] },
  { key: 'regionCode', header: zh ? '区划代码' : 'Region code', width: 12, value: (o) => o.regionCode },
  { key: 'regionName', header: zh ? '所在区划' : 'Region', width: 30, value: (o) => o.regionName },
  { key: 'uscc', header: zh ? '统一社会信用代码' : 'Credit code', width: 22, value: (o) => o.uscc },
  { key: 'contactName', header: zh ? '联系人' : 'Contact', value: (o) => o.contactName },
  { key: 'address', header: zh ? '地址' : 'Address', width: 36, value: (o) => o.address },
  { key: 'createdAt', header: zh ? '创建时间' : 'Created', value: (o) => new Date(o.createdAt) },
];

/**
 * Columns of the user list as exported: phones masked, never clear; each role by its name in the language, a
 * government grant with the region it covers in words (`regions`: full names by code).
 */
export const userColumns = (zh: boolean, regions: ReadonlyMap<string, string> = new Map()): Column<User>[] => [
  { key: 'username', header: zh ? '登录名' : 'Username', value: (u) => u.username },
  { key: 'displayName', header: zh ? '姓名' : 'Name', value: (u) => u.displayName },
  { key: 'orgName', header: zh ? '所属组织' : 'Organisation', width: 36, value: (u) => u.orgName },
  { key: 'phone', header: zh ? '手机号（脱敏）' : 'Phone (masked)', value: (u) => u.phoneMasked },
  {
    key: 'roles',
    header: zh ? '角色' : 'Roles',
    width: 30,
    value: (u) =>
      u.roles
        .map((r) => r.name + (r.regionCode ? (zh ? `（${regions.get(r.regionCode) ?? r.regionCode}）` : ` (${regions.get(r.regionCode) ?? r.regionCode})`) : ''))
        .join(zh ? '；' : '; '),
  },
  { key: 'status', header: zh ? '状态' : 'Status', value: (u) => (zh ? (u.status === 'active' ? '启用' : '停用') : u.status === 'active' ? 'Active' : 'Disabled') },
  { key: 'lastLoginAt', header: zh ? '最近登录' : 'Last sign-in', value: (u) => (u.lastLoginAt ? new Date(u.lastLoginAt) : null) },
];
