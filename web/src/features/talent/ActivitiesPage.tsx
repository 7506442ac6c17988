import { useState } from 'react';
import { Button, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, QrcodeOutlined, TeamOutlined, TrophyOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { chinaTime } from '../admin/common/format';
import { choices, ListPanel } from '../admin/common/ListPanel';
import { RowCards } from '../admin/common/PagedTable';
import { useListParams } from '../admin/common/useListParams';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { PageHeader } from '../shell/PageHeader';
import { usePhone } from '../shell/useViewport';
import { exportActivities, exportOutcomes, exportSignIns, useActivities, useCreateActivity, useOutcomes, useProgrammes, useSignIns } from './api';
import { DIRECTIONS, SECTORS } from './labels';
import { TalentOrgPicker } from './OrgPicker';
import { AccessTag, DirectionTag } from './parts';
import type { Activity, ActivityKind, ActivityQuery, Direction, Outcome, Sector, SignIn, TalentOrg } from './types';
import './talent.css';

const FILTERS = ['q', 'kind', 'direction', 'sector', 'year'] as const;
export const ACTIVITY_KINDS: ActivityKind[] = ['lecture', 'open_class', 'training', 'consultation', 'surgery'];
const YEARS = Array.from({ length: new Date().getFullYear() - 2016 }, (_, i) => 2017 + i).reverse();

/** 活动与成果: lectures, open classes, trainings … counted from their QR sign-ins; and what the collaboration built. */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const params = useListParams(FILTERS);
  const { filters, page, pageSize } = params;
  const query: ActivityQuery = {
    q: filters.q,
    kind: filters.kind as ActivityKind | undefined,
    direction: filters.direction as Direction | undefined,
    sector: filters.sector as Sector | undefined,
    year: filters.year ? Number(filters.year) : undefined,
    page,
    pageSize,
  };
  const list = useActivities(query);
  const outcomes = useOutcomes({ pageSize: 50 });
  const [formOpen, setFormOpen] = useState(false);
  const [qr, setQr] = useState<Activity | null>(null);
  const [signIns, setSignIns] = useState<Activity | null>(null);

  const columns: ColumnsType<Activity> = [
    {
      title: t('talent.activity.titleField'),
      dataIndex: 'title',
      fixed: phone ? undefined : 'left',
      width: 240,
      render: (title: string, a) => (
        <div data-testid="activity-row">
          <strong>{title}</strong>
          <div className="gb-muted">
            {a.orgName} <AccessTag access={a.access} />
          </div>
        </div>
      ),
    },
    {
      title: t('talent.activity.kindField'),
      key: 'kind',
      width: 170,
      render: (_v, a) => (
        <Space size={[4, 4]} wrap>
          <Tag color="blue">{t(`talent.activity.kind.${a.kind}`)}</Tag>
          <Tag color="purple">{t(`talent.sector.${a.sector}`)}</Tag>
          <DirectionTag direction={a.direction} />
        </Space>
      ),
    },
    {
      title: t('talent.activity.time'),
      key: 'time',
      width: 190,
      render: (_v, a) => (
        <div>
          <div className="gb-nowrap">{chinaTime(a.startsAt, false)}</div>
          <div className="gb-muted">{a.venue}</div>
        </div>
      ),
    },
    { title: t('talent.activity.speaker'), dataIndex: 'speakerName', width: 110, render: (n: string | null) => n ?? <span className="gb-muted">—</span> },
    {
      title: t('talent.activity.signIns'),
      dataIndex: 'signInCount',
      width: 100,
      render: (n: number, a) =>
        a.access === 'own' ? (
          <Button size="small" type="link" icon={<TeamOutlined />} onClick={() => setSignIns(a)} data-testid="activity-signins">
            {n}
          </Button>
        ) : (
          <span>{n}</span>
        ),
    },
    {
      title: '',
      key: 'act',
      width: 70,
      render: (_v, a) =>
        a.signInToken ? <Button size="small" icon={<QrcodeOutlined />} aria-label={t('talent.activity.qr')} onClick={() => setQr(a)} data-testid="activity-qr" /> : null,
    },
  ];
  const outcomeColumns: ColumnsType<Outcome> = [
    {
      title: t('talent.outcome.title'),
      dataIndex: 'title',
      render: (title: string, o) => (
        <div data-testid="outcome-row">
          <TrophyOutlined /> <strong>{title}</strong>
          <div className="gb-muted">{o.description}</div>
        </div>
      ),
    },
    { title: t('talent.outcome.kindField'), dataIndex: 'kind', width: 110, render: (k: Outcome['kind']) => <Tag>{t(`talent.outcome.kind.${k}`)}</Tag> },
    { title: t('talent.outcome.org'), dataIndex: 'orgName', width: 180 },
    { title: t('talent.outcome.achievedOn'), dataIndex: 'achievedOn', width: 120 },
  ];

  return (
    <div data-testid="talent-activities-page">
      <PageHeader
        title={t('talent.activity.title')}
        subtitle={t('talent.activity.subtitle')}
        extra={
          <>
            <ExportButton run={() => exportActivities(query)} testId="activities-export" />
            {can(me, 'talent.edit') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="activity-create">
                {t('talent.activity.create')}
              </Button>
            )}
          </>
        }
      />
      <ListPanel<Activity, (typeof FILTERS)[number]>
        params={params}
        toolbar={{
          search: { placeholder: t('talent.activity.searchPlaceholder'), testId: 'activities-search' },
          filters: [
            { key: 'kind', placeholder: t('talent.activity.kindField'), options: choices(ACTIVITY_KINDS, (k) => t(`talent.activity.kind.${k}`)), testId: 'filter-kind' },
            { key: 'direction', placeholder: t('talent.secondment.directionFilter'), options: choices(DIRECTIONS, (d) => t(`talent.direction.${d}`)) },
            { key: 'sector', placeholder: t('talent.person.sectorFilter'), options: choices(SECTORS, (s) => t(`talent.sector.${s}`)) },
            { key: 'year', placeholder: t('talent.activity.year'), options: choices(YEARS, (y) => y) },
          ],
        }}
        query={list}
        emptyHint={t('talent.activity.emptyHint')}
        columns={columns}
        rowKey="id"
        scroll={{ x: 900 }}
        data-testid="activities-table"
      />
      <div className="gb-panel gb-talent-outcomes" data-testid="outcomes">
        <div className="gb-toolbar">
          <strong>{t('talent.outcome.heading')}</strong>
          <ExportButton run={() => exportOutcomes({})} testId="outcomes-export" />
        </div>
        {phone ? (
          <RowCards<Outcome> columns={outcomeColumns} items={outcomes.data?.items ?? []} rowKey={(o) => o.id} rowClassName={undefined} testId="outcomes-cards" />
        ) : (
          <Table<Outcome> size="small" columns={outcomeColumns} dataSource={outcomes.data?.items} rowKey="id" pagination={false} loading={outcomes.isPending} />
        )}
      </div>
      <ActivityFormDrawer open={formOpen} onClose={() => setFormOpen(false)} />
      <Modal open={!!qr} onCancel={() => setQr(null)} footer={null} title={qr?.title} destroyOnHidden>
        {qr && (
          <div className="gb-talent-qr" data-testid="qr-modal">
            <img src={`/api/talent/activities/${qr.id}/qr.svg`} alt={t('talent.activity.qr')} />
            <div className="gb-muted">{t('talent.activity.qrHint')}</div>
            <a href={`/signin/${qr.signInToken}`} target="_blank" rel="noreferrer" data-testid="qr-link">
              {`${window.location.origin}/signin/${qr.signInToken}`}
            </a>
          </div>
        )}
      </Modal>
      <SignInsModal activity={signIns} onClose={() => setSignIns(null)} />
    </div>
  );
}

function SignInsModal({ activity, onClose }: { activity: Activity | null; onClose: () => void }) {
  const { t } = useTranslation();
  const list = useSignIns(activity?.id ?? null);
  const columns: ColumnsType<SignIn> = [
    { title: t('talent.signin.name'), dataIndex: 'name' },
    { title: t('talent.signin.unit'), dataIndex: 'unit' },
    { title: t('talent.signin.phone'), dataIndex: 'phoneMasked', render: (p: string) => <span className="gb-mono">{p}</span> },
    { title: t('talent.signin.at'), dataIndex: 'createdAt', render: (at: string) => chinaTime(at, false) },
  ];
  return (
    <Modal open={!!activity} onCancel={onClose} footer={null} title={activity?.title} width={720} destroyOnHidden>
      {activity && !!list.data?.length && (
        <div className="gb-talent-modal-actions">
          <ExportButton run={() => exportSignIns(activity.id)} testId="signins-export" />
        </div>
      )}
      <RowCards<SignIn> columns={columns} items={list.data ?? []} rowKey={(s) => s.id} rowClassName={undefined} testId="signins-list" />
    </Modal>
  );
}

interface Values {
  orgId?: string | null;
  kind: ActivityKind;
  title: string;
  sector: Sector;
  direction: Direction;
  venue: string;
  time?: [Dayjs, Dayjs] | null;
  programmeId?: string | null;
}
const editableOrg = (o: TalentOrg) => o.editable;

function ActivityFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreateActivity();
  const outcome = useSaveOutcome(form, onClose);
  const programmes = useProgrammes();
  const half = { xs: 24, sm: 12 };
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const submit = (v: Values) =>
    create.mutate(
      {
        orgId: v.orgId || undefined,
        kind: v.kind,
        title: v.title.trim(),
        sector: v.sector,
        direction: v.direction,
        venue: v.venue.trim(),
        startsAt: v.time?.[0]?.format() ?? '',
        endsAt: v.time?.[1]?.format() ?? '',
        programmeId: v.programmeId || null,
      },
      { onSuccess: () => outcome.saved(t('talent.activity.created')), onError: outcome.failed },
    );
  return (
    <FormDrawer open={open} onClose={onClose} title={t('talent.activity.create')} saving={create.isPending} onSave={() => form.submit()} saveTestId="activity-form-submit">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'lecture', sector: 'health', direction: 'east_to_west' }}
        data-testid="activity-form"
        scrollToFirstError
      >
        <Form.Item name="orgId" label={t('talent.activity.org')} extra={t('talent.demand.orgHint')}>
          <TalentOrgPicker allowClear only={editableOrg} placeholder={me.user.orgName} />
        </Form.Item>
        <Form.Item name="title" label={t('talent.activity.titleField')} rules={[{ ...required(t('talent.activity.titleField')), whitespace: true }]}>
          <Input maxLength={80} data-testid="activity-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="kind" label={t('talent.activity.kindField')}>
              <Select options={choices(ACTIVITY_KINDS, (k) => t(`talent.activity.kind.${k}`))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="sector" label={t('talent.person.sector')}>
              <Select options={choices(SECTORS, (s) => t(`talent.sector.${s}`))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="direction" label={t('talent.secondment.direction')}>
          <Select options={choices(DIRECTIONS, (d) => t(`talent.direction.${d}`))} />
        </Form.Item>
        <Form.Item name="venue" label={t('talent.activity.venue')} rules={[{ ...required(t('talent.activity.venue')), whitespace: true }]}>
          <Input maxLength={80} data-testid="activity-venue" />
        </Form.Item>
        <Form.Item name="time" label={t('talent.activity.time')} rules={[required(t('talent.activity.time'))]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="activity-time" />
        </Form.Item>
        <Form.Item name="programmeId" label={t('talent.demand.programme')}>
          <Select allowClear options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
