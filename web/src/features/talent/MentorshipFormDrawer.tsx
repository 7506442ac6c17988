import { useEffect, useState } from 'react';
import { Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { useDebounced } from './useDebounced';
import { useCreateMentorship, usePeople, useProgrammes } from './api';
import { SECTORS } from './labels';
import type { MentorshipInput, Person, Sector } from './types';

interface Values {
  mentorId?: string;
  sector?: Sector;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  goals?: string;
  programmeId?: string | null;
  mentees?: { name?: string; unit?: string }[];
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/**
 * Records a mentorship (传帮带): a mentor from the talent pool (either side's, as far as the user reads), the young
 * staff brought on (name and unit: they need not be in the pool), goals and term. Kept by the user's organisation;
 * the direction follows the mentor's side (a Linyi expert mentoring in Chengkou: Linyi → Chengkou).
 */
export function MentorshipFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateMentorship();
  const outcome = useSaveOutcome(form, onClose);
  const programmes = useProgrammes();
  const [input, setInput] = useState('');
  const q = useDebounced(input.trim(), 250);
  const people = usePeople({ q: q || undefined, page: 1, pageSize: 50 }, open);
  const [mentor, setMentor] = useState<Person | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ mentees: [{}] });
    setMentor(null);
  }, [open, form]);

  const found = people.data?.items ?? [];
  const submit = (v: Values) => {
    const body: MentorshipInput = {
      mentorId: v.mentorId ?? '',
      sector: v.sector ?? 'education',
      direction: mentor?.side === 'west' ? 'west_to_east' : 'east_to_west',
      startsOn: day(v.startsOn),
      endsOn: v.endsOn ? day(v.endsOn) : null,
      goals: (v.goals ?? '').trim(),
      programmeId: v.programmeId || null,
      mentees: (v.mentees ?? []).map((e) => ({ name: (e.name ?? '').trim(), unit: (e.unit ?? '').trim() })),
    };
    create.mutate(body, { onSuccess: () => outcome.saved(t('talent.mentoring.created')), onError: outcome.failed });
  };
  const half = { xs: 24, sm: 12 };
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <FormDrawer open={open} onClose={onClose} title={t('talent.mentoring.create')} saving={create.isPending} onSave={() => form.submit()} saveTestId="mentorship-form-submit">
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="mentorship-form" scrollToFirstError>
        <Form.Item name="mentorId" label={t('talent.mentoring.mentor')} extra={t('talent.mentoring.mentorHint')} rules={[required(t('talent.mentoring.mentor'))]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setInput }}
            loading={people.isFetching}
            options={found.map((p) => ({ value: p.id, label: `${p.name} · ${p.unit}` }))}
            onChange={(id: string) => {
              const p = found.find((x) => x.id === id) ?? null;
              setMentor(p);
              if (p) form.setFieldValue('sector', p.sector);
            }}
            data-testid="mentorship-mentor"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="sector" label={t('talent.person.sector')} rules={[{ required: true, message: t('common.required', { field: t('talent.person.sector') }) }]}>
              <Select options={SECTORS.map((s) => ({ value: s, label: t(`talent.sector.${s}`) }))} data-testid="mentorship-sector" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="programmeId" label={t('talent.secondment.programme')}>
              <Select allowClear options={(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item
              name="startsOn"
              label={t('talent.secondment.startsOn')}
              rules={[{ required: true, message: t('common.required', { field: t('talent.secondment.startsOn') }) }]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="mentorship-starts" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="endsOn" label={t('talent.secondment.endsOn')}>
              <DatePicker style={{ width: '100%' }} data-testid="mentorship-ends" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="goals" label={t('talent.mentoring.goals')} rules={[required(t('talent.mentoring.goals'))]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="mentorship-goals" />
        </Form.Item>
        <Form.List name="mentees">
          {(fields, { add, remove }) => (
            <div>
              <div className="gb-form-label">{t('talent.mentoring.mentees')}</div>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" className="gb-talent-mentee" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[required(t('talent.mentoring.menteeName'))]}>
                    <Input maxLength={30} placeholder={t('talent.mentoring.menteeName')} data-testid="mentee-name" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unit']} rules={[required(t('talent.mentoring.menteeUnit'))]}>
                    <Input maxLength={60} placeholder={t('talent.mentoring.menteeUnit')} data-testid="mentee-unit" />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.delete')} />}
                </Space>
              ))}
              {fields.length < 20 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="mentee-add">
                  {t('talent.mentoring.addMentee')}
                </Button>
              )}
            </div>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
