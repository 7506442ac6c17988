import { Descriptions, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../api/types';
import { diff, fieldLabel, valueText, type DiffRow } from './labels';

/** Before and after of one audit entry, changed fields first and highlighted. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const rows = diff(entry.before, entry.after, (field, v) => valueText(t, field, v)).sort((x, y) => Number(y.changed) - Number(x.changed));
  const both = entry.before !== null && entry.after !== null;
  const changedCount = rows.filter((r) => r.changed).length;
  return (
    <div className="gb-audit-diff" data-testid="audit-diff">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('audit.entityId')}>
          <span className="gb-mono">{entry.entityId ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.requestId')}>
          <span className="gb-mono">{entry.requestId ?? '—'}</span>
        </Descriptions.Item>
        {both && (
          <Descriptions.Item label={t('audit.field')}>
            <Tag color="gold">{t('audit.changed', { count: changedCount })}</Tag>
          </Descriptions.Item>
        )}
      </Descriptions>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noDiff')} />
      ) : (
        <Table<DiffRow>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          rowClassName={(r) => (both && r.changed ? 'gb-diff-changed' : '')}
          scroll={{ x: 640 }}
          columns={[
            {
              title: t('audit.field'),
              dataIndex: 'field',
              width: 180,
              render: (f: string) => (
                <span title={f} data-field={f}>
                  {fieldLabel(t, f)}
                </span>
              ),
            },
            {
              title: t('audit.before'),
              dataIndex: 'before',
              render: (v: string | null, r) =>
                v === null ? <span className="gb-muted">—</span> : <span className={`gb-diff-value ${both && r.changed ? 'gb-diff-before' : ''}`}>{v}</span>,
            },
            {
              title: t('audit.after'),
              dataIndex: 'after',
              render: (v: string | null, r) =>
                v === null ? <span className="gb-muted">—</span> : <span className={`gb-diff-value ${both && r.changed ? 'gb-diff-after' : ''}`}>{v}</span>,
            },
          ]}
        />
      )}
    </div>
  );
}
