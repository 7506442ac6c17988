import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { CloseCircleOutlined, RightCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useAdvanceReferral } from './api';
import { NEXT_STAGE } from './labels';
import type { Referral } from './types';

interface Values {
  reason?: string;
  effectiveOn?: Dayjs;
}

/**
 * The moves a referral can make from where it is: one step on (contacted → interviewed → hired → started), or
 * declined with a reason at any step before the start. Hiring takes one of the posting's open places; the start
 * records the worker's new employment status — both on the server, in one transaction.
 */
export function ReferralActions({ referral, size = 'small' }: { referral: Referral; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const advance = useAdvanceReferral();
  const [modal, setModal] = useState<'declined' | 'started' | null>(null);
  const [form] = Form.useForm<Values>();
  const next = NEXT_STAGE[referral.status];
  if (!next) return null;

  const run = (v: Values, to: 'contacted' | 'interviewed' | 'hired' | 'started' | 'declined') =>
    advance.mutateAsync({ id: referral.id, step: { to, reason: v.reason?.trim() || undefined, effectiveOn: v.effectiveOn?.format('YYYY-MM-DD') } }).then(
      () => {
        message.success(t('labor.referral.moved', { stage: t(`labor.referralStatus.${to}`) }));
        setModal(null);
      },
      (err: unknown) => {
        if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
      },
    );

  const open = (m: 'declined' | 'started') => {
    form.setFieldsValue({ reason: '', effectiveOn: dayjs() });
    setModal(m);
  };

  return (
    <>
      <Space size={4} wrap>
        {next === 'started' ? (
          <Button size={size} type="primary" ghost icon={<RightCircleOutlined />} onClick={() => open('started')} data-testid="referral-next">
            {t('labor.referral.action.started')}
          </Button>
        ) : (
          <Popconfirm title={t(`labor.referral.confirm.${next}`)} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => run({}, next)}>
            <Button size={size} type="primary" ghost icon={<RightCircleOutlined />} loading={advance.isPending} data-testid="referral-next">
              {t(`labor.referral.action.${next}`)}
            </Button>
          </Popconfirm>
        )}
        <Button size={size} danger type="text" icon={<CloseCircleOutlined />} onClick={() => open('declined')} data-testid="referral-decline">
          {t('labor.referral.action.declined')}
        </Button>
      </Space>
      <Modal
        open={modal !== null}
        title={
          modal === 'declined'
            ? t('labor.referral.declineTitle', { name: referral.workerNameMasked, title: referral.postingTitle })
            : t('labor.referral.startTitle', { name: referral.workerNameMasked, title: referral.postingTitle })
        }
        onCancel={() => setModal(null)}
        onOk={() => form.submit()}
        okText={modal === 'declined' ? t('labor.referral.action.declined') : t('labor.referral.action.started')}
        okButtonProps={{ danger: modal === 'declined' }}
        cancelText={t('common.cancel')}
        confirmLoading={advance.isPending}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" className="gb-modal-form" onFinish={(v) => void run(v, modal ?? 'declined')}>
          {modal === 'declined' ? (
            <Form.Item
              name="reason"
              label={t('labor.referral.declineReason')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('labor.referral.declineReason') }) }, { max: 200 }]}
            >
              <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('labor.referral.declinePlaceholder')} />
            </Form.Item>
          ) : (
            <Form.Item name="effectiveOn" label={t('labor.referral.startedOn')} extra={t('labor.referral.startHint')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
