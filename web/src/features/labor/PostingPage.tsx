import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Progress, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, NodeIndexOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { formatDateTime } from '../admin/common/format';
import { PageHeader } from '../shell/PageHeader';
import { QueryError } from '../shell/StatusViews';
import { usePosting } from './api';
import { wageRange } from './labels';
import { useOccupationName } from './occupations';
import { AccessTag, Benefits, PostingStateTag } from './parts';
import { PostingFormDrawer } from './PostingFormDrawer';
import { ReferModal } from './ReferModal';
import { ReferralTable } from './ReferralTable';
import { ShareModal } from './ShareModal';
import { PostingRecommendations } from './placement/PostingRecommendations';
import './labor.css';

export default function PostingPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const occupationName = useOccupationName();
  const q = usePosting(id);
  const p = q.data;
  const [editOpen, setEditOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [referOpen, setReferOpen] = useState(false);
  if (q.error && !p) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!p) return <Skeleton active paragraph={{ rows: 12 }} />;

  const owner = p.access === 'owner';
  const post = can(me, 'labor.post') && owner;
  const refer = can(me, 'labor.manage');
  const filled = p.headcount - p.openHeadcount;

  return (
    <div data-testid="labor-posting-page">
      <PageHeader
        title={
          <span className="gb-title-with-tag">
            {p.title} <PostingStateTag p={p} /> <AccessTag access={p.access} />
          </span>
        }
        subtitle={`${p.orgName} · ${occupationName(p.occupationCode, p.occupationName)}`}
        extra={
          <>
            <Link to="/labor/postings">
              <Button icon={<ArrowLeftOutlined />}>{t('labor.posting.backToList')}</Button>
            </Link>
            {post && (
              <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="posting-edit">
                {t('common.edit')}
              </Button>
            )}
            {owner && can(me, 'labor.share') && (
              <Button icon={<ShareAltOutlined />} onClick={() => setShareOpen(true)}>
                {t('labor.share.one')}
              </Button>
            )}
            {refer && (
              <Button type="primary" icon={<NodeIndexOutlined />} disabled={!p.active} onClick={() => setReferOpen(true)} data-testid="posting-refer">
                {t('labor.referral.referWorkers')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card title={t('labor.posting.progress')} data-testid="posting-progress">
            <div className="gb-labor-open-big">
              <Statistic title={t('labor.posting.openHeadcount')} value={p.openHeadcount} suffix={`/ ${p.headcount} ${t('labor.people')}`} />
            </div>
            <Progress percent={p.headcount ? Math.round((filled / p.headcount) * 100) : 0} format={() => t('labor.posting.filled', { count: filled })} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('labor.posting.openHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card title={t('labor.posting.details')}>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              className="gb-labor-desc"
              items={[
                { key: 'employer', label: t('labor.posting.employer'), children: p.orgName },
                { key: 'postedBy', label: t('labor.posting.postedByLabel'), children: p.postedByOrgName },
                {
                  key: 'occ',
                  label: t('labor.posting.occupation'),
                  children: (
                    <span>
                      {occupationName(p.occupationCode, p.occupationName)} <span className="gb-mono gb-muted">{p.occupationCode}</span>
                    </span>
                  ),
                },
                { key: 'wage', label: t('labor.posting.wage'), children: `${wageRange(p.wageMin, p.wageMax)} ${t('labor.yuanPerMonth')}` },
                { key: 'region', label: t('labor.posting.workRegion'), children: p.workRegionName ?? p.workRegionCode },
                { key: 'addr', label: t('labor.posting.workAddress'), children: p.workAddress ?? '—' },
                { key: 'benefits', label: t('labor.posting.benefits'), children: <Benefits p={p} /> },
                {
                  key: 'age',
                  label: t('labor.posting.age'),
                  children: p.ageMin || p.ageMax ? `${p.ageMin ?? 16}–${p.ageMax ?? 70} ${t('labor.years')}` : t('labor.posting.noLimit'),
                },
                { key: 'valid', label: t('labor.posting.validity'), children: `${p.validFrom} ~ ${p.validTo}` },
                { key: 'updated', label: t('labor.posting.updatedAt'), children: formatDateTime(p.updatedAt) },
                {
                  key: 'certs',
                  label: t('labor.posting.requiredCertificates'),
                  span: 'filled',
                  children: p.requiredCertificates.length ? (
                    <Space size={[4, 4]} wrap>
                      {p.requiredCertificates.map((c) => (
                        <Tag key={c}>{c}</Tag>
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
                },
                { key: 'req', label: t('labor.posting.requirements'), span: 'filled', children: p.requirements ?? '—' },
              ]}
            />
          </Card>
        </Col>
        {p.active && (
          <Col span={24}>
            <PostingRecommendations posting={p} />
          </Col>
        )}
        <Col span={24}>
          <Card title={t('labor.referral.ofPosting')} extra={<Link to={`/labor/referrals?postingId=${p.id}`}>{t('labor.referral.openBoard')}</Link>}>
            <ReferralTable query={{ postingId: p.id }} side="posting" canAct={can(me, 'labor.manage') || can(me, 'labor.post')} />
          </Card>
        </Col>
      </Row>
      {post && <PostingFormDrawer open={editOpen} posting={p} onClose={() => setEditOpen(false)} />}
      {owner && <ShareModal kind="posting" ids={[p.id]} open={shareOpen} onClose={() => setShareOpen(false)} />}
      {refer && <ReferModal open={referOpen} onClose={() => setReferOpen(false)} posting={p} />}
    </div>
  );
}
