import { lazy, Suspense } from 'react';
import { ApartmentOutlined, CheckCircleOutlined, ExclamationCircleOutlined, AimOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shell/PageHeader';
import { StatCard } from '../shell/StatCard';
import { QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useChains } from './api';
import { StageTag } from './parts';
import type { ProjectStage } from './types';
import './park.css';

const ChainGraph = lazy(() => import('./ChainGraph'));

/** 产业链图谱: the park's chains as a graph, coverage, and each chain's links with their enterprises and the projects filling the missing ones. */
export default function ChainsPage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const q = useChains();
  const map = q.data;
  return (
    <div className="gb-park">
      <PageHeader title={t('park.chains.title')} subtitle={t('park.chains.subtitle')} />
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
      <Card size="small" style={{ marginTop: 16 }} title={t('park.chains.graph')} extra={<Typography.Text type="secondary">{t('park.chains.legend')}</Typography.Text>}>
        <Suspense fallback={<div className="gb-park-graph" />}>{map && <ChainGraph map={map} phone={phone} />}</Suspense>
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {map?.chains.map((c) => (
          <Col key={c.id} xs={24} lg={12}>
            <Card size="small" title={c.name} data-testid="park-chain-card">
              {c.links.map((l) => (
                <div key={l.id} className="gb-park-link">
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
              ))}
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
