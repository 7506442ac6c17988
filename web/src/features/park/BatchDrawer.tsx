import { useEffect, useState } from 'react';
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { useParkMutation, useProjects } from './api';
import type { Batch, BatchKind, BatchInput } from './types';

const KINDS: BatchKind[] = ['signing', 'groundbreaking', 'production'];
/** The stages a batch's projects may stand at before it: those before its own (and its own, joining without a move). */
const BEFORE: Record<BatchKind, string[]> = { signing: ['lead', 'negotiating', 'signed'], groundbreaking: ['signed', 'construction'], production: ['construction', 'production'] };

interface Values {
  kind: BatchKind;
  name?: string;
  heldOn?: Dayjs;
  place?: string;
  projectIds: string[];
}

/** Holds a ceremony batch (集中签约 / 开工 / 投产): its projects reach the batch's stage on its day, all or none (the server checks). */
export function BatchDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const outcome = useSaveOutcome(form, onClose);
  const save = useParkMutation((input: BatchInput) => api.post<Batch>('/park/batches', input));
  const kind = Form.useWatch('kind', form) ?? 'signing';
  const [q, setQ] = useState('');
  const projects = useProjects({ q: q || undefined, pageSize: 100 }, open);
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ kind: 'signing', heldOn: dayjs(), projectIds: [] });
    }
  }, [open, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({ kind: v.kind, name: v.name!, heldOn: v.heldOn!.format('YYYY-MM-DD'), place: v.place || null, projectIds: v.projectIds });
      outcome.saved(t('park.batch.saved'));
    } catch (err) {
      outcome.failed(err);
    }
  };
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <FormDrawer open={open} onClose={onClose} title={t('park.batch.new')} saving={save.isPending} onSave={submit} saveTestId="park-batch-save">
      <Form form={form} layout="vertical" data-testid="park-batch-form">
        <Form.Item name="kind" label={t('park.batch.kind')}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`park.batchKind.${k}`) }))} onChange={() => form.setFieldValue('projectIds', [])} />
        </Form.Item>
        <Form.Item name="name" label={t('park.batch.name')} rules={required(t('park.batch.name'))}>
          <Input maxLength={120} data-testid="park-batch-name" />
        </Form.Item>
        <Form.Item name="heldOn" label={t('park.batch.heldOn')} rules={required(t('park.batch.heldOn'))}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('park.batch.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="projectIds" label={t('park.batch.projects')} extra={t('park.batch.projectsHint')}>
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setQ}
            loading={projects.isFetching}
            options={(projects.data?.items ?? [])
              .filter((p) => BEFORE[kind].includes(p.stage))
              .map((p) => ({ value: p.id, label: `${p.name}（${t(`park.stage.${p.stage}`)}，${p.amount} ${t('park.yi')}）` }))}
            data-testid="park-batch-projects"
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
