import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { RegionCode } from '../regions';

export const OrgKind = z.enum(['enterprise', 'government', 'park_admin', 'hospital', 'school', 'training_provider']);
export type OrgKind = z.infer<typeof OrgKind>;

/** 统一社会信用代码: 18 characters from the code set GB 32100 uses. */
export const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'validation.uscc');

export const OrgInput = z.object({
  name: text(100),
  kind: OrgKind,
  regionCode: RegionCode,
  uscc: Uscc.nullish(),
  contactName: z.string().trim().max(50).nullish(),
  address: z.string().trim().max(200).nullish(),
});
export type OrgInput = z.infer<typeof OrgInput>;
export const OrgPatch = OrgInput.partial();

export const Org = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: OrgKind,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  uscc: z.string().nullable(),
  contactName: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Org = z.infer<typeof Org>;
export const OrgQuery = PageQuery.extend({ kind: OrgKind.optional(), region: RegionCode.optional() });
export const OrgPage = pageOf(Org);

export const UserStatus = z.enum(['active', 'disabled']);
export const Locale = z.enum(['zh-CN', 'en']);

/** Mainland mobile number, 11 digits starting with 1. */
export const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'validation.mobile_phone');
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,40}$/, 'identity.validation.username_format');
export const Password = z.string().min(10, 'validation.password_length').max(200);

export const RoleGrant = z.object({
  roleId: z.uuid(),
  /** For government roles: the region subtree the grant covers. Null: the user's own organisation. */
  regionCode: RegionCode.nullable().default(null),
});

export const UserInput = z.object({
  orgId: z.uuid(),
  username: Username,
  displayName: text(50),
  phone: Phone.nullish(),
  password: Password,
  locale: Locale.default('zh-CN'),
  roles: z.array(RoleGrant).max(20).default([]),
});
export const UserPatch = z.object({
  displayName: text(50).optional(),
  phone: Phone.nullish(),
  status: UserStatus.optional(),
  locale: Locale.optional(),
  roles: z.array(RoleGrant).max(20).optional(),
});

export const UserRoleView = z.object({
  roleId: z.uuid(),
  code: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
});
export const User = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** Always masked (138****1234); the clear number only through the audited reveal. */
  phoneMasked: z.string().nullable(),
  status: UserStatus,
  locale: Locale,
  roles: z.array(UserRoleView),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;
export const UserQuery = PageQuery.extend({ orgId: z.uuid().optional(), status: UserStatus.optional() });
export const UserPage = pageOf(User);
export const RevealResult = z.object({ field: z.string(), value: z.string().nullable() });
export const ResetPassword = z.object({ password: Password });

export const Permission = z.object({ code: z.string(), module: z.string(), zh: z.string(), en: z.string() });
export const RoleInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,40}$/, 'validation.role_code'),
  nameZh: text(50),
  nameEn: text(50),
  permissions: z.array(z.string()).max(200),
});
export const RolePatch = RoleInput.omit({ code: true }).partial();
export const Role = z.object({
  id: z.uuid(),
  orgId: z.uuid().nullable(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  permissions: z.array(z.string()),
  /** Built-in roles come with the platform and cannot be edited. */
  builtIn: z.boolean(),
  userCount: z.number().int(),
});
export type Role = z.infer<typeof Role>;
export const RoleQuery = z.object({ orgId: z.uuid().optional() });

export const LoginInput = z.object({ username: z.string().trim().toLowerCase().min(1).max(40), password: z.string().min(1).max(200) });
export const PasswordChange = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password });
export const Me = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    locale: Locale,
    orgId: z.uuid(),
    orgName: z.string(),
    orgKind: OrgKind,
  }),
  permissions: z.array(z.string()),
  /** Region subtrees the user's government roles cover. */
  regionScopes: z.array(z.string()),
  platformAdmin: z.boolean(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;
export const LocaleInput = z.object({ locale: Locale });
