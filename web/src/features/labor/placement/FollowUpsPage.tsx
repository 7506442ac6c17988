import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App as AntApp, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Segmented, Select, Tabs, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../../api/errors';
import { can, useCurrentUser } from '../../auth/session';
import { PagedTable } from '../../admin/common/PagedTable';
import { SearchInput } from '../../admin/common/SearchInput';
import { PageHeader } from '../../shell/PageHeader';
import { useFollowUps, useRecordOutcome } from './api';
import type { ContactMethod, FollowUp, FollowUpOutcome, FollowUpQuery } from './types';
import '../labor.css';
import './placement.css';

const OUTCOMES: FollowUpOutcome[] = ['same_employer', 'other_employer', 'not_employed'];
const METHODS: ContactMethod[] = ['phone', 'visit', 'wechat', 'other'];
const MILESTONES = [1, 3, 6, 12];
export const STATE_COLORS: Record<FollowUp['state'], string> = { pending: 'default', due: 'blue', overdue: 'red', recorded: 'green' };
export const OUTCOME_COLORS: Record<FollowUpOutcome, string> = { same_employer: 'green', other_employer: 'cyan', not_employed: 'red' };

interface Values {
  outcome: FollowUpOutcome;
  monthlyWage?: number | null;
  problems?: string;
  contactMethod: ContactMethod;
  contactedOn: Dayjs;
}

/** Records what a follow-up found; "not employed" of a registered-poor worker raises an anti-relapse alert. */
export function OutcomeModal({ f, onClose }: { f: FollowUp | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordOutcome();
  const outcome = Form.useWatch('outcome', form);
  useEffect(() => {
    if (f) form.resetFields();
  }, [f, form]);

  const submit = (v: Values) =>
    f &&
    record.mutate(
      {
        id: f.id,
        input: {
          outcome: v.outcome,
          monthlyWage: v.outcome === 'not_employed' ? null : (v.monthlyWage ?? null),
          problems: v.problems?.trim() || null,
          contactMethod: v.contactMethod,
          contactedOn: v.contactedOn.format('YYYY-MM-DD'),
        },
      },
      {
        onSuccess: () => {
          message.success(v.outcome === 'not_employed' && f.registeredPoor ? t('laborPlacement.fu.recordedAlert') : t('laborPlacement.fu.recorded'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
        },
      },
    );

  return (
    <Modal
      open={!!f}
      title={f ? t('laborPlacement.fu.recordTitle', { name: f.workerNameMasked, m: f.milestone }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
      destroyOnHidden
      width={560}
    >
      {f && (
        <div className="gb-muted gb-lp-block">
          {f.postingTitle} · {f.employerName} · {t('laborPlacement.fu.startedOn', { d: f.startedOn })} · {t('laborPlacement.fu.dueOn', { d: f.dueOn })}
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ contactMethod: 'phone', contactedOn: dayjs() }}
        data-testid="outcome-form"
        className="gb-modal-form"
      >
        <Form.Item
          name="outcome"
          label={t('laborPlacement.fu.outcome')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('laborPlacement.fu.outcome') }) }]}
        >
          <Radio.Group optionType="button" buttonStyle="solid" options={OUTCOMES.map((o) => ({ value: o, label: t(`laborPlacement.outcome.${o}`) }))} data-testid="outcome-radio" />
        </Form.Item>
        {outcome !== 'not_employed' && (
          <Form.Item name="monthlyWage" label={t('laborPlacement.fu.wage')}>
            <InputNumber min={0} max={100000} step={100} suffix={t('labor.yuanPerMonth')} style={{ width: 200 }} />
          </Form.Item>
        )}
        {outcome === 'not_employed' && f?.registeredPoor && <div className="gb-lp-warn gb-lp-block">{t('laborPlacement.fu.alertWarn')}</div>}
        <Form.Item name="contactMethod" label={t('laborPlacement.fu.contactMethod')} rules={[{ required: true }]}>
          <Radio.Group options={METHODS.map((m) => ({ value: m, label: t(`laborPlacement.contact.${m}`) }))} />
        </Form.Item>
        <Form.Item name="contactedOn" label={t('laborPlacement.fu.contactedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!f && d.isBefore(dayjs(f.startedOn), 'day'))} allowClear={false} />
        </Form.Item>
        <Form.Item name="problems" label={t('laborPlacement.fu.problems')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('laborPlacement.fu.problemsHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Tab = 'open' | 'overdue' | 'recorded';
type Window = '14' | '30' | '90' | 'any';

/** 稳岗回访: the caseworker's due list, soonest first; a modal records the outcome. */
export default function FollowUpsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const manage = can(me, 'labor.manage');
  // The home page's "overdue" count opens this page on that tab (?state=overdue).
  const [params] = useSearchParams();
  const [tab, setTab] = useState<Tab>(() => (params.get('state') === 'overdue' ? 'overdue' : params.get('state') === 'recorded' ? 'recorded' : 'open'));
  const [win, setWin] = useState<Window>('30');
  const [milestone, setMilestone] = useState<number | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [current, setCurrent] = useState<FollowUp | null>(null);
  const dueTo = tab === 'open' && win !== 'any' ? dayjs().add(Number(win), 'day').format('YYYY-MM-DD') : undefined;
  const query: FollowUpQuery = { state: tab, dueTo, milestone, q: q || undefined, page, pageSize };
  const list = useFollowUps(query);
  const overdue = useFollowUps({ state: 'overdue', page: 1, pageSize: 1 });
  const reset = () => setPage(1);

  const columns: ColumnsType<FollowUp> = [
    {
      title: t('laborPlacement.fu.worker'),
      key: 'worker',
      width: 170,
      render: (_, f) => (
        <span>
          <Link to={`/labor/workers/${f.workerId}`} className="gb-labor-name">
            {f.workerNameMasked}
          </Link>
          {f.registeredPoor && (
            <Tag color="red" variant="filled" className="gb-lp-inline-tag">
              {t('labor.worker.registeredPoor')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('laborPlacement.fu.placement'),
      key: 'placement',
      render: (_, f) => (
        <div>
          {f.postingTitle}
          <div className="gb-muted">{f.employerName}</div>
        </div>
      ),
    },
    { title: t('laborPlacement.fu.started'), dataIndex: 'startedOn', width: 110 },
    { title: t('laborPlacement.fu.milestone'), dataIndex: 'milestone', width: 100, render: (m: number) => t('laborPlacement.months', { count: m }) },
    {
      title: t('laborPlacement.fu.due'),
      key: 'due',
      width: 150,
      render: (_, f) => (
        <span>
          {f.dueOn}{' '}
          <Tag color={STATE_COLORS[f.state]} data-testid="fu-state">
            {t(`laborPlacement.fuState.${f.state}`)}
          </Tag>
        </span>
      ),
    },
    ...(tab === 'recorded'
      ? [
          {
            title: t('laborPlacement.fu.outcome'),
            key: 'outcome',
            width: 200,
            render: (_: unknown, f: FollowUp) =>
              f.outcome && (
                <span>
                  <Tag color={OUTCOME_COLORS[f.outcome]}>{t(`laborPlacement.outcome.${f.outcome}`)}</Tag>
                  {f.monthlyWage != null && (
                    <span className="gb-muted">
                      {f.monthlyWage.toLocaleString()} {t('labor.yuan')}
                    </span>
                  )}
                </span>
              ),
          },
          {
            title: t('laborPlacement.fu.contactedOn'),
            key: 'contacted',
            width: 170,
            render: (_: unknown, f: FollowUp) => (
              <span>
                {f.contactedOn} {f.contactMethod && <span className="gb-muted">{t(`laborPlacement.contact.${f.contactMethod}`)}</span>}
              </span>
            ),
          },
          { title: t('laborPlacement.fu.problems'), dataIndex: 'problems', ellipsis: true, render: (v: string | null) => v ?? '—' },
        ]
      : [
          { title: t('labor.worker.caseworker'), dataIndex: 'caseworkerName', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: '',
            key: 'act',
            width: 120,
            render: (_: unknown, f: FollowUp) => {
              const early = f.state === 'pending';
              return manage ? (
                <Tooltip title={early ? t('laborPlacement.fu.tooEarly') : undefined}>
                  <Button
                    size="small"
                    type={f.state === 'overdue' ? 'primary' : 'default'}
                    icon={<EditOutlined />}
                    disabled={early}
                    onClick={() => setCurrent(f)}
                    data-testid="fu-record"
                  >
                    {t('laborPlacement.fu.record')}
                  </Button>
                </Tooltip>
              ) : null;
            },
          },
        ]),
  ];

  return (
    <div data-testid="labor-followups-page">
      <PageHeader title={t('laborPlacement.fu.title')} subtitle={t('laborPlacement.fu.subtitle')} />
      <div className="gb-panel">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as Tab);
            reset();
          }}
          items={[
            { key: 'open', label: t('laborPlacement.fu.tabOpen') },
            {
              key: 'overdue',
              label: (
                <span>
                  {t('laborPlacement.fu.tabOverdue')}{' '}
                  {!!overdue.data?.total && (
                    <Tag color="red" className="gb-lp-count">
                      {overdue.data.total}
                    </Tag>
                  )}
                </span>
              ),
            },
            { key: 'recorded', label: t('laborPlacement.fu.tabRecorded') },
          ]}
          data-testid="fu-tabs"
        />
        <div className="gb-toolbar">
          <SearchInput
            className="gb-toolbar__search"
            value={q}
            onChange={(v) => {
              setQ(v);
              reset();
            }}
            placeholder={t('laborPlacement.fu.search')}
          />
          {tab === 'open' && (
            <Segmented
              value={win}
              onChange={(v) => {
                setWin(v as Window);
                reset();
              }}
              options={[
                { value: '14', label: t('laborPlacement.fu.within', { days: 14 }) },
                { value: '30', label: t('laborPlacement.fu.within', { days: 30 }) },
                { value: '90', label: t('laborPlacement.fu.within', { days: 90 }) },
                { value: 'any', label: t('laborPlacement.all') },
              ]}
              data-testid="fu-window"
            />
          )}
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('laborPlacement.fu.milestone')}
            value={milestone}
            onChange={(v: number | undefined) => {
              setMilestone(v);
              reset();
            }}
            options={MILESTONES.map((m) => ({ value: m, label: t('laborPlacement.months', { count: m }) }))}
          />
        </div>
        <PagedTable<FollowUp>
          cards
          query={list}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => {
            setPage(p);
            setPageSize(s);
          }}
          filtered={!!q || !!milestone}
          emptyHint={tab === 'overdue' ? t('laborPlacement.fu.noneOverdue') : t('laborPlacement.fu.none')}
          columns={columns}
          scroll={{ x: 1000 }}
          rowClassName={(f) => (f.state === 'overdue' ? 'gb-lp-row-overdue' : '')}
          data-testid="fu-table"
        />
      </div>
      {manage && <OutcomeModal f={current} onClose={() => setCurrent(null)} />}
    </div>
  );
}
