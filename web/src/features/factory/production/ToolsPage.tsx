import { useEffect, useState } from 'react';
import { App as AntApp, Button, Form, Input, InputNumber, Progress, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Tool } from '../../../api/types';
import { errorText } from '../../../api/errors';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { FormDrawer, useSaveOutcome } from '../../shell/FormDrawer';
import { usePhone } from '../../shell/useViewport';
import { PagedTable } from '../../admin/common/PagedTable';
import { SearchInput } from '../../admin/common/SearchInput';
import { useListParams } from '../../admin/common/useListParams';
import { chinaTime } from '../../admin/common/format';
import { useSaveTool, useTools } from './api';
import '../factory.css';
import './production.css';

const FILTERS = ['q', 'kind', 'worn'] as const;
const KINDS = ['cutting', 'fixture', 'gauge'] as const;
const STATUS_COLORS: Record<Tool['status'], string> = { active: 'green', blocked: 'orange', retired: 'default' };

interface Values {
  code?: string;
  kind?: Tool['kind'];
  description?: string;
  lifeLimit?: number | null;
}

function ToolDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const outcome = useSaveOutcome(form, onClose);
  const save = useSaveTool();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = (v: Values) =>
    save.mutate(
      { create: { code: v.code!.trim(), kind: v.kind!, description: v.description?.trim() ?? '', lifeLimit: v.lifeLimit ?? null } },
      { onSuccess: (x) => outcome.saved(t('factory.tools.created', { code: x.code })), onError: outcome.failed },
    );
  return (
    <FormDrawer open={open} onClose={onClose} title={t('factory.tools.create')} saving={save.isPending} onSave={() => form.submit()} saveTestId="tool-form-submit">
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'cutting' }} data-testid="tool-form">
        <Form.Item name="code" label={t('factory.tools.code')} rules={[{ required: true, message: t('common.required', { field: t('factory.tools.code') }) }]}>
          <Input maxLength={60} className="gb-mono" data-testid="tool-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('factory.tools.kindLabel')} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`factory.tools.kind.${k}`) }))} data-testid="tool-kind" />
        </Form.Item>
        <Form.Item name="description" label={t('factory.tools.description')}>
          <Input maxLength={200} data-testid="tool-description" />
        </Form.Item>
        <Form.Item name="lifeLimit" label={t('factory.tools.lifeLimit')} extra={t('factory.tools.lifeHint')}>
          <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} data-testid="tool-life" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** Uses against the life limit as a bar: orange from 80 %, red past it. */
function LifeCell({ x }: { x: Tool }) {
  const { t } = useTranslation();
  if (x.lifeLimit === null) return <span>{t('factory.tools.usesOnly', { uses: x.uses })}</span>;
  const pct = (x.uses / x.lifeLimit) * 100;
  return (
    <div className="gb-wo-progress" data-testid={`tool-life-${x.code}`}>
      <Progress
        percent={Math.min(100, Math.round(pct))}
        size="small"
        showInfo={false}
        status={pct > 100 ? 'exception' : undefined}
        strokeColor={pct >= 80 && pct <= 100 ? '#fa8c16' : undefined}
      />
      <div className="gb-wo-progress__figures">
        <span className="gb-strong">
          {x.uses}/{x.lifeLimit}
        </span>
        {pct > 100 && <span className="gb-wo-nok">{t('factory.tools.worn')}</span>}
      </div>
    </div>
  );
}

/** 刀具: the plant's cutting tools, fixtures and gauges, their uses against their life, and the units made with each. */
export default function ToolsPage() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const me = useCurrentUser();
  const phone = usePhone();
  const manage = can(me, 'factory.manage');
  const { filters, page, pageSize, setFilter, setPage, resetAll, active } = useListParams(FILTERS);
  const list = useTools({ q: filters.q, kind: filters.kind as Tool['kind'] | undefined, worn: filters.worn as 'true' | 'false' | undefined, page, pageSize });
  const save = useSaveTool();
  const [creating, setCreating] = useState(false);

  const change = (x: Tool, patch: { status?: Tool['status']; resetUses?: boolean }, confirmKey: string) =>
    modal.confirm({
      title: t(confirmKey, { code: x.code }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () =>
        save
          .mutateAsync({ id: x.id, patch })
          .then(() => void message.success(t('factory.tools.saved', { code: x.code })))
          .catch((err) => void message.error(errorText(err, t))),
    });

  const columns: ColumnsType<Tool> = [
    { title: t('factory.tools.code'), dataIndex: 'code', width: 170, render: (c: string) => <span className="gb-mono gb-strong">{c}</span> },
    { title: t('factory.tools.kindLabel'), dataIndex: 'kind', width: 90, render: (k: Tool['kind']) => t(`factory.tools.kind.${k}`) },
    { title: t('factory.tools.description'), dataIndex: 'description', width: 240, render: (d: string) => d || <span className="gb-muted">—</span> },
    { title: t('factory.tools.life'), key: 'life', width: 160, render: (_v, x) => <LifeCell x={x} /> },
    {
      title: t('factory.tools.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: Tool['status']) => <Tag color={STATUS_COLORS[s]}>{t(`factory.tools.statuses.${s}`)}</Tag>,
    },
    { title: t('factory.tools.lastUsed'), dataIndex: 'lastUsedAt', width: 160, render: (v: string | null) => <span className="gb-nowrap">{v ? chinaTime(v) : '—'}</span> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: manage ? 230 : 110,
      fixed: phone ? undefined : 'right',
      render: (_v, x) => (
        <Space size={4} wrap>
          <Link to={`/factory/recall?toolId=${x.id}`} data-testid={`tool-recall-${x.code}`}>
            {t('factory.tools.units')}
          </Link>
          {manage && (
            <Button size="small" onClick={() => change(x, { resetUses: true }, 'factory.tools.confirmReset')} data-testid={`tool-reset-${x.code}`}>
              {t('factory.tools.reset')}
            </Button>
          )}
          {manage && (
            <Button
              size="small"
              danger={x.status === 'active'}
              onClick={() =>
                change(x, { status: x.status === 'active' ? 'blocked' : 'active' }, x.status === 'active' ? 'factory.tools.confirmBlock' : 'factory.tools.confirmUnblock')
              }
            >
              {t(x.status === 'active' ? 'factory.tools.block' : 'factory.tools.unblock')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="tools-page">
      <PageHeader
        title={t('factory.tools.title')}
        subtitle={t('factory.tools.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="tool-create">
              {t('factory.tools.create')}
            </Button>
          )
        }
      />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <SearchInput className="gb-toolbar__search" value={filters.q} onChange={(v) => setFilter('q', v)} placeholder={t('factory.tools.search')} testId="tool-search" />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('factory.tools.kindLabel')}
            value={filters.kind}
            onChange={(v: string | undefined) => setFilter('kind', v)}
            options={KINDS.map((k) => ({ value: k, label: t(`factory.tools.kind.${k}`) }))}
          />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('factory.tools.wornFilter')}
            value={filters.worn}
            onChange={(v: string | undefined) => setFilter('worn', v)}
            options={[
              { value: 'true', label: t('factory.tools.wornOnly') },
              { value: 'false', label: t('factory.tools.notWorn') },
            ]}
            data-testid="tool-worn-filter"
          />
          {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
        </div>
        <PagedTable<Tool>
          query={{ ...list, isFetching: list.isFetching && list.isPlaceholderData }}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          filtered={active}
          emptyHint={t('factory.tools.empty')}
          columns={columns}
          cards
          scroll={{ x: 1130 }}
          data-testid="tool-table"
        />
      </div>
      {manage && <ToolDrawer open={creating} onClose={() => setCreating(false)} />}
    </div>
  );
}
