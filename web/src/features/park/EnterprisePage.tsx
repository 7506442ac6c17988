import { Link, useParams } from 'react-router-dom';
import { Card, Col, Descriptions, Row, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { can, useCurrentUser } from '../auth/session';
import { PageHeader } from '../shell/PageHeader';
import { RevealValue } from '../shell/RevealValue';
import { PageSpinner, QueryError } from '../shell/StatusViews';
import { parkKeys, useCertifications, useRetrofits } from './api';
import { wan } from './parts';
import { CERT_COLORS } from './RetrofitsPage';
import type { EnterpriseDetail } from './types';
import './park.css';

/** One registry enterprise: its entry, yearly figures, contacts (masked, audited reveal), retrofits and certificates. */
export default function EnterprisePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const q = useQuery({ queryKey: [...parkKeys.all, 'enterprise', id], queryFn: ({ signal }) => api.get<EnterpriseDetail>(`/park/enterprises/${id}`, undefined, signal) });
  const retrofits = useRetrofits({ enterpriseId: id, pageSize: 50 });
  const certs = useCertifications({ enterpriseId: id, pageSize: 50 });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const e = q.data;
  if (!e) return <PageSpinner />;
  const reveal = (contactId: string, field: 'name' | 'phone') => () => api.post<{ value: string | null }>(`/park/enterprises/${id}/contacts/${contactId}/reveal`, { field });
  const labels = { hide: t('park.enterprise.hide'), reveal: t('park.enterprise.reveal'), tooltip: t('park.enterprise.revealTip') };
  return (
    <div className="gb-park" data-testid="park-enterprise-page">
      <PageHeader title={e.name} subtitle={<Link to="/park/enterprises">{t('park.enterprises.title')}</Link>} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('park.enterprise.entry')}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('park.enterprises.industry')}>
                {i18n.language === 'en' ? e.industryNameEn : e.industryName}（{e.industryCode}）
              </Descriptions.Item>
              <Descriptions.Item label={t('park.enterprises.scale')}>{t(`park.scale.${e.scale}`)}</Descriptions.Item>
              <Descriptions.Item label={t('park.enterprises.products')}>{e.products ?? t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('park.enterprises.place')}>{[e.zone, e.building].filter(Boolean).join(' · ') || t('common.none')}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('park.enterprise.contacts')}>
            {e.contacts.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
            {e.contacts.map((c) => (
              <div key={c.id} className="gb-park-link">
                <RevealValue
                  masked={c.nameMasked}
                  canReveal={can(me, 'park.reveal')}
                  fetchClear={reveal(c.id, 'name')}
                  mono={false}
                  valueTestId="park-contact-name"
                  revealTestId="park-contact-name-reveal"
                  labels={labels}
                />
                {c.title && <Typography.Text type="secondary"> · {c.title} · </Typography.Text>}
                <RevealValue
                  masked={c.phoneMasked}
                  canReveal={can(me, 'park.reveal')}
                  fetchClear={reveal(c.id, 'phone')}
                  valueTestId="park-contact-phone"
                  revealTestId="park-contact-phone-reveal"
                  labels={labels}
                />
              </div>
            ))}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('park.enterprise.years')} style={{ marginTop: 16 }} data-testid="park-enterprise-years">
        <Table
          size="small"
          rowKey="year"
          pagination={false}
          dataSource={e.years}
          scroll={{ x: true }}
          columns={[
            { title: t('park.enterprise.year'), dataIndex: 'year' },
            { title: t('park.enterprises.employees'), dataIndex: 'employees', align: 'right', render: (n: number) => n.toLocaleString('en-US') },
            { title: t('park.enterprises.outputValue'), dataIndex: 'outputValue', align: 'right', render: (v: string) => wan(v) },
            { title: t('park.enterprises.tax'), dataIndex: 'tax', align: 'right', render: (v: string) => wan(v) },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('park.retrofits.tabRetrofits')}>
            {(retrofits.data?.items ?? []).map((r) => (
              <div key={r.id} className="gb-park-link">
                <strong>{r.name}</strong> <Tag>{t(`park.retrofits.status_${r.status}`)}</Tag>
                <div className="gb-park-link__projects">
                  {t('park.retrofits.money')}：{wan(r.budget)} / {wan(r.subsidy)}
                </div>
              </div>
            ))}
            {retrofits.data?.items.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('park.retrofits.tabCerts')}>
            {(certs.data?.items ?? []).map((c) => (
              <div key={c.id} className="gb-park-link">
                <Link to={`/park/retrofits?cert=${c.id}`}>{c.title}</Link> <Tag>{t(`park.certs.kind_${c.kind}`)}</Tag>
                <Tag color={CERT_COLORS[c.status]}>{t(`park.certs.status_${c.status}`)}</Tag>
                {c.certificateNo && <Typography.Text type="secondary">{c.certificateNo}</Typography.Text>}
              </div>
            ))}
            {certs.data?.items.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
