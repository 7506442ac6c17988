import { lazy, Suspense, useMemo, useState } from 'react';
import {
  ApartmentOutlined,
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  ExclamationCircleOutlined,
  AimOutlined,
  NodeIndexOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, List, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shell/PageHeader';
import { StatCard } from '../shell/StatCard';
import { QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { can, useCurrentUser } from '../auth/session';
import { errorText } from '../../api/errors';
import { useChains, useDeleteChain, useDeleteLink, useOrderLinks, useRemoveEdge } from './api';
import { ChainEditModal, type ChainEdit } from './ChainEditor';
import { StageTag } from './parts';
import type { Chain, ChainLink, ChainMap, ProjectStage } from './types';
import './park.css';

const ChainGraph = lazy(() => import('./ChainGraph'));

/** The chain's link ids with `link` swapped with its neighbour in the same tier (up or down); null at the tier's end. */
function moved(chain: Chain, link: ChainLink, by: -1 | 1): string[] | null {
  const ids = chain.links.map((l) => l.id);
  const i = ids.indexOf(link.id);
  const j = i + by;
  if (j < 0 || j >= ids.length || chain.links[j].tier !== link.tier) return null;
  [ids[i], ids[j]] = [ids[j], ids[i]];
  return ids;
}

/**
 * The officer's buttons on a link: up and down within its tier, edit, delete. A delete the server refuses (409: the
 * enterprises on the link or the projects filling it) shows its message naming them.
 */
function LinkActions({ chain, link, map, onEdit }: { chain: Chain; link: ChainLink; map: ChainMap; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const order = useOrderLinks();
  const remove = useDeleteLink();
  const up = moved(chain, link, -1);
  const down = moved(chain, link, 1);
  const edges = map.edges.filter((e) => e.from === link.id || e.to === link.id).length;
  const move = (linkIds: string[] | null) => linkIds && order.mutateAsync({ chainId: chain.id, linkIds }).then(undefined, (err) => void message.error(errorText(err, t)));
  return (
    <Space size={0} className="gb-park-link__actions">
      <Button
        type="text"
        size="small"
        icon={<ArrowUpOutlined />}
        disabled={!up || order.isPending}
        onClick={() => move(up)}
        aria-label={t('park.chainEdit.moveUp', { name: link.name })}
        data-testid="park-link-up"
      />
      <Button
        type="text"
        size="small"
        icon={<ArrowDownOutlined />}
        disabled={!down || order.isPending}
        onClick={() => move(down)}
        aria-label={t('park.chainEdit.moveDown', { name: link.name })}
        data-testid="park-link-down"
      />
      <Button type="text" size="small" icon={<EditOutlined />} onClick={onEdit} aria-label={t('park.chainEdit.editLinkShort', { name: link.name })} data-testid="park-link-edit" />
      <Popconfirm
        title={t('park.chainEdit.deleteLinkConfirm', { name: link.name, edges })}
        okText={t('park.chainEdit.delete')}
        okButtonProps={{ danger: true, 'data-testid': 'park-link-delete-ok' }}
        onConfirm={() =>
          remove.mutateAsync(link.id).then(
            () => void message.success(t('park.chainEdit.deleted')),
            (err) => void message.error(errorText(err, t)),
          )
        }
      >
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('park.chainEdit.deleteLink', { name: link.name })} data-testid="park-link-delete" />
      </Popconfirm>
    </Space>
  );
}

/** 产业链图谱: the park's chains as a graph, coverage, and each chain's links with their enterprises and the projects filling the missing ones. */
export default function ChainsPage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const q = useChains();
  const map = q.data;
  const manage = can(useCurrentUser(), 'park.manage');
  const [edit, setEdit] = useState<ChainEdit | null>(null);
  const removeEdge = useRemoveEdge();
  const deleteChain = useDeleteChain();
  const { message } = AntApp.useApp();
  const linkName = useMemo(() => new Map((map?.chains ?? []).flatMap((c) => c.links.map((l) => [l.id, `${c.name} · ${l.name}`] as const))), [map]);
  return (
    <div className="gb-park">
      <PageHeader
        title={t('park.chains.title')}
        subtitle={t('park.chains.subtitle')}
        extra={
          manage && (
            <Space wrap>
              <Button icon={<NodeIndexOutlined />} onClick={() => setEdit({ kind: 'edge' })} disabled={!map} data-testid="park-edge-new">
                {t('park.chainEdit.newEdge')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ kind: 'chain', chain: null })} data-testid="park-chain-new">
                {t('park.chainEdit.newChain')}
              </Button>
            </Space>
          )
        }
      />
      <ChainEditModal edit={edit} map={map} onClose={() => setEdit(null)} />
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <StatCard icon={<ApartmentOutlined />} color="#1677ff" title={t('park.chains.links')} value={map?.coverage.links ?? '—'} loading={!map} />
        </Col>
        <Col xs={12} lg={6}>
          <StatCard
            icon={<CheckCircleOutlined />}
            color="#52c41a"
            title={t('park.chains.covered')}
            value={map?.coverage.covered ?? '—'}
            loading={!map}
            testId="park-chains-covered"
          />
        </Col>
        <Col xs={12} lg={6}>
          <StatCard icon={<ExclamationCircleOutlined />} color="#f5222d" title={t('park.chains.missingCount')} value={map?.coverage.missing ?? '—'} loading={!map} />
        </Col>
        <Col xs={12} lg={6}>
          <StatCard icon={<AimOutlined />} color="#fa8c16" title={t('park.chains.targeted')} value={map?.coverage.targeted ?? '—'} loading={!map} />
        </Col>
      </Row>
      <Card
        size="small"
        className="gb-park-headwrap"
        style={{ marginTop: 16 }}
        title={t('park.chains.graph')}
        extra={<Typography.Text type="secondary">{t('park.chains.legend')}</Typography.Text>}
      >
        <Suspense fallback={<div className="gb-park-graph" />}>{map && <ChainGraph map={map} phone={phone} />}</Suspense>
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {map?.chains.map((c) => (
          <Col key={c.id} xs={24} lg={12}>
            <Card
              size="small"
              title={c.name}
              data-testid="park-chain-card"
              extra={
                manage && (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => setEdit({ kind: 'chain', chain: c })} data-testid="park-chain-rename">
                      {t('park.chainEdit.rename')}
                    </Button>
                    <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setEdit({ kind: 'link', chain: c, link: null })} data-testid="park-link-new">
                      {t('park.chainEdit.addLink')}
                    </Button>
                    <Popconfirm
                      title={t('park.chainEdit.deleteChainConfirm', { name: c.name, links: c.links.length })}
                      okText={t('park.chainEdit.delete')}
                      okButtonProps={{ danger: true, 'data-testid': 'park-chain-delete-ok' }}
                      onConfirm={() =>
                        deleteChain.mutateAsync(c.id).then(
                          () => void message.success(t('park.chainEdit.deleted')),
                          (err) => void message.error(errorText(err, t)),
                        )
                      }
                    >
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('park.chainEdit.deleteChain')}
                        title={t('park.chainEdit.deleteChain')}
                        data-testid="park-chain-delete"
                      />
                    </Popconfirm>
                  </Space>
                )
              }
            >
              {c.links.length === 0 && <Typography.Text type="secondary">{t('park.chainEdit.noLinks')}</Typography.Text>}
              {c.links.map((l) => (
                <div key={l.id} className="gb-park-link gb-park-link--edit" data-testid="park-link">
                  <div className="gb-park-link__body">
                    <Space size={4} wrap>
                      <Tag>{t(`park.chains.tier_${l.tier}`)}</Tag>
                      <strong>{l.name}</strong>
                      {l.missing ? (
                        <Tag color="red">{t('park.chains.missing')}</Tag>
                      ) : (
                        l.enterprises.map((e) => (
                          <Tag key={e.id} color="blue">
                            {e.name}
                          </Tag>
                        ))
                      )}
                    </Space>
                    {l.projects.length > 0 && (
                      <div className="gb-park-link__projects">
                        {l.projects.slice(0, 3).map((p) => (
                          <span key={p.id}>
                            {p.name} <StageTag stage={p.stage as ProjectStage} />
                          </span>
                        ))}
                        {l.projects.length > 3 && <Typography.Text type="secondary">{t('park.chains.more', { count: l.projects.length - 3 })}</Typography.Text>}
                      </div>
                    )}
                  </div>
                  {manage && map && <LinkActions chain={c} link={l} map={map} onEdit={() => setEdit({ kind: 'link', chain: c, link: l })} />}
                </div>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
      {map && map.edges.length > 0 && (
        <Card size="small" style={{ marginTop: 16 }} title={t('park.chainEdit.edges')} data-testid="park-edges">
          <List
            size="small"
            dataSource={map.edges}
            renderItem={(e) => (
              <List.Item
                actions={
                  manage
                    ? [
                        <Popconfirm
                          key="remove"
                          title={t('park.chainEdit.removeEdge')}
                          onConfirm={() =>
                            removeEdge.mutateAsync({ from: e.from, to: e.to }).then(
                              () => void message.success(t('park.chainEdit.saved')),
                              (err) => void message.error(errorText(err, t)),
                            )
                          }
                        >
                          <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('park.chainEdit.removeEdge')} />
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <span>
                  {linkName.get(e.from)} → {linkName.get(e.to)}
                  {e.note && <Typography.Text type="secondary">{`（${e.note}）`}</Typography.Text>}
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
