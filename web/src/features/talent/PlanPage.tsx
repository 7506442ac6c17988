import { useEffect, useMemo, useState } from 'react';
import { App, Button, Checkbox, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, FormOutlined, LockOutlined, PlusOutlined, UnlockOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { choices, ListPanel } from '../admin/common/ListPanel';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { chinaDay } from '../shell/screenClock';
import { usePhone } from '../shell/useViewport';
import {
  exportPlanItems,
  useAddPlanNote,
  useClosePlan,
  useCreatePlan,
  useCreatePlanItem,
  usePartnerships,
  usePlanItems,
  usePlans,
  useProgrammes,
  useReopenPlan,
  useTalentOrgs,
  useUpdatePlanItem,
} from './api';
import { PLAN_AREAS, PLAN_STATUSES } from './labels';
import { TalentOrgPicker } from './OrgPicker';
import { PlanStatusTag } from './parts';
import type { Plan, PlanArea, PlanItem, PlanItemInput, PlanItemPatch, PlanItemQuery, PlanStatus } from './types';
import './talent.css';

const FILTERS = ['q', 'area', 'status', 'overdue', 'org', 'programme'] as const;
/** The year's plan shown: kept in the address bar too, but not a filter (no reset button, no "nothing matches" for it). */
const PLAN_PARAM = ['plan'] as const;

/** Today in China (UTC+8), the calendar the server flags overdue items by, whatever the browser's time zone. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
/** Days past a deadline (the server decides the flag), counted in China's calendar. */
const daysPast = (deadline: string) => Math.max(1, daysBetween(deadline, chinaToday()));
/** Days left to an open item's deadline when it falls within the next 30 days (China's calendar), else null. */
const daysLeft = (x: PlanItem) => {
  if (x.overdue || (x.status !== 'not_started' && x.status !== 'in_progress')) return null;
  const left = daysBetween(chinaToday(), x.deadline);
  return left >= 0 && left <= 30 ? left : null;
};

/**
 * 年度工作计划: the partnership's plan of the year, item by item — responsible units of both sides, the deadline, the
 * status, overdue items flagged — with a drawer per item for its progress notes and the follow-ups of visits and
 * meetings. The lead unit's side keeps an item; any responsible unit's side notes progress.
 */
export default function PlanPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const params = useListParams(FILTERS);
  const planParam = useListParams(PLAN_PARAM);
  const { filters, page, pageSize } = params;
  const plans = usePlans();
  const orgs = useTalentOrgs();
  const programmes = useProgrammes();
  const planId = planParam.filters.plan ?? plans.data?.[0]?.id;
  const plan = plans.data?.find((p) => p.id === planId);
  const query: PlanItemQuery = {
    planId,
    q: filters.q,
    area: filters.area as PlanArea | undefined,
    status: filters.status as PlanStatus | undefined,
    overdue: filters.overdue as 'true' | 'false' | undefined,
    orgId: filters.org,
    programmeId: filters.programme,
    page,
    pageSize,
  };
  const list = usePlanItems(query, !!planId);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = list.data?.items.find((x) => x.id === openId) ?? null;
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = list.data?.items.find((x) => x.id === editingId) ?? null;
  const [creatingPlan, setCreatingPlan] = useState(false);
  // The annual plan is the collaboration offices' (talent.plan); an institution notes progress on its items.
  const edit = can(me, 'talent.plan');

  const columns: ColumnsType<PlanItem> = [
    {
      title: t('talent.plan.content'),
      dataIndex: 'content',
      fixed: phone ? undefined : 'left',
      width: 320,
      render: (content: string, x) => (
        <div data-testid="plan-item-row">
          <span className="gb-muted">{x.seq}. </span>
          {content}
          <div>
            <Space size={4} wrap>
              <Tag color="purple">{t(`talent.plan.area.${x.area}`)}</Tag>
              {x.programmeName && <Tag>{x.programmeName}</Tag>}
              {x.carriedFrom && (
                <Tag color="gold" title={t('talent.plan.carriedFromLong', { year: x.carriedFrom.year, seq: x.carriedFrom.seq })} data-testid="plan-carried-from">
                  {t('talent.plan.carriedFrom', { year: x.carriedFrom.year })}
                </Tag>
              )}
            </Space>
          </div>
        </div>
      ),
    },
    {
      title: t('talent.plan.units'),
      key: 'units',
      width: 220,
      render: (_v, x) => (
        <Space size={[4, 4]} wrap>
          {x.units.map((u) => (
            <Tag key={u.id} color={u.lead ? 'blue' : undefined}>
              {u.name}
              {u.lead ? ` · ${t('talent.plan.leadTag')}` : ''}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('talent.plan.deadline'),
      key: 'deadline',
      width: 150,
      render: (_v, x) => (
        <div>
          <span className="gb-nowrap">{x.deadline}</span>
          <div>
            <PlanStatusTag status={x.status} />
            {x.overdue && (
              <Tag color="error" icon={<WarningOutlined />} data-testid="plan-overdue">
                {t('talent.plan.overdueDays', { days: daysPast(x.deadline) })}
              </Tag>
            )}
            {daysLeft(x) !== null && (
              <Tag color="warning" data-testid="plan-due-soon">
                {daysLeft(x) === 0 ? t('talent.plan.dueToday') : t('talent.plan.dueInDays', { days: daysLeft(x) })}
              </Tag>
            )}
          </div>
        </div>
      ),
    },
    {
      title: t('talent.plan.latest'),
      key: 'latest',
      width: 260,
      render: (_v, x) => {
        const n = x.notes[x.notes.length - 1];
        return n ? (
          <div>
            <span className="gb-muted">
              {n.notedOn} {n.orgName}
            </span>
            <div>{n.text}</div>
          </div>
        ) : (
          <span className="gb-muted">{t('talent.plan.noNotes')}</span>
        );
      },
    },
    {
      title: '',
      key: 'act',
      width: 110,
      render: (_v, x) => (
        <Space size={4} wrap>
          <Button size="small" icon={<FormOutlined />} onClick={() => setOpenId(x.id)} data-testid="plan-item-open">
            {t('talent.plan.progress')}
          </Button>
          {x.editable && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditingId(x.id)} data-testid="plan-item-edit">
              {t('common.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="talent-plan-page">
      <PageHeader
        title={t('talent.plan.title')}
        subtitle={t('talent.plan.subtitle')}
        extra={
          <>
            <ExportButton run={() => exportPlanItems(query)} testId="plan-export" />
            {edit && (
              <Button icon={<PlusOutlined />} onClick={() => setCreatingPlan(true)} data-testid="plan-create">
                {t('talent.plan.createPlan')}
              </Button>
            )}
            {edit && plan && !plan.closedAt && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="plan-item-create">
                {t('talent.plan.addItem')}
              </Button>
            )}
          </>
        }
      />
      {plans.data && !plans.data.length ? (
        <div className="gb-panel">
          <Empty description={t('talent.plan.noPlan')} />
        </div>
      ) : (
        <ListPanel<PlanItem, (typeof FILTERS)[number]>
          params={params}
          toolbar={{
            lead: (
              <Select
                className="gb-toolbar__select gb-talent-plan-select"
                value={planId}
                loading={plans.isPending}
                placeholder={t('talent.plan.choosePlan')}
                onChange={(v: string) => planParam.setFilter('plan', v)}
                options={(plans.data ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.title.includes(String(p.year)) ? p.title : `${p.year} · ${p.title}`}${p.closedAt ? ` · ${t('talent.plan.closed')}` : ''}`,
                }))}
                data-testid="plan-select"
              />
            ),
            search: { placeholder: t('talent.plan.searchPlaceholder'), testId: 'plan-search' },
            filters: [
              { key: 'area', placeholder: t('talent.plan.areaFilter'), options: choices(PLAN_AREAS, (a) => t(`talent.plan.area.${a}`)) },
              { key: 'status', placeholder: t('talent.plan.statusFilter'), options: choices(PLAN_STATUSES, (s) => t(`talent.plan.status.${s}`)) },
              {
                key: 'overdue',
                placeholder: t('talent.plan.overdueFilter'),
                options: [
                  { value: 'true', label: t('talent.plan.overdueOnly') },
                  { value: 'false', label: t('talent.plan.notOverdue') },
                ],
                testId: 'plan-overdue-filter',
              },
              { key: 'org', placeholder: t('talent.plan.unitFilter'), options: (orgs.data ?? []).map((o) => ({ value: o.id, label: o.name })) },
              { key: 'programme', placeholder: t('talent.plan.programmeFilter'), options: (programmes.data ?? []).map((p) => ({ value: p.id, label: p.name })) },
            ],
          }}
          between={
            plan && (
              <div className="gb-talent-plan-summary" data-testid="plan-summary">
                <Typography.Text strong>
                  {plan.title}
                  {plan.closedAt && (
                    <Tag icon={<LockOutlined />} className="gb-talent-plan-closed" data-testid="plan-closed">
                      {t('talent.plan.closed')}
                    </Tag>
                  )}
                </Typography.Text>
                <span className="gb-muted">{t('talent.plan.keptBy', { org: plan.orgName })}</span>
                <span>
                  {t('talent.plan.summary', { items: plan.items, done: plan.done, overdue: plan.overdue })}
                  {plan.overdue > 0 && <WarningOutlined className="gb-talent-overdue-icon" />}
                </span>
                {plan.closedAt && (
                  <span className="gb-muted">
                    {t('talent.plan.closedOn', { date: new Date(Date.parse(plan.closedAt) + 8 * 3_600_000).toISOString().slice(0, 10), name: plan.closedByName ?? '—' })}
                  </span>
                )}
                {plan.canClose && <CloseControls plan={plan} />}
              </div>
            )
          }
          query={list}
          emptyHint={t('talent.plan.emptyHint')}
          columns={columns}
          rowKey="id"
          rowClassName={(x: PlanItem) => (x.overdue ? 'gb-talent-row-overdue' : '')}
          scroll={{ x: 1050 }}
          data-testid="plan-table"
        />
      )}
      <ItemDrawer item={open} onClose={() => setOpenId(null)} onEdit={(id) => setEditingId(id)} />
      {edit && plan && <ItemFormDrawer planId={plan.id} open={adding} onClose={() => setAdding(false)} />}
      {edit && plan && <ItemFormDrawer planId={plan.id} item={editing} open={!!editing} onClose={() => setEditingId(null)} />}
      {edit && <PlanModal open={creatingPlan} onClose={() => setCreatingPlan(false)} onCreated={(id) => planParam.setFilter('plan', id)} />}
    </div>
  );
}

/** An item's details, its progress notes (oldest first), the visits' follow-ups, and the note form for a responsible unit. */
function ItemDrawer({ item, onClose, onEdit }: { item: PlanItem | null; onClose: () => void; onEdit: (id: string) => void }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [form] = Form.useForm<{ notedOn: Dayjs; text: string; setStatus?: boolean; status?: PlanStatus }>();
  const add = useAddPlanNote();
  const outcome = useSaveOutcome(form, () => form.resetFields());
  const setStatus = Form.useWatch('setStatus', form);
  useEffect(() => {
    if (item) form.setFieldsValue({ notedOn: dayjs(chinaDay()), text: '', setStatus: false, status: item.status });
  }, [item, form]);
  return (
    <Drawer open={!!item} onClose={onClose} width={phone ? '100%' : 560} title={item ? `${item.seq}. ${t(`talent.plan.area.${item.area}`)}` : ''} destroyOnHidden>
      {item && (
        <div data-testid="plan-item-drawer">
          <Typography.Paragraph>{item.content}</Typography.Paragraph>
          {item.editable && (
            <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(item.id)} className="gb-talent-drawer-action" data-testid="plan-item-drawer-edit">
              {t('talent.plan.editItem')}
            </Button>
          )}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('talent.plan.lead')}>{item.leadOrgName}</Descriptions.Item>
            <Descriptions.Item label={t('talent.plan.units')}>{item.units.map((u) => u.name).join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('talent.plan.deadline')}>
              {item.deadline} <PlanStatusTag status={item.status} />
              {item.overdue && <Tag color="error">{t('talent.plan.overdueDays', { days: daysPast(item.deadline) })}</Tag>}
            </Descriptions.Item>
            {item.programmeName && <Descriptions.Item label={t('talent.plan.programme')}>{item.programmeName}</Descriptions.Item>}
            {(item.carriedFrom || item.carriedTo) && (
              <Descriptions.Item label={t('talent.plan.carriedOrigin')}>
                {item.carriedFrom && <div data-testid="plan-item-carried-from">{t('talent.plan.carriedFromLong', { year: item.carriedFrom.year, seq: item.carriedFrom.seq })}</div>}
                {item.carriedTo && <div data-testid="plan-item-carried-to">{t('talent.plan.carriedTo', { year: item.carriedTo.year, seq: item.carriedTo.seq })}</div>}
              </Descriptions.Item>
            )}
          </Descriptions>
          <h4 className="gb-talent-drawer-heading">{t('talent.plan.notes')}</h4>
          {item.notes.length ? (
            <Timeline
              items={item.notes.map((n) => ({
                key: n.id,
                children: (
                  <div data-testid="plan-note">
                    <div className="gb-muted">
                      {n.notedOn} · {n.orgName}
                      {n.authorName ? ` · ${n.authorName}` : ''}
                    </div>
                    <div>{n.text}</div>
                    {n.status && <div className="gb-muted">{t('talent.plan.statusSet', { status: t(`talent.plan.status.${n.status}`) })}</div>}
                  </div>
                ),
              }))}
            />
          ) : (
            <p className="gb-muted">{t('talent.plan.noNotes')}</p>
          )}
          <h4 className="gb-talent-drawer-heading">{t('talent.plan.followUps')}</h4>
          {item.followUps.length ? (
            <ul className="gb-talent-followups">
              {item.followUps.map((f) => (
                <li key={f.id}>
                  <span className="gb-muted">
                    {f.startsOn} {t(`talent.visit.kind.${f.visitKind}`)} · {f.visitTitle}
                  </span>
                  <div>{f.content}</div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="gb-muted">{t('talent.plan.noFollowUps')}</p>
          )}
          <h4 className="gb-talent-drawer-heading">{t('talent.plan.addNote')}</h4>
          {item.canNote ? (
            <Form
              form={form}
              layout="vertical"
              data-testid="plan-note-form"
              onFinish={(v) =>
                add.mutate(
                  { id: item.id, input: { notedOn: v.notedOn.format('YYYY-MM-DD'), text: v.text.trim(), ...(v.setStatus && v.status ? { status: v.status } : {}) } },
                  { onSuccess: () => outcome.saved(t('talent.plan.noteAdded')), onError: outcome.failed },
                )
              }
            >
              <Form.Item name="notedOn" label={t('talent.plan.notedOn')} rules={[{ required: true, message: t('common.required', { field: t('talent.plan.notedOn') }) }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(chinaDay()), 'day')} />
              </Form.Item>
              <Form.Item
                name="text"
                label={t('talent.plan.noteText')}
                rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('talent.plan.noteText') }) }]}
              >
                <Input.TextArea rows={3} maxLength={1000} data-testid="plan-note-text" />
              </Form.Item>
              {item.editable && (
                <Space align="baseline" wrap>
                  <Form.Item name="setStatus" valuePropName="checked">
                    <Checkbox data-testid="plan-note-set-status">{t('talent.plan.newStatus')}</Checkbox>
                  </Form.Item>
                  {setStatus && (
                    <Form.Item name="status">
                      <Select style={{ minWidth: 140 }} options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`talent.plan.status.${s}`) }))} data-testid="plan-note-status" />
                    </Form.Item>
                  )}
                </Space>
              )}
              <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="plan-note-submit">
                {t('talent.plan.addNote')}
              </Button>
            </Form>
          ) : (
            <p className="gb-muted" data-testid="plan-item-read-only">
              {item.planClosed ? t('talent.plan.closedReadOnly') : t('talent.plan.readOnly')}
            </p>
          )}
        </div>
      )}
    </Drawer>
  );
}

interface ItemValues {
  area?: PlanArea;
  content?: string;
  leadOrgId?: string | null;
  orgIds?: string[];
  deadline?: Dayjs | null;
  programmeId?: string | null;
  status?: PlanStatus;
}

/**
 * Adds an item to the plan — the lead unit one the user edits for, further responsible units of either side — or, given
 * an item the user's side leads, changes its content, units, deadline, status and programme (the lead stays).
 */
function ItemFormDrawer({ planId, item, open, onClose }: { planId: string; item?: PlanItem | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ItemValues>();
  const create = useCreatePlanItem();
  const update = useUpdatePlanItem();
  const outcome = useSaveOutcome(form, onClose);
  const orgs = useTalentOrgs();
  const programmes = useProgrammes();
  const onlyEditable = useMemo(() => (o: { editable: boolean }) => o.editable, []);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (item)
      form.setFieldsValue({
        area: item.area,
        content: item.content,
        leadOrgId: item.leadOrgId,
        orgIds: item.units.filter((u) => !u.lead).map((u) => u.id),
        deadline: dayjs(item.deadline),
        programmeId: item.programmeId,
        status: item.status,
      });
  }, [open, item, form]);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const submit = (v: ItemValues) => {
    if (item) {
      const patch: PlanItemPatch = {
        area: v.area,
        content: (v.content ?? '').trim(),
        orgIds: v.orgIds ?? [],
        deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : '',
        status: v.status,
        programmeId: v.programmeId || null,
      };
      update.mutate({ id: item.id, patch }, { onSuccess: () => outcome.saved(t('talent.plan.itemSaved')), onError: outcome.failed });
      return;
    }
    const input: PlanItemInput = {
      area: v.area ?? 'other',
      content: (v.content ?? '').trim(),
      leadOrgId: v.leadOrgId ?? '',
      orgIds: v.orgIds ?? [],
      deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : '',
      programmeId: v.programmeId || null,
    };
    create.mutate({ planId, input }, { onSuccess: () => outcome.saved(t('talent.plan.itemAdded')), onError: outcome.failed });
  };
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={item ? t('talent.plan.editItem') : t('talent.plan.addItem')}
      saving={create.isPending || update.isPending}
      onSave={() => form.submit()}
      saveTestId="plan-item-form-submit"
    >
      <Form<ItemValues> form={form} layout="vertical" onFinish={submit} data-testid="plan-item-form" scrollToFirstError>
        <Form.Item name="area" label={t('talent.plan.areaFilter')} rules={[required(t('talent.plan.areaFilter'))]}>
          <Select options={PLAN_AREAS.map((a) => ({ value: a, label: t(`talent.plan.area.${a}`) }))} />
        </Form.Item>
        <Form.Item name="content" label={t('talent.plan.content')} rules={[{ ...required(t('talent.plan.content')), whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item name="leadOrgId" label={t('talent.plan.lead')} extra={item ? t('talent.plan.leadFixed') : t('talent.plan.leadHint')} rules={[required(t('talent.plan.lead'))]}>
          {item ? <Select disabled options={[{ value: item.leadOrgId, label: item.leadOrgName }]} /> : <TalentOrgPicker only={onlyEditable} />}
        </Form.Item>
        <Form.Item name="orgIds" label={t('talent.plan.units')} extra={t('talent.plan.unitsHint')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={(['west', 'east'] as const).map((side) => ({
              label: t(`talent.side.${side}`),
              options: (orgs.data ?? []).filter((o) => o.side === side).map((o) => ({ value: o.id, label: o.name })),
            }))}
          />
        </Form.Item>
        <Form.Item name="deadline" label={t('talent.plan.deadline')} rules={[required(t('talent.plan.deadline'))]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {item && (
          <Form.Item name="status" label={t('talent.plan.statusFilter')} rules={[required(t('talent.plan.statusFilter'))]}>
            <Select options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`talent.plan.status.${s}`) }))} data-testid="plan-item-status" />
          </Form.Item>
        )}
        <Form.Item name="programmeId" label={t('talent.plan.programme')}>
          <Select allowClear options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** Draws up a year's plan of a partnership, kept by the user's organisation (one per partnership and year). */
function PlanModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ partnershipId?: string; year?: number; title?: string }>();
  const create = useCreatePlan();
  const partnerships = usePartnerships();
  const outcome = useSaveOutcome(form, onClose);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <Modal open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} title={t('talent.plan.createPlan')} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ year: new Date().getFullYear() + 1 }}
        onFinish={(v) =>
          create.mutate(
            { partnershipId: v.partnershipId ?? '', year: v.year ?? 0, title: (v.title ?? '').trim() },
            {
              onSuccess: (p) => {
                outcome.saved(t('talent.plan.planCreated'));
                onCreated(p.id);
              },
              onError: outcome.failed,
            },
          )
        }
      >
        <Form.Item name="partnershipId" label={t('talent.plan.partnership')} rules={[required(t('talent.plan.partnership'))]}>
          <Select options={(partnerships.data ?? []).map((p) => ({ value: p.id, label: p.name }))} loading={partnerships.isPending} />
        </Form.Item>
        <Form.Item name="year" label={t('talent.plan.year')} rules={[required(t('talent.plan.year'))]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="title" label={t('talent.plan.planTitle')} rules={[{ ...required(t('talent.plan.planTitle')), whitespace: true }]}>
          <Input maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The keeping side closes the year's plan (after a confirmation) or reopens it with a reason. */
function CloseControls({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const close = useClosePlan();
  const reopen = useReopenPlan();
  const [reopening, setReopening] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();
  const outcome = useSaveOutcome(form, () => setReopening(false));
  if (!plan.closedAt)
    return (
      <Button
        size="small"
        icon={<LockOutlined />}
        loading={close.isPending}
        data-testid="plan-close"
        onClick={() =>
          modal.confirm({
            title: t('talent.plan.closePlan'),
            content: t('talent.plan.closeConfirm'),
            okText: t('talent.plan.closePlan'),
            cancelText: t('common.cancel'),
            onOk: () => close.mutateAsync(plan.id).then(() => void message.success(t('talent.plan.planClosed')), outcome.failed),
          })
        }
      >
        {t('talent.plan.closePlan')}
      </Button>
    );
  return (
    <>
      <Button size="small" icon={<UnlockOutlined />} onClick={() => setReopening(true)} data-testid="plan-reopen">
        {t('talent.plan.reopenPlan')}
      </Button>
      <Modal
        open={reopening}
        onCancel={() => setReopening(false)}
        onOk={() => form.submit()}
        okText={t('talent.plan.reopenPlan')}
        confirmLoading={reopen.isPending}
        title={`${t('talent.plan.reopenPlan')} · ${plan.year}`}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            reopen.mutate({ id: plan.id, input: { reason: (v.reason ?? '').trim() } }, { onSuccess: () => outcome.saved(t('talent.plan.planReopened')), onError: outcome.failed })
          }
        >
          <Form.Item
            name="reason"
            label={t('talent.plan.reopenReason')}
            extra={t('talent.plan.reopenReasonHint')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('talent.plan.reopenReason') }) }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="plan-reopen-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
