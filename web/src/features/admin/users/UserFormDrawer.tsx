import { useEffect } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../../api/errors';
import type { Locale, User, UserPatch, UserStatus } from '../../../api/types';
import { LOCALES } from '../../../i18n';
import { useCurrentUser } from '../../auth/session';
import { useOrg } from '../orgs/api';
import { OrgSelect } from '../orgs/OrgSelect';
import { RegionPicker } from '../regions/RegionPicker';
import { roleName, useRoles } from '../roles/api';
import { useCreateUser, useUpdateUser } from './api';
import { FormDrawer } from '../../shell/FormDrawer';

interface GrantValue {
  roleId?: string;
  regionCode?: string | null;
}
interface Values {
  orgId?: string;
  username?: string;
  displayName: string;
  phone?: string;
  password?: string;
  locale: Locale;
  active?: boolean;
  roles: GrantValue[];
}

/** Organisations whose roles may cover a region subtree rather than just the organisation itself. */
const REGIONAL_KINDS = new Set(['government', 'park_admin']);

export function UserFormDrawer({ open, user, onClose }: { open: boolean; user: User | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const { message } = AntApp.useApp();
  const self = !!user && user.id === me.user.id;

  const orgId = Form.useWatch('orgId', form) ?? user?.orgId;
  const { data: org } = useOrg(orgId);
  const { data: roles, isPending: rolesLoading } = useRoles(orgId ?? undefined, !!orgId);
  const regional = !!org && REGIONAL_KINDS.has(org.kind);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        displayName: user.displayName,
        locale: user.locale,
        active: user.status === 'active',
        roles: user.roles.map((r) => ({ roleId: r.roleId, regionCode: r.regionCode })),
      });
    } else {
      form.setFieldsValue({ locale: 'zh-CN', roles: [] });
    }
  }, [open, user, form]);

  const grants = (v: Values) =>
    v.roles.filter((g): g is { roleId: string; regionCode?: string | null } => !!g.roleId).map((g) => ({ roleId: g.roleId, regionCode: regional ? (g.regionCode ?? null) : null }));

  const onError = (err: unknown) => {
    if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
  };

  const submit = (v: Values) => {
    if (!user) {
      create.mutate(
        {
          orgId: v.orgId ?? '',
          username: (v.username ?? '').trim().toLowerCase(),
          displayName: v.displayName.trim(),
          phone: v.phone?.trim() || null,
          password: v.password ?? '',
          locale: v.locale,
          roles: grants(v),
        },
        {
          onSuccess: () => {
            message.success(t('common.created'));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const status: UserStatus = v.active === false ? 'disabled' : 'active';
    const patch: UserPatch = { displayName: v.displayName.trim(), locale: v.locale };
    if (v.phone?.trim()) patch.phone = v.phone.trim();
    if (!self) {
      patch.roles = grants(v);
      if (status !== user.status) patch.status = status;
    }
    update.mutate(
      { id: user.id, patch },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError,
      },
    );
  };

  const roleOptions = (roles ?? []).map((r) => ({ value: r.id, label: roleName(r, i18n.language) }));
  const busy = create.isPending || update.isPending;

  return (
    <FormDrawer open={open} onClose={onClose} title={user ? t('user.edit') : t('user.create')} saving={busy} onSave={() => form.submit()} saveTestId="user-form-submit">
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="user-form" scrollToFirstError>
        {user ? (
          <Form.Item label={`${t('user.org')} · ${t('user.username')}`}>
            <Typography.Text>{user.orgName}</Typography.Text>
            <Typography.Text type="secondary" className="gb-mono">
              {' '}
              · {user.username}
            </Typography.Text>
          </Form.Item>
        ) : (
          <>
            <Form.Item name="orgId" label={t('user.org')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('user.org') }) }]}>
              <OrgSelect />
            </Form.Item>
            <Form.Item
              name="username"
              label={t('user.username')}
              rules={[
                { required: true, message: t('common.required', { field: t('user.username') }) },
                { pattern: /^[a-zA-Z0-9_.-]{3,40}$/, message: t('user.usernameRule') },
              ]}
            >
              <Input autoComplete="off" autoCapitalize="none" spellCheck={false} className="gb-mono" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="displayName"
          label={t('user.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('user.displayName') }) }, { max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('user.phone')}
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('user.phoneRule') }]}
          extra={user?.phoneMasked ? t('user.phoneKeep', { masked: user.phoneMasked }) : undefined}
        >
          <Input inputMode="numeric" maxLength={11} placeholder={user?.phoneMasked ?? t('common.optional')} className="gb-mono" />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('user.initialPassword')}
            extra={t('auth.passwordRule')}
            rules={[
              { required: true, message: t('common.required', { field: t('user.initialPassword') }) },
              { min: 10, message: t('auth.passwordTooShort') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="locale" label={t('user.locale')}>
          <Select options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
        </Form.Item>
        {user && (
          <Form.Item name="active" label={t('user.status')} valuePropName="checked">
            <Switch checkedChildren={t('user.active')} unCheckedChildren={t('user.disabled')} disabled={self} />
          </Form.Item>
        )}
        <Typography.Title level={5} style={{ marginTop: 8 }}>
          {t('user.roleGrants')}
        </Typography.Title>
        {self && <Alert type="info" showIcon title={t('user.selfHint')} style={{ marginBottom: 12 }} />}
        {regional && !self && <Typography.Paragraph type="secondary">{t('user.grantRegionHint')}</Typography.Paragraph>}
        <Form.List name="roles">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} className="gb-grant-row" style={regional ? undefined : { gridTemplateColumns: 'minmax(0,1fr) 32px' }}>
                  <Form.Item name={[f.name, 'roleId']} rules={[{ required: true, message: t('user.selectRole') }]}>
                    <Select options={roleOptions} placeholder={t('user.selectRole')} loading={rolesLoading} disabled={self || !orgId} showSearch={{ optionFilterProp: 'label' }} />
                  </Form.Item>
                  {regional && (
                    <Form.Item name={[f.name, 'regionCode']}>
                      <RegionPicker placeholder={t('user.grantRegionPlaceholder')} disabled={self} />
                    </Form.Item>
                  )}
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={self} aria-label={t('common.delete')} />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ regionCode: null })} block disabled={self || !orgId}>
                {t('user.addGrant')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
