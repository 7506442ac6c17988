import { useEffect } from 'react';
import { App as AntApp, Alert, Button, Card, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Radio, Row, Table, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { can, useCurrentUser } from '../auth/session';
import { chinaTime, drawerSize } from '../admin/common/format';
import { usePhone } from '../shell/useViewport';
import { QueryError } from '../shell/StatusViews';
import { useCertification, useDecideCertification, usePlantLive, useReviewCertification } from './api';
import { CERT_COLORS } from './RetrofitsPage';
import { CHECKLISTS } from '@gearbridge/contracts/park/checklists';
import type { Certification, PlantLive } from './types';
import { CertificationFiles } from './CertificationFiles';

const pct = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? null : `${(v * 100).toFixed(digits)}%`);

/** One certification: its live plant figures when certified, its steps, the checklist's scores, and — for the park officer — the review and the decision. */
export function CertificationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const me = useCurrentUser();
  const q = useCertification(id);
  const c = q.data;
  return (
    <Drawer open={!!id} onClose={onClose} size={drawerSize(phone)} title={c ? `${c.enterpriseName} · ${c.title}` : t('park.certs.detail')} destroyOnHidden>
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {c && (
        <div data-testid="park-cert-detail">
          <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('park.certs.kind')}>{t(`park.certs.kind_${c.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('park.certs.status')}>
              <Tag color={CERT_COLORS[c.status]}>{t(`park.certs.status_${c.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('park.certs.appliedOn')}>{c.appliedOn}</Descriptions.Item>
            {c.certificateNo && <Descriptions.Item label={t('park.certs.certificateNo')}>{c.certificateNo}</Descriptions.Item>}
            {c.decidedOn && <Descriptions.Item label={t('park.certs.decidedOn')}>{c.decidedOn}</Descriptions.Item>}
            {c.validUntil && <Descriptions.Item label={t('park.certs.validUntil')}>{c.validUntil}</Descriptions.Item>}
            {c.documents.length > 0 && <Descriptions.Item label={t('park.certs.documents')}>{c.documents.map((d) => d.name).join('、')}</Descriptions.Item>}
          </Descriptions>
          <CertificationFiles cert={c} />
          <LivePanel cert={c} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('park.certs.steps')}
          </Typography.Title>
          <Timeline
            items={c.steps.map((s) => ({
              children: (
                <span>
                  {t(`park.certs.step_${s.step}`)} <Typography.Text type="secondary">{[chinaTime(s.at, false), s.by].filter(Boolean).join(' · ')}</Typography.Text>
                </span>
              ),
            }))}
          />
          {c.items.length > 0 && (
            <>
              <Typography.Title level={5}>{t('park.certs.checklist')}</Typography.Title>
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={c.items}
                columns={[
                  { title: t('park.certs.item'), dataIndex: 'code', render: (code: string) => t(`park.certs.items.${code}`) },
                  { title: t('park.certs.score'), key: 'score', align: 'right', render: (_v, i) => `${i.score} / ${i.max}` },
                  { title: t('park.certs.evidence'), dataIndex: 'document', render: (d: string | null) => d ?? t('common.none') },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={3}>
                      <strong>{t('park.certs.total', { score: c.scoreTotal, pass: c.passScore })}</strong>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </>
          )}
          {can(me, 'park.manage') && (c.status === 'applied' || c.status === 'under_review') && <ReviewForm cert={c} />}
          {can(me, 'park.manage') && c.status === 'under_review' && <DecisionForm cert={c} />}
        </div>
      )}
    </Drawer>
  );
}

/** The certified plant's OEE, first-pass yield and output per shift, or why there are none. */
function LivePanel({ cert }: { cert: Certification }) {
  const { t } = useTranslation();
  const q = usePlantLive(cert.id, cert.status === 'certified');
  if (cert.status !== 'certified') return null;
  const live: PlantLive | undefined = q.data;
  return (
    <Card size="small" title={t('park.live.title')} style={{ marginTop: 16 }} loading={q.isPending} data-testid="park-cert-live">
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {live && live.status !== 'live' && <Alert type="info" showIcon message={t(`park.live.${live.status}`)} data-testid="park-cert-live-none" />}
      {live?.kpis && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} sm={8}>
              <div className="gb-park-figure__label">{t('park.live.oee')}</div>
              <div className="gb-park-figure__value" data-testid="park-live-oee">
                {pct(live.kpis.oee) ?? t('park.live.none')}
              </div>
            </Col>
            <Col xs={12} sm={8}>
              <div className="gb-park-figure__label">{t('park.live.fpy')}</div>
              <div className="gb-park-figure__value" data-testid="park-live-fpy">
                {pct(live.kpis.firstPassYield, 2) ?? t('park.live.none')}
              </div>
            </Col>
            <Col xs={24} sm={8}>
              <div className="gb-park-figure__label">{t('park.live.perShift')}</div>
              <div className="gb-park-figure__value" data-testid="park-live-shift">
                {live.kpis.lastShift ? live.kpis.lastShift.goodPerLine.toFixed(1) : t('park.live.none')}
              </div>
              {live.kpis.lastShift && (
                <div className="gb-park-figure__foot">
                  {t('park.live.perShiftFoot', { shift: `${live.kpis.lastShift.day} ${live.kpis.lastShift.name}`, target: live.kpis.lastShift.targetPerLine ?? '—' })}
                </div>
              )}
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            {t('park.live.lines', { lines: live.kpis.lines, devices: live.kpis.devices })} · {t('park.live.goodToday', { good: live.kpis.good, nok: live.kpis.nok })}
            <br />
            {t('park.live.source', { time: chinaTime(live.kpis.asOf, false) })}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}

function ReviewForm({ cert }: { cert: Certification }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ items: { code: string; max: number; score?: number; document?: string }[] }>();
  const review = useReviewCertification();
  const checklist = CHECKLISTS[cert.kind].items;
  useEffect(() => {
    const had = new Map(cert.items.map((i) => [i.code, i]));
    form.setFieldsValue({ items: checklist.map(({ code, max }) => ({ code, max, score: had.get(code)?.score, document: had.get(code)?.document ?? cert.documents[0]?.name })) });
  }, [cert, checklist, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await review.mutateAsync({ id: cert.id, input: { items: v.items.map((i) => ({ code: i.code, score: i.score ?? 0, document: i.document || null })) } });
      message.success(t('park.certs.reviewed'));
    } catch (err) {
      if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
    }
  };
  return (
    <Card size="small" title={t('park.certs.review')} style={{ marginTop: 16 }} data-testid="park-cert-review">
      <Form form={form} layout="vertical">
        <Form.List name="items">
          {(fields) =>
            fields.map((f) => {
              const { code, max } = checklist[f.name];
              return (
                <Row key={f.key} gutter={8} align="bottom">
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name={[f.name, 'score']}
                      label={`${t(`park.certs.items.${code}`)}（≤ ${max}）`}
                      rules={[{ required: true, message: t('common.required', { field: t('park.certs.score') }) }]}
                    >
                      <InputNumber min={0} max={max} precision={0} style={{ width: '100%' }} data-testid={`park-review-${code}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={[f.name, 'document']} label={t('park.certs.evidence')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                </Row>
              );
            })
          }
        </Form.List>
        <Button type="primary" loading={review.isPending} onClick={submit} data-testid="park-review-save">
          {t('park.certs.reviewSave')}
        </Button>
      </Form>
    </Card>
  );
}

function DecisionForm({ cert }: { cert: Certification }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ decision: 'certified' | 'rejected'; decidedOn: Dayjs; certificateNo?: string; validUntil?: Dayjs; note?: string }>();
  const decide = useDecideCertification();
  const decision = Form.useWatch('decision', form);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await decide.mutateAsync({
        id: cert.id,
        input: {
          decision: v.decision,
          decidedOn: v.decidedOn.format('YYYY-MM-DD'),
          certificateNo: v.certificateNo || null,
          validUntil: v.validUntil?.format('YYYY-MM-DD') ?? null,
          note: v.note || null,
        },
      });
      message.success(t('park.certs.decided'));
    } catch (err) {
      if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
    }
  };
  return (
    <Card size="small" title={t('park.certs.decide')} style={{ marginTop: 16 }} data-testid="park-cert-decide">
      <Form form={form} layout="vertical" initialValues={{ decision: 'certified', decidedOn: dayjs() }}>
        <Form.Item name="decision" label={t('park.certs.decision')}>
          <Radio.Group
            options={[
              { value: 'certified', label: t('park.certs.certify') },
              { value: 'rejected', label: t('park.certs.reject') },
            ]}
          />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('park.certs.decidedOn')} rules={[{ required: true, message: t('common.required', { field: t('park.certs.decidedOn') }) }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        {decision !== 'rejected' && (
          <>
            <Form.Item name="certificateNo" label={t('park.certs.certificateNo')}>
              <Input maxLength={60} data-testid="park-decide-number" />
            </Form.Item>
            <Form.Item name="validUntil" label={t('park.certs.validUntil')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('park.certs.decisionNote')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button type="primary" loading={decide.isPending} onClick={submit} data-testid="park-decide-save">
          {t('park.certs.decideSave')}
        </Button>
      </Form>
    </Card>
  );
}
