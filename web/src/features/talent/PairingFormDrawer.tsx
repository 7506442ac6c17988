import { useEffect, useMemo } from 'react';
import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { useCreatePairing, useProgrammes } from './api';
import { PAIRING_KINDS } from './labels';
import { TalentOrgPicker } from './OrgPicker';
import type { PairingKind, TalentOrg } from './types';

interface Values {
  kind: PairingKind;
  westOrgId?: string | null;
  eastOrgId?: string | null;
  startedOn?: Dayjs | null;
  programmeId?: string | null;
  note?: string;
}

/** Records a pairing of a Chengkou and a Linyi institution of the same kind; the server checks sides, kinds and scope. */
export function PairingFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreatePairing();
  const outcome = useSaveOutcome(form, onClose);
  const programmes = useProgrammes();
  const kind = Form.useWatch('kind', form);
  const fits = useMemo(() => (side: 'west' | 'east') => (o: TalentOrg) => o.side === side && (kind === 'other' || o.kind === kind), [kind]);
  const west = useMemo(() => fits('west'), [fits]);
  const east = useMemo(() => fits('east'), [fits]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: 'school' });
  }, [open, form]);

  const submit = (v: Values) =>
    create.mutate(
      {
        kind: v.kind,
        westOrgId: v.westOrgId ?? '',
        eastOrgId: v.eastOrgId ?? '',
        startedOn: v.startedOn ? v.startedOn.format('YYYY-MM-DD') : '',
        programmeId: v.programmeId || null,
        note: v.note?.trim() || null,
      },
      { onSuccess: () => outcome.saved(t('talent.pairing.created')), onError: outcome.failed },
    );
  const required = (field: string) => ({ required: true, message: t('common.requiredSelect', { field }) });

  return (
    <FormDrawer open={open} onClose={onClose} title={t('talent.pairing.create')} saving={create.isPending} onSave={() => form.submit()} saveTestId="pairing-form-submit">
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="pairing-form" scrollToFirstError>
        <Form.Item name="kind" label={t('talent.pairing.kind')}>
          <Select
            options={PAIRING_KINDS.map((k) => ({ value: k, label: t(`talent.pairingKind.${k}`) }))}
            onChange={() => form.setFieldsValue({ westOrgId: null, eastOrgId: null })}
          />
        </Form.Item>
        <Form.Item name="eastOrgId" label={t('talent.pairing.east')} rules={[required(t('talent.pairing.east'))]}>
          <TalentOrgPicker only={east} data-testid="pairing-east" />
        </Form.Item>
        <Form.Item name="westOrgId" label={t('talent.pairing.west')} rules={[required(t('talent.pairing.west'))]}>
          <TalentOrgPicker only={west} data-testid="pairing-west" />
        </Form.Item>
        <Form.Item name="startedOn" label={t('talent.pairing.startedOn')} rules={[required(t('talent.pairing.startedOn'))]}>
          <DatePicker style={{ width: '100%' }} data-testid="pairing-started" />
        </Form.Item>
        <Form.Item name="programmeId" label={t('talent.pairing.programme')}>
          <Select allowClear options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="note" label={t('talent.person.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
