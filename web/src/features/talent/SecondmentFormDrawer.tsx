import { useEffect, useMemo, useState } from 'react';
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { useDebounced } from './useDebounced';
import { useCreateSecondment, usePeople, useProgrammes, useUpdateSecondment } from './api';
import { TalentOrgPicker } from './OrgPicker';
import type { Person, Secondment, SecondmentInput, SecondmentPatch, TalentOrg } from './types';

interface Values {
  personId?: string;
  hostOrgId?: string | null;
  hostUnit?: string;
  post?: string;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  programmeId?: string | null;
  note?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/**
 * Records a term of one of the own side's people, or changes one. An overlap with another term of the same person
 * comes back from the server on the date fields, naming the other term.
 */
export function SecondmentFormDrawer({ open, secondment, onClose }: { open: boolean; secondment: Secondment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateSecondment();
  const update = useUpdateSecondment();
  const outcome = useSaveOutcome(form, onClose);
  const programmes = useProgrammes();
  const [input, setInput] = useState('');
  const q = useDebounced(input.trim(), 250);
  const people = usePeople({ q: q || undefined, editable: 'true', page: 1, pageSize: 50 }, open && !secondment);
  const [picked, setPicked] = useState<Person | null>(null);
  const side = secondment?.side ?? picked?.side ?? null;
  const partnerOnly = useMemo(() => (o: TalentOrg) => !!side && o.side !== side, [side]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setPicked(null);
    if (secondment)
      form.setFieldsValue({
        hostOrgId: secondment.hostOrgId,
        hostUnit: secondment.hostUnit,
        post: secondment.post,
        startsOn: dayjs(secondment.startsOn),
        endsOn: dayjs(secondment.endsOn),
        programmeId: secondment.programmeId,
        note: secondment.note ?? undefined,
      });
  }, [open, secondment, form]);

  const own = (people.data?.items ?? []).filter((p) => p.access === 'own');
  const submit = (v: Values) => {
    const common = {
      hostOrgId: v.hostOrgId || null,
      hostUnit: (v.hostUnit ?? '').trim(),
      post: (v.post ?? '').trim(),
      startsOn: day(v.startsOn),
      endsOn: day(v.endsOn),
      programmeId: v.programmeId || null,
      note: v.note?.trim() || null,
    };
    if (!secondment) {
      const body: SecondmentInput = { ...common, personId: v.personId ?? '' };
      create.mutate(body, { onSuccess: () => outcome.saved(t('talent.secondment.created')), onError: outcome.failed });
      return;
    }
    const patch: SecondmentPatch = common;
    update.mutate({ id: secondment.id, patch }, { onSuccess: () => outcome.saved(t('common.saved')), onError: outcome.failed });
  };
  const half = { xs: 24, sm: 12 };
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={secondment ? t('talent.secondment.edit', { name: secondment.personName }) : t('talent.secondment.create')}
      saving={create.isPending || update.isPending}
      onSave={() => form.submit()}
      saveTestId="secondment-form-submit"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="secondment-form" scrollToFirstError>
        {!secondment && (
          <Form.Item name="personId" label={t('talent.secondment.person')} extra={t('talent.secondment.personHint')} rules={[required(t('talent.secondment.person'))]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setInput }}
              loading={people.isFetching}
              options={own.map((p) => ({ value: p.id, label: `${p.name} · ${p.unit}` }))}
              onChange={(id: string) => {
                const p = own.find((x) => x.id === id) ?? null;
                setPicked(p);
                form.setFieldValue('hostOrgId', null);
              }}
              data-testid="secondment-person"
            />
          </Form.Item>
        )}
        <Form.Item name="hostOrgId" label={t('talent.secondment.hostOrg')} extra={t('talent.secondment.hostOrgHint')}>
          <TalentOrgPicker allowClear only={partnerOnly} data-testid="secondment-host-org" />
        </Form.Item>
        <Form.Item
          name="hostUnit"
          label={t('talent.secondment.hostUnit')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('talent.secondment.hostUnit') }) }]}
        >
          <Input maxLength={80} data-testid="secondment-host-unit" />
        </Form.Item>
        <Form.Item
          name="post"
          label={t('talent.secondment.post')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('talent.secondment.post') }) }]}
        >
          <Input maxLength={60} data-testid="secondment-post" />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="startsOn" label={t('talent.secondment.startsOn')} rules={[required(t('talent.secondment.startsOn'))]}>
              <DatePicker style={{ width: '100%' }} data-testid="secondment-starts" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="endsOn" label={t('talent.secondment.endsOn')} rules={[required(t('talent.secondment.endsOn'))]}>
              <DatePicker style={{ width: '100%' }} data-testid="secondment-ends" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="programmeId" label={t('talent.secondment.programme')}>
          <Select allowClear options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="note" label={t('talent.person.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
