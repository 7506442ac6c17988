import { useEffect } from 'react';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TITLE_LEVELS } from '@gearbridge/contracts/talent';
import { useCurrentUser } from '../auth/session';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { useCreateDemand, useProgrammes } from './api';
import { SECTORS } from './labels';
import { TalentOrgPicker } from './OrgPicker';
import type { Sector, TalentOrg } from './types';

interface Values {
  orgId?: string | null;
  title: string;
  sector: Sector;
  specialties: string[];
  minLevel?: number | null;
  headcount: number;
  term?: [Dayjs, Dayjs] | null;
  goals: string;
  programmeId?: string | null;
}
const editableOrg = (o: TalentOrg) => o.editable;

/** A host institution posts one item of its demand list (需求人才清单); the server checks scope and term. */
export function DemandFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreateDemand();
  const outcome = useSaveOutcome(form, onClose);
  const programmes = useProgrammes();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ sector: 'health', headcount: 1, specialties: [] });
  }, [open, form]);

  const submit = (v: Values) =>
    create.mutate(
      {
        orgId: v.orgId || undefined,
        title: v.title.trim(),
        sector: v.sector,
        specialties: v.specialties.map((s) => s.trim()).filter(Boolean),
        minLevel: v.minLevel ?? null,
        headcount: v.headcount,
        startsOn: v.term?.[0]?.format('YYYY-MM-DD') ?? '',
        endsOn: v.term?.[1]?.format('YYYY-MM-DD') ?? '',
        goals: v.goals.trim(),
        programmeId: v.programmeId || null,
      },
      { onSuccess: () => outcome.saved(t('talent.demand.created')), onError: outcome.failed },
    );
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const half = { xs: 24, sm: 12 };

  return (
    <FormDrawer open={open} onClose={onClose} title={t('talent.demand.create')} saving={create.isPending} onSave={() => form.submit()} saveTestId="demand-form-submit">
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="demand-form" scrollToFirstError>
        <Form.Item name="orgId" label={t('talent.demand.org')} extra={t('talent.demand.orgHint')}>
          <TalentOrgPicker allowClear only={editableOrg} placeholder={me.user.orgName} data-testid="demand-org" />
        </Form.Item>
        <Form.Item name="title" label={t('talent.demand.titleField')} rules={[{ ...required(t('talent.demand.titleField')), whitespace: true }]}>
          <Input maxLength={60} data-testid="demand-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="sector" label={t('talent.demand.sector')}>
              <Select options={SECTORS.map((s) => ({ value: s, label: t(`talent.sector.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="minLevel" label={t('talent.demand.minLevel')}>
              <Select allowClear options={TITLE_LEVELS.map((l) => ({ value: l, label: `≥ ${t(`talent.level.${l}`)}` }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="specialties"
          label={t('talent.demand.specialties')}
          extra={t('talent.demand.specialtiesHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('talent.demand.specialties') }) }]}
        >
          <Select mode="tags" tokenSeparators={['，', ',', '、']} open={false} data-testid="demand-specialties" />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="headcount" label={t('talent.demand.headcount')} rules={[required(t('talent.demand.headcount'))]}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="programmeId" label={t('talent.demand.programme')}>
              <Select allowClear options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="term" label={t('talent.demand.term')} rules={[required(t('talent.demand.term'))]}>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="demand-term" />
        </Form.Item>
        <Form.Item name="goals" label={t('talent.demand.goals')} rules={[{ ...required(t('talent.demand.goals')), whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="demand-goals" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
