import { useEffect } from 'react';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { useApplyCertification, useEnterprises, useSaveRetrofit } from './api';
import { CERT_KINDS, RETROFIT_STATUSES, type CertificationKind, type Retrofit, type RetrofitStatus } from './types';

/** The registry entries the user may file for (its own enterprise, or the district's for the park officer). */
function EnterpriseSelect(props: { value?: string; onChange?: (v: string) => void; testId: string; disabled?: boolean }) {
  const list = useEnterprises({ pageSize: 500 });
  return (
    <Select
      showSearch
      optionFilterProp="label"
      value={props.value}
      onChange={props.onChange}
      disabled={props.disabled}
      loading={list.isPending}
      options={(list.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
      data-testid={props.testId}
    />
  );
}

interface ApplyValues {
  enterpriseId?: string;
  kind?: CertificationKind;
  title?: string;
  appliedOn?: Dayjs;
  documents?: string;
}

/** Files an application for 市级智能工厂 or 数字化车间 with the names of its documents. */
export function ApplyDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApplyValues>();
  const apply = useApplyCertification();
  const outcome = useSaveOutcome(form, onClose);
  useEffect(() => {
    if (open) form.setFieldsValue({ enterpriseId: undefined, kind: 'digital_workshop', title: undefined, appliedOn: dayjs(), documents: undefined });
  }, [open, form]);
  const submit = async () => {
    const v = await form.validateFields();
    const documents = (v.documents ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((name) => ({ name }));
    try {
      await apply.mutateAsync({ enterpriseId: v.enterpriseId!, kind: v.kind!, title: v.title!, appliedOn: v.appliedOn!.format('YYYY-MM-DD'), documents });
      outcome.saved(t('park.certs.applied'));
    } catch (err) {
      outcome.failed(err);
    }
  };
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <FormDrawer open={open} onClose={onClose} title={t('park.certs.apply')} saving={apply.isPending} onSave={submit} saveTestId="park-apply-save">
      <Form form={form} layout="vertical" data-testid="park-apply-form">
        <Form.Item name="enterpriseId" label={t('park.certs.enterprise')} rules={required(t('park.certs.enterprise'))}>
          <EnterpriseSelect testId="park-apply-enterprise" />
        </Form.Item>
        <Form.Item name="kind" label={t('park.certs.kind')}>
          <Select options={CERT_KINDS.map((k) => ({ value: k, label: t(`park.certs.kind_${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('park.certs.title')} rules={required(t('park.certs.title'))}>
          <Input maxLength={120} data-testid="park-apply-title" />
        </Form.Item>
        <Form.Item name="appliedOn" label={t('park.certs.appliedOn')} rules={required(t('park.certs.appliedOn'))}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="documents" label={t('park.certs.documents')} extra={t('park.certs.documentsHint')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

interface RetrofitValues {
  enterpriseId?: string;
  name?: string;
  scope?: string;
  budget?: string;
  subsidy?: string;
  status: RetrofitStatus;
  startedOn?: Dayjs;
  completedOn?: Dayjs;
  before: { outputPerShift?: number; yieldPct?: string; staffPerLine?: number };
  after: { outputPerShift?: number; yieldPct?: string; staffPerLine?: number };
  milestones: { name?: string; dueOn?: Dayjs; doneOn?: Dayjs }[];
}

/**
 * Records a smart-retrofit project, or edits one: budget and subsidy typed as whole yuan (text, exact), the line's
 * figures before and after, the milestones (an edit replaces them with the form's).
 */
export function RetrofitFormDrawer({ open, retrofit, onClose }: { open: boolean; retrofit: Retrofit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RetrofitValues>();
  const save = useSaveRetrofit();
  const outcome = useSaveOutcome(form, onClose);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const day = (d: string | null) => (d ? dayjs(d) : undefined);
    const side = (k: Retrofit['before']) => ({ outputPerShift: k.outputPerShift ?? undefined, yieldPct: k.yieldPct ?? undefined, staffPerLine: k.staffPerLine ?? undefined });
    if (retrofit)
      form.setFieldsValue({
        enterpriseId: retrofit.enterpriseId,
        name: retrofit.name,
        scope: retrofit.scope,
        budget: retrofit.budget,
        subsidy: retrofit.subsidy,
        status: retrofit.status,
        startedOn: day(retrofit.startedOn),
        completedOn: day(retrofit.completedOn),
        before: side(retrofit.before),
        after: side(retrofit.after),
        milestones: retrofit.milestones.map((x) => ({ name: x.name, dueOn: dayjs(x.dueOn), doneOn: day(x.doneOn ?? null) })),
      });
    else form.setFieldsValue({ status: 'planned', subsidy: '0', before: {}, after: {}, milestones: [] });
  }, [open, retrofit, form]);
  const kpis = (k: RetrofitValues['before']) => ({ outputPerShift: k?.outputPerShift ?? null, yieldPct: k?.yieldPct?.trim() || null, staffPerLine: k?.staffPerLine ?? null });
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const fields = {
        name: v.name!,
        scope: v.scope!,
        budget: v.budget!.trim(),
        subsidy: (v.subsidy ?? '0').trim() || '0',
        status: v.status,
        startedOn: v.startedOn?.format('YYYY-MM-DD') ?? null,
        completedOn: v.completedOn?.format('YYYY-MM-DD') ?? null,
        before: kpis(v.before),
        after: kpis(v.after),
        milestones: (v.milestones ?? []).map((x) => ({ name: x.name!.trim(), dueOn: x.dueOn!.format('YYYY-MM-DD'), doneOn: x.doneOn?.format('YYYY-MM-DD') ?? null })),
      };
      await save.mutateAsync(retrofit ? { id: retrofit.id, input: fields } : { id: null, input: { enterpriseId: v.enterpriseId!, ...fields } });
      outcome.saved(t('park.retrofits.saved'));
    } catch (err) {
      outcome.failed(err);
    }
  };
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const side = (key: 'before' | 'after') => (
    <Row gutter={8}>
      <Col span={8}>
        <Form.Item name={[key, 'outputPerShift']} label={t('park.retrofits.outputPerShift')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[key, 'yieldPct']} label={t('park.retrofits.yieldPct')}>
          <Input inputMode="decimal" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[key, 'staffPerLine']} label={t('park.retrofits.staffPerLine')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={retrofit ? t('park.retrofits.edit') : t('park.retrofits.new')}
      saving={save.isPending}
      onSave={submit}
      saveTestId="park-retrofit-save"
    >
      <Form form={form} layout="vertical" data-testid="park-retrofit-form">
        <Form.Item name="enterpriseId" label={t('park.retrofits.enterprise')} rules={required(t('park.retrofits.enterprise'))}>
          <EnterpriseSelect testId="park-retrofit-enterprise" disabled={!!retrofit} />
        </Form.Item>
        <Form.Item name="name" label={t('park.retrofits.name')} rules={required(t('park.retrofits.name'))}>
          <Input maxLength={120} data-testid="park-retrofit-name" />
        </Form.Item>
        <Form.Item name="scope" label={t('park.retrofits.scope')} rules={required(t('park.retrofits.scope'))}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="park-retrofit-scope" />
        </Form.Item>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="budget" label={t('park.retrofits.budget')} rules={required(t('park.retrofits.budget'))}>
              <Input inputMode="numeric" data-testid="park-retrofit-budget" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="subsidy" label={t('park.retrofits.subsidy')}>
              <Input inputMode="numeric" data-testid="park-retrofit-subsidy" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="status" label={t('park.retrofits.status')}>
              <Select options={RETROFIT_STATUSES.map((s) => ({ value: s, label: t(`park.retrofits.status_${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="startedOn" label={t('park.retrofits.startedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="completedOn" label={t('park.retrofits.completedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <div className="gb-park-figure__label">{t('park.retrofits.before')}</div>
        {side('before')}
        <div className="gb-park-figure__label">{t('park.retrofits.after')}</div>
        {side('after')}
        <div className="gb-park-figure__label">{t('park.retrofits.milestones')}</div>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} className="gb-park-milestone" data-testid="park-retrofit-milestone">
                  <Form.Item name={[f.name, 'name']} rules={required(t('park.retrofits.milestoneName'))} className="gb-park-milestone__name">
                    <Input maxLength={120} placeholder={t('park.retrofits.milestoneName')} aria-label={`${t('park.retrofits.milestoneName')} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: t('common.requiredSelect', { field: t('park.retrofits.dueOn') }) }]}>
                    <DatePicker placeholder={t('park.retrofits.dueOn')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'doneOn']}>
                    <DatePicker placeholder={t('park.retrofits.doneOn')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </div>
              ))}
              {fields.length < 30 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="park-retrofit-milestone-add">
                  {t('park.retrofits.addMilestone')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
