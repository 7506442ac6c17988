import { useEffect } from 'react';
import { Col, DatePicker, Form, Input, Modal, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSaveOutcome } from '../shell/FormDrawer';
import { useAddAgreement } from './api';
import type { Pairing } from './types';

interface Values {
  title?: string;
  signedOn?: Dayjs | null;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  documentName?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** Adds an agreement (title, dates, the filed document's name) to a pairing either institution's side edits. */
export function AgreementModal({ pairing, onClose }: { pairing: Pairing | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const add = useAddAgreement();
  const outcome = useSaveOutcome(form, onClose);
  useEffect(() => {
    if (pairing) form.resetFields();
  }, [pairing, form]);
  const submit = (v: Values) =>
    add.mutate(
      {
        id: pairing!.id,
        input: {
          title: (v.title ?? '').trim(),
          signedOn: day(v.signedOn),
          startsOn: day(v.startsOn),
          endsOn: v.endsOn ? day(v.endsOn) : null,
          documentName: v.documentName?.trim() || null,
        },
      },
      { onSuccess: () => outcome.saved(t('talent.pairing.agreementSaved')), onError: outcome.failed },
    );
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <Modal
      open={!!pairing}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      title={pairing ? `${pairing.eastOrgName} ↔ ${pairing.westOrgName}` : ''}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="agreement-form">
        <Form.Item name="title" label={t('talent.pairing.agreementTitle')} rules={[{ ...required(t('talent.pairing.agreementTitle')), whitespace: true }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="signedOn" label={t('talent.pairing.signedOn')} rules={[required(t('talent.pairing.signedOn'))]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="startsOn" label={t('talent.secondment.startsOn')} rules={[required(t('talent.secondment.startsOn'))]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="endsOn" label={t('talent.secondment.endsOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="documentName" label={t('talent.pairing.document')} extra={t('talent.pairing.documentHint')}>
          <Input maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
