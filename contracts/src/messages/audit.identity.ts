import type { Labels } from './audit';

/**
 * The identity module's audit actions (`<record>.<verb>`, nested by the dots) and records in words, zh and en:
 * the web's audit pages and the server's Excel export of the audit log read the same labels.
 */
const zhActions = {
  auth: { login: '登录', logout: '退出登录', password_change: '修改密码' },
  user: { create: '新建用户', update: '修改用户', import: '导入用户', password_reset: '重置密码', locale: '切换语言', create_admin: '创建管理员' },
  organisation: { create: '新建组织', update: '修改组织', import: '导入组织' },
  role: { create: '新建角色', update: '修改角色', delete: '删除角色' },
  region: { create: '新增区划' },
  import: { upload: '上传导入文件', confirm: '确认导入', discard: '放弃导入', expire: '导入文件过期清除' },
  pii: { reveal: '查看完整个人信息' },
  demo: { seed: '写入演示数据' },
};
const zhEntities = {
  organisation: '组织',
  user: '用户',
  role: '角色',
  region: '区划',
  import: '导入',
  platform: '平台',
};
export const identityAudit = {
  zh: { actions: zhActions, entities: zhEntities },
  en: {
    actions: {
      auth: { login: 'Sign-in', logout: 'Sign-out', password_change: 'Password change' },
      user: {
        create: 'User created',
        update: 'User updated',
        import: 'User imported',
        password_reset: 'Password reset',
        locale: 'Language changed',
        create_admin: 'Administrator created',
      },
      organisation: { create: 'Organisation created', update: 'Organisation updated', import: 'Organisation imported' },
      role: { create: 'Role created', update: 'Role updated', delete: 'Role deleted' },
      region: { create: 'Region added' },
      import: { upload: 'Import file uploaded', confirm: 'Import confirmed', discard: 'Import discarded', expire: 'Import expired and removed' },
      pii: { reveal: 'Personal data revealed' },
      demo: { seed: 'Demo data seeded' },
    } satisfies Labels<typeof zhActions>,
    entities: {
      organisation: 'Organisation',
      user: 'User',
      role: 'Role',
      region: 'Region',
      import: 'Import',
      platform: 'Platform',
    } satisfies Labels<typeof zhEntities>,
  },
};
