import { useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Modal, Result, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText, serverText } from '../../../api/errors';
import type { ImportReport, ImportRowError } from '../../../api/types';
import { confirmImport, discardImport, downloadTemplate, uploadSheet, type ImportKind } from './api';

interface Props {
  kind: ImportKind;
  /** What is imported, for the title ("组织" / "organisations"). */
  what: string;
  open: boolean;
  onClose: () => void;
  /** Query keys to refresh once rows were written. */
  invalidate: readonly (readonly string[])[];
  /** Column titles for the preview table, by row key. */
  previewLabels: Record<string, string>;
  /** Display of one preview value (e.g. an organisation kind in words). */
  formatValue?: (key: string, value: unknown) => string;
}

const plain = (_key: string, v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/**
 * Three steps: template and upload → the per-row report (nothing written yet) → confirm, which writes every
 * valid row in one transaction. Closing before confirming discards the pending import on the server.
 */
export function ImportWizard({ kind, what, open, onClose, invalidate, previewLabels, formatValue = plain }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [written, setWritten] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const step = written !== null ? 2 : report ? 1 : 0;

  const upload = useMutation({
    mutationFn: (file: File) => uploadSheet(kind, file),
    onSuccess: (r) => {
      setUploadError(null);
      setReport(r);
    },
    onError: (err) => setUploadError(errorText(err, t)),
  });
  const confirm = useMutation({
    mutationFn: (id: string) => confirmImport(id),
    onSuccess: (r) => {
      setWritten(r.written);
      for (const key of invalidate) void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
    onError: (err) => message.error(errorText(err, t)),
  });

  const reset = () => {
    setReport(null);
    setWritten(null);
    setUploadError(null);
    upload.reset();
    confirm.reset();
  };
  /** A pending job that was neither confirmed nor discarded is discarded, so it does not linger. */
  const discardPending = () => {
    if (report && report.status === 'pending' && written === null) void discardImport(report.id).catch(() => undefined);
  };
  const close = () => {
    discardPending();
    reset();
    onClose();
  };

  const errorColumns = [
    { title: t('imports.row'), dataIndex: 'row', width: 110, render: (row: number) => <span className="gb-row-error gb-nowrap">{t('imports.rowN', { row })}</span> },
    { title: t('imports.column'), dataIndex: 'column', width: 160 },
    {
      title: t('imports.message'),
      dataIndex: 'message',
      render: (m: string, e: ImportRowError) => <span className="gb-row-error">{serverText(e.key ? { key: e.key, params: e.params } : null, m)}</span>,
    },
  ];
  const previewKeys = report?.preview.length ? Object.keys(report.preview[0]) : [];
  const errorRowCount = report ? new Set(report.errors.map((e) => e.row)).size : 0;

  let body: ReactNode;
  if (step === 0) {
    body = (
      <div data-testid="import-step-upload">
        <section className="gb-import-section">
          <Typography.Title level={5}>{t('imports.templateTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('imports.templateHint')}</Typography.Paragraph>
          <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate(kind).catch((err: unknown) => message.error(errorText(err, t)))}>
            {t('imports.downloadTemplate')}
          </Button>
        </section>
        <section className="gb-import-section">
          <Typography.Title level={5}>{t('imports.uploadTitle')}</Typography.Title>
          {uploadError && <Alert type="error" showIcon title={uploadError} style={{ marginBottom: 12 }} data-testid="import-upload-error" />}
          <Upload.Dragger
            className="gb-import-upload"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending}
            beforeUpload={(file) => {
              if (!/\.xlsx$/i.test(file.name)) {
                setUploadError(t('imports.wrongType'));
                return Upload.LIST_IGNORE;
              }
              upload.mutate(file);
              return false;
            }}
            data-testid="import-dropzone"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{upload.isPending ? t('imports.checking') : t('imports.drop')}</p>
            <p className="ant-upload-hint">{t('imports.dropHint')}</p>
          </Upload.Dragger>
        </section>
      </div>
    );
  } else if (step === 1 && report) {
    body = (
      <div data-testid="import-step-report">
        <div className="gb-import-counts">
          <div className="gb-import-count">
            <div className="gb-muted">{t('imports.totalRows')}</div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="import-total">
              {report.totalRows}
            </Typography.Title>
          </div>
          <div className="gb-import-count gb-import-count--ok">
            <div className="gb-muted">{t('imports.validRows')}</div>
            <Typography.Title level={3} type="success" style={{ margin: 0 }} data-testid="import-valid">
              {report.validRows}
            </Typography.Title>
          </div>
          <div className="gb-import-count gb-import-count--bad">
            <div className="gb-muted">{t('imports.errorRows')}</div>
            <Typography.Title level={3} type={errorRowCount ? 'danger' : undefined} style={{ margin: 0 }} data-testid="import-invalid">
              {errorRowCount}
            </Typography.Title>
          </div>
        </div>
        <Alert
          showIcon
          type={report.validRows === 0 ? 'error' : report.errors.length ? 'warning' : 'success'}
          title={
            report.validRows === 0
              ? t('imports.noneValid')
              : report.errors.length
                ? t('imports.someInvalid', { count: errorRowCount, valid: report.validRows })
                : t('imports.allValid', { count: report.validRows })
          }
          style={{ marginBottom: 16 }}
        />
        {report.errors.length > 0 && (
          <>
            <Typography.Title level={5}>{t('imports.errorsTitle', { count: report.errors.length })}</Typography.Title>
            <Table<ImportRowError>
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              columns={errorColumns}
              dataSource={report.errors}
              pagination={report.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
              scroll={{ x: 560 }}
              data-testid="import-errors"
              style={{ marginBottom: 16 }}
            />
          </>
        )}
        {report.preview.length > 0 && (
          <>
            <Typography.Title level={5}>{t('imports.previewTitle', { count: report.preview.length })}</Typography.Title>
            <Table<Record<string, unknown>>
              size="small"
              rowKey={(_r, i) => String(i)}
              columns={previewKeys.map((k) => ({
                title: k === 'row' ? t('imports.row') : (previewLabels[k] ?? k),
                dataIndex: k,
                render: (v: unknown) => <span className="gb-nowrap">{formatValue(k, v)}</span>,
              }))}
              dataSource={report.preview}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="import-preview"
            />
          </>
        )}
      </div>
    );
  } else {
    body = <Result status="success" title={t('imports.doneTitle')} subTitle={t('imports.doneDesc', { count: written ?? 0 })} data-testid="import-step-done" />;
  }

  const footer =
    step === 0
      ? [
          <Button key="cancel" onClick={close}>
            {t('common.cancel')}
          </Button>,
        ]
      : step === 1 && report
        ? [
            <Button
              key="discard"
              onClick={() => {
                discardPending();
                reset();
                message.info(t('imports.discarded'));
              }}
              disabled={confirm.isPending}
            >
              {t('imports.reupload')}
            </Button>,
            <Button
              key="confirm"
              type="primary"
              disabled={report.validRows === 0}
              loading={confirm.isPending}
              onClick={() => confirm.mutate(report.id)}
              data-testid="import-confirm"
            >
              {t('imports.confirm', { count: report.validRows })}
            </Button>,
          ]
        : [
            <Button key="again" onClick={reset}>
              {t('imports.again')}
            </Button>,
            <Button key="done" type="primary" onClick={close} data-testid="import-finish">
              {t('imports.finish')}
            </Button>,
          ];

  return (
    <Modal open={open} title={t('imports.title', { what })} onCancel={close} footer={footer} width={880} destroyOnHidden mask={{ closable: false }} data-testid="import-wizard">
      <Steps className="gb-steps" current={step} size="small" items={[{ title: t('imports.stepUpload') }, { title: t('imports.stepReport') }, { title: t('imports.stepDone') }]} />
      {body}
    </Modal>
  );
}
