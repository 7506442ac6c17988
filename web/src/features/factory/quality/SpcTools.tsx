import { useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { NELSON_RULES, WESTERN_ELECTRIC_RULES, type QualityCharacteristic, type SpcRuleId } from '@gearbridge/contracts/factory';
import { isApiError } from '../../../api/client';
import { errorText, fieldText } from '../../../api/errors';
import { exportDfq, useImportMeasurements, useReviseLimits, useSetRules } from './api';

/** 修订控制限: a phase-I study of a window the engineer chooses, with the reason; the old revisions stay. */
export function ReviseLimitsButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ window: [Dayjs, Dayjs]; reason: string }>();
  const revise = useReviseLimits(id);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await revise.mutateAsync({ from: v.window[0].toISOString(), to: v.window[1].toISOString(), reason: v.reason.trim() });
      message.success(t('factory.spcPage.revised', { n: r.revision }));
      setOpen(false);
      form.resetFields();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="spc-revise">
        {t('factory.spcPage.revise')}
      </Button>
      <Modal
        open={open}
        title={t('factory.spcPage.revise')}
        okText={t('factory.spcPage.save')}
        cancelText={t('factory.spcPage.cancel')}
        onOk={() => void submit()}
        confirmLoading={revise.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p className="gb-muted">{t('factory.spcPage.reviseHint')}</p>
        <Form form={form} layout="vertical" data-testid="spc-revise-form">
          <Form.Item name="window" label={`${t('factory.spcPage.studyFrom')} – ${t('factory.spcPage.studyTo')}`} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('factory.spcPage.reason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input maxLength={200} placeholder={t('factory.spcPage.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The characteristic's rules: Western Electric and Nelson tests as checkboxes, saved together (audited). */
export function RulesEditor({ c, editable }: { c: QualityCharacteristic; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [picked, setPicked] = useState<SpcRuleId[] | null>(null);
  const rules = picked ?? (c.rules as SpcRuleId[]);
  const save = useSetRules(c.id);
  const changed = picked !== null && [...picked].sort().join() !== [...c.rules].sort().join();
  const group = (title: string, ids: readonly SpcRuleId[]) => (
    <fieldset className="gb-q-rules__group">
      <legend>{title}</legend>
      {ids.map((id) => (
        <Checkbox
          key={id}
          checked={rules.includes(id)}
          disabled={!editable}
          onChange={(e) => setPicked(e.target.checked ? [...rules, id] : rules.filter((r) => r !== id))}
          data-testid={`rule-${id}`}
        >
          {t(`factory.spc.rules.${id}`)}
        </Checkbox>
      ))}
    </fieldset>
  );
  return (
    <div className="gb-q-rules" data-testid="spc-rules">
      {group(t('factory.spc.westernElectric'), WESTERN_ELECTRIC_RULES)}
      {group(t('factory.spc.nelson'), NELSON_RULES)}
      {editable && (
        <Button
          type="primary"
          disabled={!changed}
          loading={save.isPending}
          data-testid="spc-rules-save"
          onClick={async () => {
            try {
              await save.mutateAsync(rules);
              setPicked(null);
              message.success(t('factory.spcPage.rulesSaved'));
            } catch (err) {
              message.error(errorText(err, t));
            }
          }}
        >
          {t('factory.spcPage.saveRules')}
        </Button>
      )}
    </div>
  );
}

export function DfqExportButton({ id, subgroups }: { id: string; subgroups: number }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid="spc-dfq"
      onClick={async () => {
        setBusy(true);
        try {
          await exportDfq(id, subgroups);
        } catch (err) {
          message.error(errorText(err, t));
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('factory.spcPage.export')}
    </Button>
  );
}

/** The server's reasons a file was refused: its message, then each problem with its line. */
function Problems({ err }: { err: unknown }) {
  const { t } = useTranslation();
  const lines = isApiError(err)
    ? Object.keys(err.fields)
        .map((k) => ({ k, text: fieldText(err, k) ?? '', n: Number(/\d+/.exec(k)?.[0] ?? 0) }))
        .sort((a, b) => a.n - b.n)
    : [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="spc-import-problems"
      message={`${t('factory.spcPage.problems')} ${errorText(err, t)}`}
      description={
        lines.length ? (
          <ul className="gb-q-problems">
            {lines.map((l) => (
              <li key={l.k}>{l.text}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** 导入测量值: a CSV or .dfq file sent as it is; the whole file is written or nothing, the problems listed on 400. */
export function ImportButton() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<'csv' | 'dfq'>('csv');
  const run = useImportMeasurements();
  const send = async (file: File) => {
    try {
      const r = await run.mutateAsync({ file, format: /\.dfq$/i.test(file.name) ? 'dfq' : format });
      message.success(t('factory.spcPage.imported', { count: r.written }));
      setOpen(false);
      run.reset();
    } catch {
      // Shown below the picker, with the server's problems.
    }
  };
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="spc-import">
        {t('factory.spcPage.import')}
      </Button>
      <Modal
        open={open}
        title={t('factory.spcPage.importTitle')}
        footer={null}
        onCancel={() => {
          setOpen(false);
          run.reset();
        }}
        destroyOnHidden
      >
        <p className="gb-muted">{t('factory.spcPage.importHint')}</p>
        <Form layout="vertical">
          <Form.Item label={t('factory.spcPage.importFormat')}>
            <Radio.Group
              value={format}
              onChange={(e) => setFormat(e.target.value)}
              optionType="button"
              options={[
                { value: 'csv', label: 'CSV' },
                { value: 'dfq', label: 'Q-DAS .dfq' },
              ]}
            />
          </Form.Item>
          <Upload
            accept={format === 'csv' ? '.csv,text/csv' : '.dfq'}
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={run.isPending} data-testid="spc-import-file">
              {t('factory.spcPage.chooseFile')}
            </Button>
          </Upload>
        </Form>
        {run.isError && (
          <div style={{ marginTop: 16 }}>
            <Problems err={run.error} />
          </div>
        )}
      </Modal>
    </>
  );
}
