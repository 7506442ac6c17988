import { useEffect } from 'react';
import { App as AntApp, Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useChangeStage } from './api';
import { STAGES, type Project, type ProjectStage } from './types';

interface Values {
  stage?: ProjectStage;
  on?: Dayjs;
  reason?: string;
}

/**
 * Moves a project to another stage: forward on a date (default today), back only with a reason, which the server
 * records in the stage history and the audit log.
 */
export function StageModal({ project, onClose }: { project: Project | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeStage();
  const target = Form.useWatch('stage', form);
  const back = !!project && !!target && STAGES.indexOf(target) < STAGES.indexOf(project.stage);

  useEffect(() => {
    if (!project) return;
    form.resetFields();
    const next = STAGES[STAGES.indexOf(project.stage) + 1];
    form.setFieldsValue({ stage: next, on: dayjs() });
  }, [project, form]);

  const submit = async () => {
    if (!project) return;
    const v = await form.validateFields();
    try {
      await change.mutateAsync({
        id: project.id,
        change: { stage: v.stage!, on: back ? undefined : v.on?.format('YYYY-MM-DD'), reason: back ? v.reason : undefined },
      });
      message.success(t('park.stageModal.saved'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
    }
  };

  return (
    <Modal
      open={!!project}
      title={project ? t('park.stageModal.title', { name: project.name }) : ''}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="park-stage-form">
        <Form.Item name="stage" label={t('park.stageModal.target')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('park.stageModal.target') }) }]}>
          <Select options={STAGES.filter((s) => s !== project?.stage).map((s) => ({ value: s, label: t(`park.stage.${s}`) }))} data-testid="park-stage-target" />
        </Form.Item>
        {back ? (
          <>
            <Alert type="warning" showIcon message={t('park.stageModal.back')} style={{ marginBottom: 16 }} />
            <Form.Item name="reason" label={t('park.stageModal.reason')} extra={t('park.stageModal.reasonHint')}>
              <Input.TextArea rows={3} maxLength={500} data-testid="park-stage-reason" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="on" label={t('park.stageModal.on')}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
