import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Drawer, Empty, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { isApiError } from '../../api/client';
import { drawerSize } from '../admin/common/format';
import { QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useCreateGroup, useDeleteGroup, useSparkplugGroups, type SiteNode, type SparkplugGroup } from './plantModelApi';

const GROUP_RE = /^[^/+#\s]{1,64}$/;

function GroupDrawer({ open, sites, onClose }: { open: boolean; sites: SiteNode[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const phone = usePhone();
  const [form] = Form.useForm<{ groupId: string; siteId?: string }>();
  const create = useCreateGroup();

  useEffect(() => {
    if (open) form.setFieldsValue({ groupId: '', siteId: sites.length === 1 ? sites[0].id : undefined });
  }, [open, sites, form]);

  const submit = (v: { groupId: string; siteId?: string }) =>
    create.mutate(
      { groupId: v.groupId.trim(), siteId: v.siteId ?? '' },
      {
        onSuccess: () => {
          message.success(t('common.created'));
          onClose();
        },
        onError: (err) => {
          // A duplicate group id: the whole sentence on the field.
          if (isApiError(err) && err.status === 409 && err.fields.groupId) form.setFields([{ name: 'groupId', errors: [errorText(err, t)] }]);
          else if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
        },
      },
    );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('factory.model.groups.createTitle')}
      size={drawerSize(phone)}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="group-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="group-form">
        <Form.Item
          name="groupId"
          label={t('factory.model.groups.groupId')}
          extra={t('factory.model.groups.groupIdHint')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('factory.model.groups.groupId') }) },
            { pattern: GROUP_RE, message: t('factory.model.groups.groupIdFormat') },
          ]}
        >
          <Input maxLength={64} className="gb-mono" placeholder="qijiang-gear" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="siteId"
          label={t('factory.model.groups.site')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('factory.model.groups.site') }) }]}
        >
          <Select options={sites.map((s) => ({ value: s.id, label: `${s.name} · ${s.code}` }))} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** Which site each Sparkplug group id belongs to: the ingest registers a group's new devices there. */
export function SparkplugGroupsCard({ sites, manage }: { sites: SiteNode[]; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const phone = usePhone();
  const groups = useSparkplugGroups();
  const remove = useDeleteGroup();
  const [open, setOpen] = useState(false);

  const columns: ColumnsType<SparkplugGroup> = [
    { title: t('factory.model.groups.groupId'), dataIndex: 'groupId', render: (g: string) => <span className="gb-mono gb-strong gb-nowrap">{g}</span> },
    {
      title: t('factory.model.groups.site'),
      key: 'site',
      render: (_v, g) => (
        <span>
          {g.siteName} {!phone && <span className="gb-mono gb-muted">{g.siteCode}</span>}
        </span>
      ),
    },
    ...(phone ? [] : [{ title: t('factory.model.groups.org'), dataIndex: 'orgName' }]),
    {
      title: phone ? t('factory.model.devices') : t('factory.model.groups.devices'),
      dataIndex: 'deviceCount',
      align: 'right',
      width: phone ? 56 : 170,
      render: (n: number) => <span className="gb-mono">{n}</span>,
    },
  ];
  if (manage) {
    columns.push({
      title: phone ? '' : t('common.actions'),
      key: 'actions',
      width: phone ? 48 : 100,
      render: (_v, g) => (
        <Popconfirm
          title={t('factory.model.groups.deleteConfirm', { id: g.groupId })}
          description={t('factory.model.groups.deleteHint')}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            remove.mutateAsync(g.groupId).then(
              () => void message.success(t('common.deleted')),
              (err: unknown) => void message.error(errorText(err, t)),
            )
          }
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`group-delete-${g.groupId}`}>
            {phone ? null : t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card
      className="gb-section-card"
      title={t('factory.model.groups.title')}
      extra={
        manage && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            disabled={!sites.length}
            title={sites.length ? undefined : t('factory.model.groups.noSite')}
            data-testid="group-create"
          >
            {t('factory.model.groups.create')}
          </Button>
        )
      }
      data-testid="sparkplug-groups"
    >
      <Typography.Paragraph type="secondary">{t('factory.model.groups.subtitle')}</Typography.Paragraph>
      {groups.error && !groups.data ? (
        <QueryError error={groups.error} onRetry={() => void groups.refetch()} />
      ) : (
        <Table<SparkplugGroup>
          size="small"
          rowKey="groupId"
          loading={groups.isPending}
          columns={columns}
          dataSource={groups.data ?? []}
          pagination={false}
          locale={{ emptyText: groups.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.model.groups.empty')} /> }}
          data-testid="groups-table"
        />
      )}
      {manage && <GroupDrawer open={open} sites={sites} onClose={() => setOpen(false)} />}
    </Card>
  );
}
