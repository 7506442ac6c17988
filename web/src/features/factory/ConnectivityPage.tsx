import { Alert, Button, Card, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { DeadLetter } from '../../api/types';
import { useCurrentUser } from '../auth/session';
import { PageHeader } from '../shell/PageHeader';
import { formatDateTimeSeconds } from '../admin/common/format';
import { PagedTable } from '../admin/common/PagedTable';
import { useListParams } from '../admin/common/useListParams';
import { LIVE_MS, useDeadLetters, useDevices, useIngestStats } from './api';
import { ConnectHelp } from './ConnectHelp';
import { ConnectivitySummary } from './ConnectivitySummary';
import { LiveIndicator } from './LiveIndicator';
import { FeedBanner, feedDown } from './FeedBanner';
import { reasonLabel } from './labels';
import { DEAD_LETTER_REASONS } from './model';
import './factory.css';

const FILTERS = ['reason'] as const;

/** Dead letters, listed only to platform administrators (their payloads may come from any organisation's devices). */
function DeadLetters({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation();
  const { filters, page, pageSize, setFilter, setPage, resetAll, active } = useListParams(FILTERS);
  const list = useDeadLetters({ reason: filters.reason, page, pageSize }, true);
  const columns: ColumnsType<DeadLetter> = [
    { title: t('factory.deadLetters.at'), dataIndex: 'at', width: 170, render: (v: string) => <span className="gb-nowrap">{formatDateTimeSeconds(v)}</span> },
    {
      title: t('factory.deadLetters.reason'),
      dataIndex: 'reason',
      width: 160,
      render: (r: string) => (
        <Tag color="red" variant="filled" title={r}>
          {reasonLabel(t, r)}
        </Tag>
      ),
    },
    { title: t('factory.deadLetters.topic'), dataIndex: 'topic', width: 280, render: (v: string) => <span className="gb-mono gb-break">{v}</span> },
    { title: t('factory.deadLetters.detail'), dataIndex: 'detail', render: (v: string) => <span className="gb-break">{v}</span> },
    {
      title: t('factory.deadLetters.size'),
      dataIndex: 'size',
      width: 150,
      align: 'right',
      // A summary row stands for messages over the rate limit (counted, not stored); a stored one keeps its first
      // KiB, with the whole message's size and SHA-256 (hover) to recognise it.
      render: (_v: number | null, d: DeadLetter) =>
        d.size === null ? (
          <Tag data-testid="dead-letter-summary">{t('factory.deadLetters.summary', { count: d.messages })}</Tag>
        ) : (
          <span className="gb-nowrap" title={d.sha256 ? `SHA-256 ${d.sha256}` : undefined}>
            {t('factory.deadLetters.bytes', { count: d.size })}
            {d.truncated && (
              <Tag style={{ marginInlineStart: 6 }} data-testid="dead-letter-truncated">
                {t('factory.deadLetters.truncated')}
              </Tag>
            )}
          </span>
        ),
    },
  ];
  return (
    <>
      <div className="gb-toolbar">
        <Select
          className="gb-toolbar__select"
          allowClear
          placeholder={t('factory.deadLetters.reasonFilter')}
          value={filters.reason}
          onChange={(v: string | undefined) => setFilter('reason', v)}
          options={[...new Set([...DEAD_LETTER_REASONS, ...reasons])].map((r) => ({ value: r, label: reasonLabel(t, r) }))}
          data-testid="dead-letter-reason-filter"
        />
        {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
      </div>
      <PagedTable<DeadLetter>
        query={{ ...list, isFetching: list.isFetching && list.isPlaceholderData }}
        page={page}
        pageSize={pageSize}
        onPage={setPage}
        filtered={active}
        emptyHint={t('factory.deadLetters.empty')}
        columns={columns}
        scroll={{ x: 1000 }}
        data-testid="dead-letters-table"
      />
    </>
  );
}

/** How devices reach the platform: what the ingest sees, what it set aside, and how to connect a device. */
export default function ConnectivityPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const stats = useIngestStats();
  // The Sparkplug group of this plant, read from any registered device, for the topic examples.
  const sample = useDevices({ pageSize: 1 });
  const group = sample.data?.items[0]?.sparkplug.group ?? '{group}';
  const byReason = Object.entries(stats.data?.deadLetters.byReason ?? {}).sort((a, b) => b[1] - a[1]);

  return (
    <div data-testid="connectivity-page">
      <PageHeader
        title={t('factory.connectivity.title')}
        subtitle={t('factory.connectivity.subtitle')}
        extra={<LiveIndicator updatedAt={stats.dataUpdatedAt} failed={stats.isRefetchError} everySeconds={LIVE_MS / 1000} feedDown={feedDown(stats.data)} />}
      />
      <FeedBanner stats={stats.data} now={stats.dataUpdatedAt || Date.now()} link={false} />
      <ConnectivitySummary stats={stats.data} now={stats.dataUpdatedAt || Date.now()} />
      <Card
        className="gb-section-card gb-card-flush"
        title={t('factory.deadLetters.title')}
        extra={
          stats.data && (
            <Typography.Text type="secondary">{t('factory.deadLetters.totals', { total: stats.data.deadLetters.total, last24h: stats.data.deadLetters.last24h })}</Typography.Text>
          )
        }
      >
        <div className="gb-card-pad">
          <Typography.Paragraph type="secondary">{t('factory.deadLetters.what')}</Typography.Paragraph>
          {byReason.length > 0 && (
            <div className="gb-reason-tags" data-testid="dead-letter-reasons">
              {byReason.map(([r, n]) => (
                <Tag key={r} color="red" variant="filled">
                  {reasonLabel(t, r)} · {n}
                </Tag>
              ))}
            </div>
          )}
          {!me.platformAdmin && <Alert type="info" showIcon title={t('factory.deadLetters.adminOnly')} />}
        </div>
        {me.platformAdmin && <DeadLetters reasons={byReason.map(([r]) => r)} />}
      </Card>
      <Card className="gb-section-card" title={t('factory.help.title')}>
        <ConnectHelp group={group} />
      </Card>
    </div>
  );
}
