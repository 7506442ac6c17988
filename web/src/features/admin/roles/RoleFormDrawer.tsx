import { useEffect, useMemo } from 'react';
import { Alert, Checkbox, Col, Form, Input, Row, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Permission, Role } from '../../../api/types';
import { usePermissions, useSaveRole } from './api';
import { FormDrawer, useSaveOutcome } from '../../shell/FormDrawer';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
}

const GROUPS = ['org', 'user', 'role', 'audit', 'pii', 'region'] as const;
type Group = (typeof GROUPS)[number] | 'other';
const groupOf = (m: string): Group => ((GROUPS as readonly string[]).includes(m) ? (m as Group) : 'other');

/** Permission checkboxes grouped by module, each group with its own select-all. */
function PermissionGroups({ value = [], onChange, permissions, disabled }: { value?: string[]; onChange?: (v: string[]) => void; permissions: Permission[]; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const groups = useMemo(() => {
    const m = new Map<Group, Permission[]>();
    for (const p of permissions) {
      const g = groupOf(p.module);
      m.set(g, [...(m.get(g) ?? []), p]);
    }
    return [...m.entries()];
  }, [permissions]);
  const all = value.includes('*');
  return (
    <div>
      {all && <Alert type="info" showIcon title={t('role.allPermissions')} style={{ marginBottom: 12 }} />}
      {groups.map(([g, perms]) => {
        const codes = perms.map((p) => p.code);
        const checked = codes.filter((c) => all || value.includes(c));
        const set = (next: string[]) => onChange?.([...value.filter((c) => !codes.includes(c)), ...next]);
        return (
          <div className="gb-perm-group" key={g}>
            <div className="gb-perm-group__title">
              <span>{t(`role.groups.${g}`)}</span>
              <Checkbox
                disabled={disabled}
                checked={checked.length === codes.length}
                indeterminate={checked.length > 0 && checked.length < codes.length}
                onChange={(e) => set(e.target.checked ? codes : [])}
              >
                {t('role.selectAll')}
              </Checkbox>
            </div>
            <Checkbox.Group
              disabled={disabled}
              value={checked}
              onChange={(v) => set(v as string[])}
              options={perms.map((p) => ({
                value: p.code,
                label: (
                  <span>
                    {i18n.language === 'en' ? p.en : p.zh} <span className="gb-muted gb-mono">{p.code}</span>
                  </span>
                ),
              }))}
            />
          </div>
        );
      })}
    </div>
  );
}

/** Create a custom role, edit one, or look at a built-in role (read-only). */
export function RoleFormDrawer({ open, role, onClose, canManage }: { open: boolean; role: Role | null; onClose: () => void; canManage: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const outcome = useSaveOutcome(form, onClose);
  const { data: permissions = [] } = usePermissions();
  const save = useSaveRole();
  const readOnly = !canManage || !!role?.builtIn;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (role) form.setFieldsValue({ code: role.code, nameZh: role.nameZh, nameEn: role.nameEn, permissions: role.permissions });
    else form.setFieldsValue({ permissions: [] });
  }, [open, role, form]);

  const submit = (v: Values) => {
    const names = { nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), permissions: v.permissions };
    save.mutate(role ? { id: role.id, input: names } : { id: null, input: { code: v.code.trim(), ...names } }, {
      onSuccess: () => outcome.saved(role ? t('common.saved') : t('common.created')),
      onError: outcome.failed,
    });
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={
        <span>
          {role?.builtIn && <LockOutlined style={{ marginRight: 8 }} />}
          {readOnly ? t('role.view') : role ? t('role.edit') : t('role.create')}
        </span>
      }
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="role-form-submit"
      readOnly={readOnly}
    >
      {role?.builtIn && <Alert type="warning" showIcon icon={<LockOutlined />} title={t('role.builtInHint')} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={readOnly} requiredMark={!readOnly} data-testid="role-form">
        <Form.Item
          name="code"
          label={t('role.code')}
          extra={!role ? t('role.codeHint') : undefined}
          rules={[
            { required: true, message: t('common.required', { field: t('role.code') }) },
            { pattern: /^[a-z][a-z0-9_]{1,40}$/, message: t('role.codeHint') },
          ]}
        >
          <Input disabled={!!role || readOnly} className="gb-mono" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameZh"
              label={t('role.nameZh')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('role.nameZh') }) }, { max: 50 }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameEn"
              label={t('role.nameEn')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('role.nameEn') }) }, { max: 50 }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('role.permissions')}</Typography.Title>
        <Form.Item name="permissions">
          <PermissionGroups permissions={permissions} disabled={readOnly} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
