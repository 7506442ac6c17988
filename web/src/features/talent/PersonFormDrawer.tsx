import { useEffect } from 'react';
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { idNumberProblem } from '@gearbridge/contracts/pii';
import { TITLES } from '@gearbridge/contracts/talent';
import { useCurrentUser } from '../auth/session';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { useCreatePerson, useUpdatePerson } from './api';
import { TalentOrgPicker } from './OrgPicker';
import { AVAILABILITIES, KINDS, SECTORS } from './labels';
import type { Availability, Person, PersonInput, PersonKind, PersonPatch, Sector, TalentOrg } from './types';

interface Values {
  orgId?: string | null;
  kind: PersonKind;
  name?: string;
  idNumber?: string;
  phone?: string;
  unit?: string;
  post?: string;
  titleCode?: string | null;
  specialties: string[];
  sector: Sector;
  availability: Availability;
  availableFrom?: Dayjs | null;
  note?: string;
}

const editableOrg = (o: TalentOrg) => o.editable;
const SERIES: Record<Sector, string[] | null> = { health: ['health', 'nursing'], education: ['education'], agriculture: ['agriculture'], cadre: null, science: null, other: null };
const blank = (s: string | undefined) => s?.trim() || null;

/** Registers a cadre or professional of the own side, or edits one; the server's field errors land on their fields. */
export function PersonFormDrawer({ open, person, onClose }: { open: boolean; person: Person | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const outcome = useSaveOutcome(form, onClose);
  const sector = Form.useWatch('sector', form);
  const series = sector ? SERIES[sector] : null;
  const en = i18n.language === 'en';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      person
        ? {
            kind: person.kind,
            name: person.name,
            unit: person.unit,
            post: person.post,
            titleCode: person.titleCode,
            specialties: person.specialties,
            sector: person.sector,
            availability: person.availability,
            availableFrom: person.availableFrom ? dayjs(person.availableFrom) : null,
            note: person.note ?? undefined,
          }
        : { kind: 'professional', sector: 'health', availability: 'available', specialties: [] },
    );
  }, [open, person, form]);

  const submit = (v: Values) => {
    const common = {
      kind: v.kind,
      name: (v.name ?? '').trim(),
      unit: (v.unit ?? '').trim(),
      post: (v.post ?? '').trim(),
      titleCode: (v.titleCode || null) as PersonInput['titleCode'],
      specialties: v.specialties.map((s) => s.trim()).filter(Boolean),
      sector: v.sector,
      availability: v.availability,
      availableFrom: v.availableFrom ? v.availableFrom.format('YYYY-MM-DD') : null,
      note: blank(v.note),
    };
    if (!person) {
      const input: PersonInput = { ...common, orgId: v.orgId || undefined, idNumber: (v.idNumber ?? '').trim().toUpperCase(), phone: blank(v.phone) };
      create.mutate(input, { onSuccess: () => outcome.saved(t('talent.person.created')), onError: outcome.failed });
      return;
    }
    const patch: PersonPatch = { ...common };
    if (v.idNumber?.trim()) patch.idNumber = v.idNumber.trim().toUpperCase();
    if (v.phone?.trim()) patch.phone = v.phone.trim();
    update.mutate({ id: person.id, patch }, { onSuccess: () => outcome.saved(t('common.saved')), onError: outcome.failed });
  };

  const idRule = {
    validator: (_: unknown, value: string | undefined) =>
      !value?.trim() || !idNumberProblem(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('talent.person.idRule'))),
  };
  const half = { xs: 24, sm: 12 };
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={person ? t('talent.person.edit', { name: person.name }) : t('talent.person.create')}
      saving={create.isPending || update.isPending}
      onSave={() => form.submit()}
      saveTestId="person-form-submit"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="person-form" scrollToFirstError>
        {!person && (
          <Form.Item name="orgId" label={t('talent.person.org')} extra={t('talent.person.orgHint')}>
            <TalentOrgPicker allowClear only={editableOrg} placeholder={me.user.orgName} data-testid="person-org" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="name" label={t('talent.person.name')} rules={[required(t('talent.person.name'))]}>
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="kind" label={t('talent.person.kind')}>
              <Select options={KINDS.map((k) => ({ value: k, label: t(`talent.kind.${k}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="idNumber"
          label={t('talent.person.idNumber')}
          rules={[...(person ? [] : [required(t('talent.person.idNumber'))]), idRule]}
          extra={person ? t('talent.person.keepHint', { masked: person.idNumberMasked }) : t('talent.person.idNumberHint')}
          validateTrigger="onBlur"
        >
          <Input className="gb-mono" maxLength={18} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('talent.person.phone')}
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('talent.person.phoneRule') }]}
          extra={person?.phoneMasked ? t('talent.person.keepHint', { masked: person.phoneMasked }) : undefined}
        >
          <Input className="gb-mono" maxLength={11} autoComplete="off" inputMode="numeric" />
        </Form.Item>
        <Form.Item name="unit" label={t('talent.person.unit')} rules={[required(t('talent.person.unit'))]}>
          <Input maxLength={80} />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="post" label={t('talent.person.post')} rules={[required(t('talent.person.post'))]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="sector" label={t('talent.person.sector')}>
              <Select options={SECTORS.map((s) => ({ value: s, label: t(`talent.sector.${s}`) }))} data-testid="person-sector" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="titleCode" label={t('talent.person.titleCode')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={TITLES.filter((x) => !series || series.includes(x.series)).map((x) => ({
              value: x.code,
              label: `${en ? x.en : x.zh}（${t(`talent.level.${x.level}`)}）`,
            }))}
            data-testid="person-title"
          />
        </Form.Item>
        <Form.Item name="specialties" label={t('talent.person.specialties')} extra={t('talent.person.specialtiesHint')}>
          <Select mode="tags" tokenSeparators={['，', ',', '、']} open={false} />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="availability" label={t('talent.person.availability')}>
              <Select options={AVAILABILITIES.map((a) => ({ value: a, label: t(`talent.availability.${a}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="availableFrom" label={t('talent.person.availableFrom')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('talent.person.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
