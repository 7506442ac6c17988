import { useEffect, useMemo, useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { choices, ListPanel } from '../admin/common/ListPanel';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { usePhone } from '../shell/useViewport';
import { exportVisits, useAddFollowUp, useCreateVisit, usePartnerships, usePlanItems, useUpdateVisit, useVisits } from './api';
import { DIRECTIONS, VISIT_KINDS } from './labels';
import { AccessTag, DirectionTag, PlanStatusTag } from './parts';
import type { Direction, Visit, VisitInput, VisitKind, VisitPatch, VisitQuery } from './types';
import './talent.css';

const FILTERS = ['q', 'kind', 'year'] as const;
const YEARS = Array.from({ length: new Date().getFullYear() - 2016 }, (_v, k) => new Date().getFullYear() - k);

/** 高层互访 / 联席会议: the delegation, places, decisions, and the follow-ups each put on an item of the annual plan. */
export default function VisitsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const params = useListParams(FILTERS);
  const { filters, page, pageSize } = params;
  const query: VisitQuery = { q: filters.q, kind: filters.kind as VisitKind | undefined, year: filters.year ? Number(filters.year) : undefined, page, pageSize };
  const list = useVisits(query);
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = list.data?.items.find((v) => v.id === editingId) ?? null;
  // Visits and joint meetings are the collaboration offices' records, like the plan (talent.plan).
  const edit = can(me, 'talent.plan');

  const columns: ColumnsType<Visit> = [
    {
      title: t('talent.visit.titleField'),
      dataIndex: 'title',
      fixed: phone ? undefined : 'left',
      width: 260,
      render: (title: string, v) => (
        <div data-testid="visit-row">
          <strong>{title}</strong>
          <div>
            <Space size={4} wrap>
              <Tag color={v.kind === 'visit' ? 'blue' : 'purple'}>{t(`talent.visit.kind.${v.kind}`)}</Tag>
              {v.direction && <DirectionTag direction={v.direction} />}
              <span className="gb-muted gb-nowrap">{v.startsOn === v.endsOn ? v.startsOn : `${v.startsOn} — ${v.endsOn}`}</span>
            </Space>
          </div>
          <div className="gb-muted">
            {v.orgName} <AccessTag access={v.access} />
          </div>
        </div>
      ),
    },
    {
      title: t('talent.visit.delegation'),
      key: 'delegation',
      width: 260,
      render: (_x, v) => (
        <div>
          <div>{v.delegation}</div>
          <div className="gb-muted">{t('talent.visit.placesLine', { places: v.places })}</div>
        </div>
      ),
    },
    { title: t('talent.visit.decisions'), dataIndex: 'decisions', width: 260 },
    {
      title: t('talent.visit.followUps'),
      key: 'followUps',
      width: 300,
      render: (_x, v) =>
        v.followUps.length ? (
          <ul className="gb-talent-followups">
            {v.followUps.map((f) => (
              <li key={f.id}>
                {f.content} <PlanStatusTag status={f.planItemStatus} />
                <div className="gb-muted">{f.planItemContent}</div>
              </li>
            ))}
          </ul>
        ) : (
          <span className="gb-muted">{t('talent.visit.noFollowUps')}</span>
        ),
    },
    {
      title: '',
      key: 'act',
      width: 90,
      render: (_x, v) =>
        v.editable && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditingId(v.id)} data-testid="visit-edit">
            {t('talent.visit.edit')}
          </Button>
        ),
    },
  ];

  return (
    <div data-testid="talent-visits-page">
      <PageHeader
        title={t('talent.visit.title')}
        subtitle={t('talent.visit.subtitle')}
        extra={
          <>
            <ExportButton run={() => exportVisits(query)} testId="visits-export" />
            {edit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="visit-create">
                {t('talent.visit.create')}
              </Button>
            )}
          </>
        }
      />
      <ListPanel<Visit, (typeof FILTERS)[number]>
        params={params}
        toolbar={{
          search: { placeholder: t('talent.visit.searchPlaceholder'), testId: 'visits-search' },
          filters: [
            { key: 'kind', placeholder: t('talent.visit.kindFilter'), options: choices(VISIT_KINDS, (k) => t(`talent.visit.kind.${k}`)) },
            { key: 'year', placeholder: t('talent.visit.yearFilter'), options: choices(YEARS, (y) => y) },
          ],
        }}
        query={list}
        emptyHint={t('talent.visit.emptyHint')}
        columns={columns}
        rowKey="id"
        scroll={{ x: 1080 }}
        data-testid="visits-table"
      />
      {edit && <VisitFormDrawer open={creating} onClose={() => setCreating(false)} />}
      {edit && <VisitFormDrawer visit={editing} open={!!editing} onClose={() => setEditingId(null)} />}
    </div>
  );
}

interface Values {
  kind?: VisitKind;
  direction?: Direction;
  title?: string;
  dates?: [Dayjs, Dayjs] | null;
  delegation?: string;
  places?: string;
  decisions?: string;
  followUps?: { planItemId?: string; content?: string }[];
}

/**
 * Records a visit or a joint meeting for the user's organisation, with follow-ups on the partnership's plan items; given
 * one the user's side keeps, corrects its text and dates and adds further follow-ups (those recorded stay as they are).
 */
function VisitFormDrawer({ visit, open, onClose }: { visit?: Visit | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateVisit();
  const update = useUpdateVisit();
  const addFollowUp = useAddFollowUp();
  const [saving, setSaving] = useState(false);
  const outcome = useSaveOutcome(form, onClose);
  const partnerships = usePartnerships();
  const items = usePlanItems({ page: 1, pageSize: 500 }, open);
  const kind = Form.useWatch('kind', form);
  const main = useMemo(() => partnerships.data?.find((p) => !p.parentId) ?? partnerships.data?.[0], [partnerships.data]);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (visit)
      form.setFieldsValue({
        kind: visit.kind,
        direction: visit.direction ?? undefined,
        title: visit.title,
        dates: [dayjs(visit.startsOn), dayjs(visit.endsOn)],
        delegation: visit.delegation,
        places: visit.places,
        decisions: visit.decisions,
        followUps: [],
      });
  }, [open, visit, form]);
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const submit = async (v: Values) => {
    if (visit) {
      const patch: VisitPatch = {
        ...(visit.kind === 'visit' ? { direction: v.direction ?? null } : {}),
        title: (v.title ?? '').trim(),
        startsOn: v.dates?.[0].format('YYYY-MM-DD') ?? '',
        endsOn: v.dates?.[1].format('YYYY-MM-DD') ?? '',
        delegation: (v.delegation ?? '').trim(),
        places: (v.places ?? '').trim(),
        decisions: (v.decisions ?? '').trim(),
      };
      setSaving(true);
      try {
        await update.mutateAsync({ id: visit.id, patch });
        for (const f of v.followUps ?? []) await addFollowUp.mutateAsync({ id: visit.id, input: { planItemId: f.planItemId ?? '', content: (f.content ?? '').trim() } });
        outcome.saved(t('talent.visit.saved'));
      } catch (err) {
        outcome.failed(err);
      } finally {
        setSaving(false);
      }
      return;
    }
    const input: VisitInput = {
      partnershipId: main?.id ?? '',
      kind: v.kind ?? 'visit',
      direction: v.kind === 'visit' ? (v.direction ?? null) : null,
      title: (v.title ?? '').trim(),
      startsOn: v.dates?.[0].format('YYYY-MM-DD') ?? '',
      endsOn: v.dates?.[1].format('YYYY-MM-DD') ?? '',
      delegation: (v.delegation ?? '').trim(),
      places: (v.places ?? '').trim(),
      decisions: (v.decisions ?? '').trim(),
      followUps: (v.followUps ?? []).map((f) => ({ planItemId: f.planItemId ?? '', content: (f.content ?? '').trim() })),
    };
    create.mutate(input, { onSuccess: () => outcome.saved(t('talent.visit.created')), onError: outcome.failed });
  };
  const itemOptions = (items.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.year} · ${x.seq}. ${x.content}` }));
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={visit ? t('talent.visit.editTitle') : t('talent.visit.create')}
      saving={create.isPending || saving}
      onSave={() => form.submit()}
      saveTestId="visit-form-submit"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'visit' }} data-testid="visit-form" scrollToFirstError>
        <Form.Item name="kind" label={t('talent.visit.kindField')} rules={[{ required: true, message: t('common.required', { field: t('talent.visit.kindField') }) }]}>
          <Select disabled={!!visit} options={VISIT_KINDS.map((k) => ({ value: k, label: t(`talent.visit.kind.${k}`) }))} />
        </Form.Item>
        {kind === 'visit' && (
          <Form.Item name="direction" label={t('talent.visit.direction')} rules={[{ required: true, message: t('common.required', { field: t('talent.visit.direction') }) }]}>
            <Select options={DIRECTIONS.map((d) => ({ value: d, label: t(`talent.direction.${d}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('talent.visit.titleField')} rules={[required(t('talent.visit.titleField'))]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="dates" label={t('talent.visit.dates')} rules={[{ required: true, message: t('common.required', { field: t('talent.visit.dates') }) }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="delegation" label={t('talent.visit.delegation')} extra={t('talent.visit.delegationHint')} rules={[required(t('talent.visit.delegation'))]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="places" label={t('talent.visit.places')} rules={[required(t('talent.visit.places'))]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="decisions" label={t('talent.visit.decisions')} rules={[required(t('talent.visit.decisions'))]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.List name="followUps">
          {(fields, { add, remove }) => (
            <div>
              <div className="gb-form-label">{t('talent.visit.followUps')}</div>
              {visit && (
                <>
                  <p className="gb-muted">{t('talent.visit.followUpsHint')}</p>
                  <ul className="gb-talent-followups">
                    {visit.followUps.map((f) => (
                      <li key={f.id}>
                        {f.content}
                        <div className="gb-muted">{f.planItemContent}</div>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {fields.map((f) => (
                <div key={f.key} className="gb-talent-followup-row">
                  <Form.Item name={[f.name, 'planItemId']} rules={[{ required: true, message: t('common.required', { field: t('talent.visit.followUpItem') }) }]}>
                    <Select placeholder={t('talent.visit.followUpItem')} showSearch={{ optionFilterProp: 'label' }} options={itemOptions} loading={items.isPending} />
                  </Form.Item>
                  <Space align="baseline" className="gb-talent-followup-content">
                    <Form.Item name={[f.name, 'content']} rules={[required(t('talent.visit.followUpContent'))]}>
                      <Input maxLength={500} placeholder={t('talent.visit.followUpContent')} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                  </Space>
                </div>
              ))}
              {fields.length + (visit?.followUps.length ?? 0) < 20 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                  {t('talent.visit.addFollowUp')}
                </Button>
              )}
            </div>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
