import { useState } from 'react';
import type { ReactNode } from 'react';
import { App as AntApp, Button, Card, Empty, List, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { NodeIndexOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/errors';
import { useCreateReferral } from '../api';
import { EmployerViewNotice } from '../EmployerViewNotice';
import type { Posting, Worker } from '../types';
import { QueryError } from '../../shell/StatusViews';
import { ScoreWithExplanation } from './explain';
import type { ScoreExplanation } from './types';
import './placement.css';

export interface RecRow {
  key: string;
  score: number;
  explanation: ScoreExplanation;
  title: ReactNode;
  sub: ReactNode;
  workerId: string;
  postingId: string;
  /** False when the user may not refer this pair (a partner's worker). */
  referable?: boolean;
  /** A partner region's posting: the confirmation says what its employer will and will not see of the worker. */
  across?: { worker: Pick<Worker, 'nameMasked' | 'orgName' | 'consent'>; posting: Pick<Posting, 'orgName'> };
}

/** A card of ranked matches, each with its score bar, the explanation in a popover and a refer action. */
export function RecommendationCard({
  title,
  hint,
  query,
  rows,
  canRefer,
  testId,
}: {
  title: string;
  hint: string;
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
  rows: RecRow[];
  canRefer: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const refer = useCreateReferral();
  const [done, setDone] = useState<Set<string>>(new Set());
  const [more, setMore] = useState(false);
  const shown = more ? rows : rows.slice(0, 5);

  const doRefer = (r: RecRow) =>
    refer.mutateAsync({ workerId: r.workerId, postingId: r.postingId, note: t('laborPlacement.rec.note', { score: r.score }) }).then(
      () => {
        setDone((s) => new Set(s).add(r.key));
        message.success(t('labor.referral.created'));
      },
      (err: unknown) => void message.error(errorText(err, t)),
    );

  return (
    <Card
      title={title}
      extra={
        <Typography.Text type="secondary" className="gb-lp-card-hint">
          {hint}
        </Typography.Text>
      }
      data-testid={testId}
    >
      {query.isPending ? (
        <Skeleton active />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('laborPlacement.rec.none')} />
      ) : (
        <>
          <List
            size="small"
            dataSource={shown}
            renderItem={(r) => (
              <List.Item
                key={r.key}
                data-testid="rec-item"
                actions={
                  canRefer && r.referable !== false
                    ? [
                        done.has(r.key) ? (
                          <Tag color="green" key="done">
                            {t('laborPlacement.rec.referred')}
                          </Tag>
                        ) : r.across ? (
                          <Button
                            key="refer"
                            size="small"
                            icon={<NodeIndexOutlined />}
                            data-testid="rec-refer"
                            onClick={() =>
                              modal.confirm({
                                title: t('laborPlacement.rec.referConfirm'),
                                content: <EmployerViewNotice {...r.across!} />,
                                okText: t('labor.referral.submit'),
                                cancelText: t('common.cancel'),
                                width: 640,
                                icon: null,
                                onOk: () => doRefer(r),
                              })
                            }
                          >
                            {t('laborPlacement.rec.refer')}
                          </Button>
                        ) : (
                          <Popconfirm
                            key="refer"
                            title={t('laborPlacement.rec.referConfirm')}
                            okText={t('labor.referral.submit')}
                            cancelText={t('common.cancel')}
                            onConfirm={() => doRefer(r)}
                          >
                            <Button size="small" icon={<NodeIndexOutlined />} data-testid="rec-refer">
                              {t('laborPlacement.rec.refer')}
                            </Button>
                          </Popconfirm>
                        ),
                      ]
                    : undefined
                }
              >
                <div className="gb-lp-rec">
                  <div className="gb-lp-rec__main">
                    <div className="gb-lp-rec__title">{r.title}</div>
                    <div className="gb-muted gb-lp-rec__sub">{r.sub}</div>
                  </div>
                  <ScoreWithExplanation score={r.score} e={r.explanation} width={120} />
                </div>
              </List.Item>
            )}
          />
          {rows.length > 5 && (
            <Button type="link" size="small" onClick={() => setMore((m) => !m)}>
              {more ? t('laborPlacement.rec.less') : t('laborPlacement.rec.more', { count: rows.length })}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
