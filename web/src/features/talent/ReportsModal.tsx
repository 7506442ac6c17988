import { Button, DatePicker, Empty, Form, Input, List, Modal, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSaveOutcome } from '../shell/FormDrawer';
import { ExportButton } from '../admin/common/ExportButton';
import { exportReports, talentKeys, useReports } from './api';
import { REPORT_KINDS } from './labels';
import type { Secondment, SecondmentReport } from './types';

interface Values {
  reportedOn?: Dayjs | null;
  kind: (typeof REPORT_KINDS)[number];
  summary?: string;
}

/** The reports filed during a term, oldest first, and (for the sending side or the host unit) a form to add one. */
export function ReportsModal({ secondment, canAdd, onClose }: { secondment: Secondment | null; canAdd: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const reports = useReports(secondment?.id ?? null);
  const qc = useQueryClient();
  const outcome = useSaveOutcome(form, () => form.resetFields());
  const add = useMutation({
    mutationFn: (v: Values) =>
      api.post<SecondmentReport>(`/talent/secondments/${secondment!.id}/reports`, {
        reportedOn: v.reportedOn?.format('YYYY-MM-DD') ?? '',
        kind: v.kind,
        summary: (v.summary ?? '').trim(),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: talentKeys.all });
      outcome.saved(t('talent.secondment.reportSaved'));
    },
    onError: outcome.failed,
  });
  return (
    <Modal open={!!secondment} onCancel={onClose} footer={null} title={secondment ? `${secondment.personName} · ${t('talent.secondment.reports')}` : ''} destroyOnHidden>
      {secondment && !!reports.data?.length && (
        <div className="gb-talent-modal-actions">
          <ExportButton run={() => exportReports(secondment.id)} testId="reports-export" />
        </div>
      )}
      <List
        dataSource={reports.data ?? []}
        loading={reports.isPending}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('talent.secondment.noReports')} /> }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <span>
                  <Tag>{t(`talent.reportKind.${r.kind}`)}</Tag> {r.reportedOn}
                  {r.createdByName ? <span className="gb-muted"> · {r.createdByName}</span> : null}
                </span>
              }
              description={r.summary}
            />
          </List.Item>
        )}
        data-testid="report-list"
      />
      {canAdd && (
        <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'monthly' }} onFinish={(v) => add.mutate(v)} data-testid="report-form">
          <Form.Item
            name="reportedOn"
            label={t('talent.secondment.reportedOn')}
            rules={[{ required: true, message: t('common.required', { field: t('talent.secondment.reportedOn') }) }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="kind" label={t('talent.secondment.reportKind')}>
            <Select options={REPORT_KINDS.map((k) => ({ value: k, label: t(`talent.reportKind.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="summary"
            label={t('talent.secondment.summary')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('talent.secondment.summary') }) }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('talent.secondment.addReport')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
