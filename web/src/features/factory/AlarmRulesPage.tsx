import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, Alert, Button, Empty, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AlarmRule } from '../../api/types';
import { errorText } from '../../api/errors';
import { currentLocale } from '../../i18n';
import { can, useCurrentUser } from '../auth/session';
import { PageHeader } from '../shell/PageHeader';
import { QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useDevices } from './api';
import { useAlarmRules, useDeleteRule, useUpdateRule } from './andonApi';
import { AlarmRuleDrawer } from './AlarmRuleDrawer';
import { kindLabel, metricLabel } from './labels';
import './factory.css';

const SEVERITY_TAG = { critical: 'red', warning: 'orange', info: 'blue' } as const;

/**
 * Threshold rules: a metric of one device, of a kind of device, or of every device, outside its limit raises an
 * alarm that closes by itself when the value is back. Plant managers edit them; everyone else reads.
 */
export default function AlarmRulesPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useCurrentUser();
  const phone = usePhone();
  const manage = can(me, 'factory.manage');
  const rules = useAlarmRules();
  const update = useUpdateRule();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<AlarmRule | null>(null);
  const [open, setOpen] = useState(false);
  // Device rules name their device by code; the plant has a few hundred devices, one page holds them all.
  const devices = useDevices({ pageSize: 500 });
  const codeOf = new Map((devices.data?.items ?? []).map((d) => [d.id, d.code]));
  const zh = currentLocale() === 'zh-CN';

  const openForm = (r: AlarmRule | null) => {
    setEditing(r);
    setOpen(true);
  };

  const columns: ColumnsType<AlarmRule> = [
    {
      title: t('factory.rules.name'),
      key: 'name',
      width: 200,
      fixed: phone ? undefined : 'left',
      render: (_v, r) => <span className="gb-strong">{zh ? r.nameZh : r.nameEn}</span>,
    },
    {
      title: t('factory.rules.target'),
      key: 'target',
      width: 180,
      render: (_v, r) =>
        r.deviceId ? (
          <Link to={`/factory/devices/${r.deviceId}`} className="gb-mono">
            {codeOf.get(r.deviceId) ?? t('factory.rules.targetDevice')}
          </Link>
        ) : r.deviceKind ? (
          kindLabel(t, r.deviceKind)
        ) : (
          t('factory.rules.targetAll')
        ),
    },
    {
      title: t('factory.rules.condition'),
      key: 'condition',
      width: 240,
      render: (_v, r) => (
        <span>
          {metricLabel(t, r.metric)}{' '}
          <span className="gb-mono gb-strong">
            {r.op} {r.threshold}
          </span>
          <span className="gb-muted gb-mono"> ({r.metric})</span>
        </span>
      ),
    },
    {
      title: t('factory.rules.severity'),
      dataIndex: 'severity',
      width: 90,
      render: (s: AlarmRule['severity']) => <Tag color={SEVERITY_TAG[s]}>{t(`factory.andon.severity.${s}`)}</Tag>,
    },
    {
      title: t('factory.rules.enabled'),
      dataIndex: 'enabled',
      width: 90,
      render: (v: boolean, r) => (
        <Switch
          size="small"
          checked={v}
          disabled={!manage}
          loading={update.isPending && update.variables?.id === r.id}
          onChange={(enabled) => update.mutate({ id: r.id, patch: { enabled } }, { onError: (err) => message.error(errorText(err, t)) })}
          data-testid={`rule-enabled-${r.metric}`}
        />
      ),
    },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: phone ? undefined : 'right',
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openForm(r)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('factory.rules.deleteConfirm', { name: zh ? r.nameZh : r.nameEn })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove.mutateAsync(r.id).then(
                () => void message.success(t('common.deleted')),
                (err: unknown) => void message.error(errorText(err, t)),
              )
            }
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <div data-testid="alarm-rules-page">
      <PageHeader
        title={t('factory.rules.title')}
        subtitle={t('factory.rules.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} data-testid="rule-create">
              {t('factory.rules.create')}
            </Button>
          )
        }
      />
      {!manage && <Alert type="info" showIcon className="gb-section-alert" title={t('factory.rules.readOnly')} data-testid="rules-read-only" />}
      <div className="gb-panel">
        {rules.error && !rules.data ? (
          <QueryError error={rules.error} onRetry={() => void rules.refetch()} />
        ) : (
          <Table<AlarmRule>
            size="middle"
            rowKey="id"
            loading={rules.isPending}
            columns={columns}
            dataSource={rules.data ?? []}
            pagination={false}
            scroll={{ x: manage ? 950 : 800 }}
            locale={{ emptyText: rules.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.rules.empty')} /> }}
            data-testid="alarm-rules-table"
          />
        )}
      </div>
      {manage && <AlarmRuleDrawer open={open} rule={editing} onClose={() => setOpen(false)} />}
    </div>
  );
}
