import { useState } from 'react';
import { App as AntApp, Button, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, EyeOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/errors';
import type { Role } from '../../../api/types';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { usePhone } from '../../shell/useViewport';
import { Forbidden, QueryError } from '../../shell/StatusViews';
import { roleName, useDeleteRole, usePermissions, useRoles } from './api';
import { RoleFormDrawer } from './RoleFormDrawer';

export default function RolesPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const { message } = AntApp.useApp();
  const allowed = can(me, 'user.read') || can(me, 'role.manage');
  const { data: roles, isPending, error, refetch } = useRoles(undefined, allowed);
  const { data: permissions } = usePermissions();
  const del = useDeleteRole();
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState<Role | null>(null);
  const manage = can(me, 'role.manage');

  if (!allowed) return <Forbidden />;

  const permLabel = (code: string) => {
    const p = permissions?.find((x) => x.code === code);
    return p ? (i18n.language === 'en' ? p.en : p.zh) : code;
  };
  const show = (r: Role | null) => {
    setCurrent(r);
    setOpen(true);
  };

  const columns: ColumnsType<Role> = [
    {
      title: t('role.name'),
      key: 'name',
      width: 220,
      fixed: phone ? undefined : 'left',
      render: (_v, r) => (
        <Space size={6}>
          {r.builtIn && (
            <Tooltip title={t('role.builtInHint')}>
              <LockOutlined className="gb-muted" aria-label={t('role.builtIn')} />
            </Tooltip>
          )}
          <Typography.Link strong onClick={() => show(r)}>
            {roleName(r, i18n.language)}
          </Typography.Link>
        </Space>
      ),
    },
    { title: t('role.code'), dataIndex: 'code', width: 200, render: (c: string) => <span className="gb-mono">{c}</span> },
    {
      title: `${t('role.builtIn')} / ${t('role.custom')}`,
      dataIndex: 'builtIn',
      width: 110,
      render: (b: boolean) => (b ? <Tag>{t('role.builtIn')}</Tag> : <Tag color="blue">{t('role.custom')}</Tag>),
    },
    {
      title: t('role.permissions'),
      dataIndex: 'permissions',
      render: (ps: string[]) =>
        ps.includes('*') ? (
          <Tag color="gold">{t('role.allPermissions')}</Tag>
        ) : ps.length ? (
          <Space size={[4, 4]} wrap>
            {ps.map((p) => (
              <Tag key={p}>{permLabel(p)}</Tag>
            ))}
          </Space>
        ) : (
          <span className="gb-muted">—</span>
        ),
    },
    { title: t('role.userCount'), dataIndex: 'userCount', width: 90, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: phone ? undefined : 'right',
      render: (_v, r) =>
        r.builtIn || !manage ? (
          <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => show(r)}>
            {t('common.details')}
          </Button>
        ) : (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => show(r)}>
              {t('common.edit')}
            </Button>
            {r.userCount > 0 ? (
              <Tooltip title={t('role.deleteInUse', { count: r.userCount })}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled>
                  {t('common.delete')}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={t('role.deleteConfirm', { name: roleName(r, i18n.language) })}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  del.mutateAsync(r.id).then(
                    () => void message.success(t('common.deleted')),
                    (err: unknown) => void message.error(errorText(err, t)),
                  )
                }
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];

  return (
    <div data-testid="roles-page">
      <PageHeader
        title={t('role.title')}
        subtitle={t('role.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => show(null)} data-testid="role-create">
              {t('role.create')}
            </Button>
          )
        }
      />
      <div className="gb-panel">
        {error && !roles ? (
          <QueryError error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<Role>
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={roles ?? []}
            loading={isPending}
            pagination={false}
            scroll={{ x: 1000 }}
            data-testid="roles-table"
            locale={{ emptyText: isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
          />
        )}
      </div>
      <RoleFormDrawer open={open} role={current} onClose={() => setOpen(false)} canManage={manage} />
    </div>
  );
}
