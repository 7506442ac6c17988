import { useState } from 'react';
import { App as AntApp, Badge, Button, Dropdown, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, KeyOutlined, MoreOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/errors';
import type { User, UserStatus } from '../../../api/types';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { usePhone } from '../../shell/useViewport';
import { Forbidden } from '../../shell/StatusViews';
import { formatDateTime } from '../common/format';
import { SearchInput } from '../common/SearchInput';
import { useListParams } from '../common/useListParams';
import { PagedTable } from '../common/PagedTable';
import { ExportButton } from '../common/ExportButton';
import { ImportWizard } from '../imports/ImportWizard';
import { OrgSelect } from '../orgs/OrgSelect';
import { roleName, useRoles } from '../roles/api';
import { exportUsers, userKeys, useUpdateUser, useUsers } from './api';
import { PhoneCell } from './PhoneCell';
import { RegionName } from '../regions/RegionName';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormDrawer } from './UserFormDrawer';

const FILTERS = ['q', 'orgId', 'status'] as const;

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const { message, modal } = AntApp.useApp();
  const { filters, page, pageSize, setFilter, setPage, resetAll, active } = useListParams(FILTERS);
  const query = { q: filters.q, orgId: filters.orgId, status: filters.status as UserStatus | undefined, page, pageSize };
  const allowed = can(me, 'user.read');
  const listQuery = useUsers(query, allowed);
  const { data: roles } = useRoles(undefined, allowed);
  const update = useUpdateUser();
  const [editing, setEditing] = useState<User | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const manage = can(me, 'user.manage');
  const reveal = can(me, 'pii.reveal');

  if (!allowed) return <Forbidden />;

  const roleLabel = (id: string, fallback: string) => {
    const r = roles?.find((x) => x.id === id);
    return r ? roleName(r, i18n.language) : fallback;
  };
  const openForm = (u: User | null) => {
    setEditing(u);
    setFormOpen(true);
  };
  const toggleStatus = (u: User) => {
    const next: UserStatus = u.status === 'active' ? 'disabled' : 'active';
    modal.confirm({
      title: next === 'disabled' ? t('user.disableConfirm', { name: u.displayName }) : t('user.enableConfirm', { name: u.displayName }),
      okText: next === 'disabled' ? t('user.disable') : t('user.enable'),
      okButtonProps: { danger: next === 'disabled' },
      cancelText: t('common.cancel'),
      onOk: () =>
        update.mutateAsync({ id: u.id, patch: { status: next } }).then(
          () => void message.success(t('user.statusChanged')),
          (err: unknown) => void message.error(errorText(err, t)),
        ),
    });
  };

  const columns: ColumnsType<User> = [
    {
      title: t('user.displayName'),
      dataIndex: 'displayName',
      fixed: phone ? undefined : 'left',
      width: 170,
      render: (name: string, u) => (
        <div>
          {manage ? (
            <Typography.Link strong onClick={() => openForm(u)}>
              {name}
            </Typography.Link>
          ) : (
            <Typography.Text strong>{name}</Typography.Text>
          )}
          <div className="gb-muted gb-mono">{u.username}</div>
        </div>
      ),
    },
    { title: t('user.org'), dataIndex: 'orgName', width: 230 },
    { title: t('user.phone'), dataIndex: 'phoneMasked', width: 170, render: (m: string | null, u) => <PhoneCell userId={u.id} masked={m} canReveal={reveal} /> },
    {
      title: t('user.roles'),
      dataIndex: 'roles',
      width: 240,
      render: (rs: User['roles']) =>
        rs.length ? (
          <Space size={[4, 4]} wrap>
            {rs.map((r) => (
              <Tag key={`${r.roleId}-${r.regionCode ?? ''}`} color="geekblue">
                {roleLabel(r.roleId, r.name)}
                {r.regionCode && (
                  <>
                    {' '}
                    · <RegionName code={r.regionCode} />
                  </>
                )}
              </Tag>
            ))}
          </Space>
        ) : (
          <span className="gb-muted">{t('user.noRoles')}</span>
        ),
    },
    {
      title: t('user.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: UserStatus) => <Badge status={s === 'active' ? 'success' : 'default'} text={s === 'active' ? t('user.active') : t('user.disabled')} />,
    },
    {
      title: t('user.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? <span className="gb-nowrap">{formatDateTime(v)}</span> : <span className="gb-muted">{t('user.never')}</span>),
    },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: phone ? undefined : 'right',
      width: 120,
      render: (_v, u) => {
        const self = u.id === me.user.id;
        return (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openForm(u)}>
              {t('common.edit')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('user.resetPassword') },
                  self
                    ? null
                    : u.status === 'active'
                      ? { key: 'disable', icon: <StopOutlined />, label: t('user.disable'), danger: true }
                      : { key: 'enable', icon: <CheckCircleOutlined />, label: t('user.enable') },
                ].filter((x) => x !== null),
                onClick: ({ key }) => (key === 'password' ? setResetting(u) : toggleStatus(u)),
              }}
            >
              <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('user.more')} />
            </Dropdown>
          </Space>
        );
      },
    });
  }

  return (
    <div data-testid="users-page">
      <PageHeader
        title={t('user.title')}
        subtitle={t('user.subtitle')}
        extra={
          <>
            {manage && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                {t('common.import')}
              </Button>
            )}
            <ExportButton run={() => exportUsers(query)} />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} data-testid="user-create">
                {t('user.create')}
              </Button>
            )}
          </>
        }
      />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <SearchInput className="gb-toolbar__search" value={filters.q} onChange={(v) => setFilter('q', v)} placeholder={t('user.searchPlaceholder')} />
          <OrgSelect className="gb-toolbar__region" value={filters.orgId ?? null} onChange={(v) => setFilter('orgId', v)} placeholder={t('user.orgFilter')} allowClear />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('user.statusFilter')}
            value={filters.status}
            onChange={(v: string | undefined) => setFilter('status', v)}
            options={[
              { value: 'active', label: t('user.active') },
              { value: 'disabled', label: t('user.disabled') },
            ]}
          />
          {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
        </div>
        <PagedTable<User>
          query={listQuery}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          filtered={active}
          emptyHint={t('common.empty')}
          pageSizeOptions={[10, 20, 50, 100]}
          columns={columns}
          scroll={{ x: 1180 }}
          data-testid="users-table"
        />
      </div>
      <UserFormDrawer open={formOpen} user={editing} onClose={() => setFormOpen(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      {manage && (
        <ImportWizard
          kind="users"
          what={t('user.importWhat')}
          open={importOpen}
          onClose={() => setImportOpen(false)}
          invalidate={[userKeys.all]}
          previewLabels={{ username: t('user.username'), displayName: t('user.displayName'), org: t('user.org'), phone: t('user.phone'), roles: t('user.roles') }}
        />
      )}
    </div>
  );
}
