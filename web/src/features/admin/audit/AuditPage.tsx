import { useEffect, useState } from 'react';
import { AutoComplete, Button, DatePicker, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../api/types';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { Forbidden } from '../../shell/StatusViews';
import { formatDateTimeSeconds } from '../common/format';
import { PagedTable } from '../common/PagedTable';
import { ExportButton } from '../common/ExportButton';
import { useListParams } from '../common/useListParams';
import { exportAudit, KNOWN_ACTIONS, KNOWN_ENTITIES, useAudit } from './api';
import { AuditDiff } from './AuditDiff';
import { actionLabel, entityLabel, recordName } from './labels';

const FILTERS = ['action', 'entity', 'entityId', 'from', 'to'] as const;
const DAY = 'YYYY-MM-DD';

/** Suggests the known actions and also takes any typed prefix (e.g. "user."), applied on Enter or blur. */
function ActionFilter({ value, onChange }: { value?: string; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  // Enter, picking a suggestion and leaving the box may all fire for one change: apply it once. A repeated apply
  // re-navigated and re-rendered the table, closing the row a user had just opened.
  const apply = (v: string) => {
    const next = v.trim() || undefined;
    if (next !== (value || undefined)) onChange(next);
  };
  return (
    <AutoComplete
      className="gb-toolbar__search"
      allowClear
      placeholder={t('audit.actionFilter')}
      value={text}
      options={KNOWN_ACTIONS.filter((a) => !text || a.includes(text.toLowerCase()) || actionLabel(t, a).includes(text)).map((a) => ({
        value: a,
        label: (
          <span>
            {actionLabel(t, a)} <span className="gb-muted gb-mono">{a}</span>
          </span>
        ),
      }))}
      onChange={(v: string | undefined) => {
        setText(v ?? '');
        if (!v) onChange(undefined);
      }}
      onSelect={(v: string | undefined) => apply(v ?? '')}
      onBlur={() => apply(text)}
      onKeyDown={(e) => e.key === 'Enter' && apply(text)}
      data-testid="audit-action-filter"
    />
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { filters, page, pageSize, setFilter, setFilters, setPage, resetAll, active } = useListParams(FILTERS, 20);
  const allowed = can(me, 'audit.read');
  // Dates in the address bar are calendar days; the API takes instants: [from 00:00, the day after `to` 00:00).
  const query = {
    action: filters.action,
    entity: filters.entity,
    entityId: filters.entityId,
    from: filters.from ? dayjs(filters.from, DAY).startOf('day').toISOString() : undefined,
    to: filters.to ? dayjs(filters.to, DAY).add(1, 'day').startOf('day').toISOString() : undefined,
    page,
    pageSize,
  };
  const listQuery = useAudit(query, allowed);

  if (!allowed) return <Forbidden />;

  const range: [Dayjs, Dayjs] | null = filters.from && filters.to ? [dayjs(filters.from, DAY), dayjs(filters.to, DAY)] : null;

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => <span className="gb-nowrap">{formatDateTimeSeconds(v)}</span> },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 180, render: (v: string | null) => v ?? <span className="gb-muted">{t('audit.system')}</span> },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 200,
      render: (a: string) => (
        <div>
          <Tag color={a.startsWith('pii.') ? 'orange' : a.endsWith('.delete') ? 'red' : a.endsWith('.create') || a.endsWith('.import') ? 'green' : 'blue'}>{actionLabel(t, a)}</Tag>
          <div className="gb-muted gb-mono" data-testid="audit-action-code">
            {a}
          </div>
        </div>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 260,
      render: (_v, e) => {
        const name = recordName(e.before, e.after);
        return (
          <div>
            <Typography.Text>{entityLabel(t, e.entity)}</Typography.Text>
            {name && <Typography.Text strong> · {name}</Typography.Text>}
            {e.entityId && <div className="gb-muted gb-mono">{e.entityId.length > 13 ? `${e.entityId.slice(0, 8)}…` : e.entityId}</div>}
          </div>
        );
      },
    },
    { title: t('audit.org'), dataIndex: 'orgName', width: 220, render: (v: string | null) => v ?? <span className="gb-muted">—</span> },
  ];

  return (
    <div data-testid="audit-page">
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} extra={<ExportButton run={() => exportAudit(query)} testId="audit-export" />} />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <ActionFilter value={filters.action} onChange={(v) => setFilter('action', v)} />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('audit.entityFilter')}
            value={filters.entity}
            onChange={(v: string | undefined) => setFilter('entity', v)}
            options={KNOWN_ENTITIES.map((e) => ({ value: e, label: entityLabel(t, e) }))}
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => setFilters({ from: v?.[0] ? v[0].format(DAY) : undefined, to: v?.[1] ? v[1].format(DAY) : undefined })}
            allowClear
            className="gb-toolbar__region"
          />
          {filters.entityId && (
            <Tag closable onClose={() => setFilter('entityId', undefined)} className="gb-mono" style={{ alignSelf: 'center' }}>
              {filters.entityId}
            </Tag>
          )}
          {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
        </div>
        <PagedTable<AuditEntry>
          query={listQuery}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          filtered={active}
          emptyHint={t('common.empty')}
          pageSizeOptions={[20, 50, 100]}
          columns={columns}
          scroll={{ x: 1040 }}
          expandable={{ expandedRowRender: (e) => <AuditDiff entry={e} />, expandRowByClick: true }}
          data-testid="audit-table"
        />
      </div>
    </div>
  );
}
