import { useState } from 'react';
import { App as AntApp, Button, Drawer, Empty, Progress, Space, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, CloseOutlined, PlusOutlined, SendOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { drawerSize } from '../admin/common/format';
import { choices, ListPanel } from '../admin/common/ListPanel';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { usePhone } from '../shell/useViewport';
import { exportDemands, exportDispatches, useCandidates, useDecideDispatch, useDemands, useDispatches, useIssueDispatch } from './api';
import { DemandFormDrawer } from './DemandFormDrawer';
import { SECTORS } from './labels';
import { AccessTag } from './parts';
import type { Demand, DemandQuery, Dispatch, Fulfilment, MatchItem, Sector } from './types';
import './talent.css';

const FILTERS = ['q', 'fulfilment', 'sector'] as const;
const FULFILMENTS: Fulfilment[] = ['open', 'partial', 'fulfilled'];
const FULFILMENT_COLOR: Record<Fulfilment, string> = { open: 'red', partial: 'orange', fulfilled: 'green' };

/** 订单式选派: the host institutions' demand lists with their fulfilment; matching, orders and approvals per item. */
export default function DemandsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const params = useListParams(FILTERS);
  const { filters, page, pageSize } = params;
  const query: DemandQuery = {
    q: filters.q,
    fulfilment: filters.fulfilment as Fulfilment | undefined,
    sector: filters.sector as Sector | undefined,
    page,
    pageSize,
  };
  const list = useDemands(query);
  const [formOpen, setFormOpen] = useState(false);
  const [selected, setSelected] = useState<Demand | null>(null);

  const columns: ColumnsType<Demand> = [
    {
      title: t('talent.demand.titleField'),
      dataIndex: 'title',
      fixed: phone ? undefined : 'left',
      width: 220,
      render: (title: string, d) => (
        <div data-testid="demand-row">
          <strong>{title}</strong>
          <div className="gb-muted">
            {d.orgName} <AccessTag access={d.access} />
          </div>
        </div>
      ),
    },
    {
      title: t('talent.demand.specialties'),
      key: 'needs',
      width: 220,
      render: (_v, d) => (
        <Space size={[4, 4]} wrap>
          <Tag color="purple">{t(`talent.sector.${d.sector}`)}</Tag>
          {d.specialties.map((s) => (
            <Tag key={s} variant="outlined">
              {s}
            </Tag>
          ))}
          {d.minLevel && <span className="gb-muted">≥ {t(`talent.level.${d.minLevel}`)}</span>}
        </Space>
      ),
    },
    {
      title: t('talent.demand.term'),
      key: 'term',
      width: 190,
      render: (_v, d) => <span className="gb-nowrap">{t('talent.dispatch.term', { from: d.startsOn, to: d.endsOn })}</span>,
    },
    {
      title: t('talent.demand.fulfilment'),
      key: 'fulfilment',
      width: 230,
      render: (_v, d) => (
        <div data-testid="demand-fulfilment">
          <Space size={4} wrap>
            <Tag color={FULFILMENT_COLOR[d.fulfilment]}>{t(`talent.demand.state.${d.fulfilment}`)}</Tag>
            <span>{t('talent.demand.progress', { approved: d.approved, headcount: d.headcount })}</span>
          </Space>
          <Progress percent={Math.round((100 * d.approved) / d.headcount)} size="small" showInfo={false} />
          {d.pending > 0 && <div className="gb-muted">{t('talent.demand.pendingCount', { count: d.pending })}</div>}
          {d.missing > 0 && (
            <div className="gb-talent-due">
              {t('talent.demand.missing', { count: d.missing })}
              {d.missingSpecialties.length > 0 && ` · ${t('talent.demand.missingSpecialties', { list: d.missingSpecialties.join('、') })}`}
            </div>
          )}
        </div>
      ),
    },
    {
      title: '',
      key: 'act',
      width: 130,
      render: (_v, d) => (
        <Button size="small" icon={<TeamOutlined />} onClick={() => setSelected(d)} data-testid="demand-open">
          {t('talent.demand.open')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="talent-demands-page">
      <PageHeader
        title={t('talent.demand.title')}
        subtitle={t('talent.demand.subtitle')}
        extra={
          <>
            <ExportButton run={() => exportDemands(query)} testId="demands-export" />
            {can(me, 'talent.edit') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="demand-create">
                {t('talent.demand.create')}
              </Button>
            )}
          </>
        }
      />
      <ListPanel<Demand, (typeof FILTERS)[number]>
        params={params}
        toolbar={{
          search: { placeholder: t('talent.demand.searchPlaceholder'), testId: 'demands-search' },
          filters: [
            {
              key: 'fulfilment',
              placeholder: t('talent.demand.fulfilmentFilter'),
              options: choices(FULFILMENTS, (f) => t(`talent.demand.state.${f}`)),
              testId: 'filter-fulfilment',
            },
            { key: 'sector', placeholder: t('talent.demand.sectorFilter'), options: choices(SECTORS, (s) => t(`talent.sector.${s}`)) },
          ],
        }}
        query={list}
        emptyHint={t('talent.demand.emptyHint')}
        columns={columns}
        rowKey="id"
        scroll={{ x: 1000 }}
        data-testid="demands-table"
      />
      <DemandFormDrawer open={formOpen} onClose={() => setFormOpen(false)} />
      <MatchDrawer demand={list.data?.items.find((d) => d.id === selected?.id) ?? selected} onClose={() => setSelected(null)} />
    </div>
  );
}

/** A score's factors as short tags, each explained on hover. */
function ScoreItems({ items }: { items: MatchItem[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {items.map((i) => (
        <Tooltip key={i.factor} title={t(`talent.match.detail.${i.detail}`, i.params)}>
          <Tag color={i.points === i.max ? 'green' : i.points > 0 ? 'gold' : 'default'}>
            {t(`talent.match.factor.${i.factor}`)} {i.points}/{i.max}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** One demand: its orders (approve or decline where the user is the sending unit), and the partner's experts ranked. */
function MatchDrawer({ demand, onClose }: { demand: Demand | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const phone = usePhone();
  const candidates = useCandidates(demand?.id ?? null);
  const orders = useDispatches({ demandId: demand?.id, pageSize: 100 }, !!demand);
  const issue = useIssueDispatch();
  const decide = useDecideDispatch();
  const fail = (err: unknown) => message.error(errorText(err, t));
  const onDecide = (x: Dispatch, approve: boolean) =>
    decide.mutate({ id: x.id, decision: { approve } }, { onSuccess: () => message.success(t(approve ? 'talent.dispatch.approved' : 'talent.dispatch.declined')), onError: fail });

  return (
    <Drawer open={!!demand} onClose={onClose} title={demand?.title} size={drawerSize(phone)} destroyOnHidden data-testid="match-drawer">
      {demand && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <div className="gb-muted">
            {demand.orgName} · {t('talent.dispatch.term', { from: demand.startsOn, to: demand.endsOn })}
            <div>{demand.goals}</div>
          </div>
          <section>
            <div className="gb-talent-modal-actions">
              <h4>{t('talent.demand.orders')}</h4>
              {!!orders.data?.items.length && demand && <ExportButton run={() => exportDispatches({ demandId: demand.id })} testId="dispatches-export" />}
            </div>
            {orders.data?.items.length ? (
              orders.data.items.map((x) => (
                <div key={x.id} className="gb-talent-match" data-testid="order-row">
                  <div>
                    <strong>{x.personName}</strong> <span className="gb-muted">{x.sendingOrgName}</span>
                    <div>
                      <Tag color={x.status === 'approved' ? 'green' : x.status === 'pending' ? 'processing' : 'default'}>{t(`talent.dispatch.status.${x.status}`)}</Tag>
                      {x.termState && <Tag>{t(`talent.state.${x.termState}`)}</Tag>}
                      <span className="gb-muted">{t('talent.demand.score', { score: x.score })}</span>
                    </div>
                  </div>
                  {x.canDecide && (
                    <Space>
                      <Button size="small" type="primary" icon={<CheckOutlined />} loading={decide.isPending} onClick={() => onDecide(x, true)} data-testid="order-approve">
                        {t('talent.dispatch.approve')}
                      </Button>
                      <Button size="small" icon={<CloseOutlined />} onClick={() => onDecide(x, false)} data-testid="order-decline">
                        {t('talent.dispatch.decline')}
                      </Button>
                    </Space>
                  )}
                </div>
              ))
            ) : (
              <span className="gb-muted">{t('talent.demand.noOrders')}</span>
            )}
          </section>
          <section>
            <h4>{t('talent.demand.candidates')}</h4>
            {candidates.data && !candidates.data.length && <Empty description={t('talent.demand.noCandidates')} />}
            {candidates.data?.map((c) => (
              <div key={c.personId} className="gb-talent-match" data-testid="candidate-row">
                <div>
                  <strong>{c.name}</strong> <span className="gb-talent-score">{t('talent.demand.score', { score: c.score })}</span>
                  <div className="gb-muted">
                    {c.unit}
                    {c.titleCode ? ` · ${t(`talent.titles.${c.titleCode}`)}` : ''} · {t('talent.demand.pastDispatches', { count: c.pastDispatches })}
                  </div>
                  <ScoreItems items={c.items} />
                </div>
                {c.canIssue && demand.missing - demand.pending > 0 && (
                  <Button
                    size="small"
                    icon={<SendOutlined />}
                    loading={issue.isPending}
                    onClick={() => issue.mutate({ demandId: demand.id, personId: c.personId }, { onSuccess: () => message.success(t('talent.demand.issued')), onError: fail })}
                    data-testid="candidate-issue"
                  >
                    {t('talent.demand.issue')}
                  </Button>
                )}
              </div>
            ))}
          </section>
        </Space>
      )}
    </Drawer>
  );
}
