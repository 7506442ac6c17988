import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App as AntApp, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NcrInput, NcrSource } from '../../../api/types';
import { errorText } from '../../../api/errors';
import { useDefectCodes } from '../production/api';
import { nameOf } from '../production/labels';
import { useCreateNcr } from './api';

/**
 * Opens an NCR from what a page found: units (a genealogy), a recall (every unit it reached, and its lot), an SPC
 * signal (its line and operation, with a quantity), or nothing (a manual record with a quantity). Its units go on hold; the new record opens.
 */
export function NcrCreateModal({
  open,
  onClose,
  source,
  target,
  detail,
  defectCode,
}: {
  open: boolean;
  onClose: () => void;
  source: NcrSource;
  target: Pick<NcrInput, 'unitIds' | 'recall' | 'lotId' | 'spcSignalId'>;
  detail?: string;
  defectCode?: string | null;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const defects = useDefectCodes();
  const create = useCreateNcr();
  const [description, setDescription] = useState('');
  const [defect, setDefect] = useState<string | undefined>(defectCode ?? undefined);
  const [quantity, setQuantity] = useState<number | null>(1);
  const needsQuantity = !target.unitIds?.length && !target.recall;
  const submit = () =>
    create
      .mutateAsync({ source, description: description.trim(), defectCode: defect, ...target, ...(needsQuantity && quantity ? { quantity } : {}) })
      .then((n) => {
        message.success(t('factory.ncr.created', { number: n.number }));
        onClose();
        navigate(`/factory/ncrs/${n.id}`);
      })
      .catch((err) => void message.error(errorText(err, t)));
  return (
    <Modal
      open={open}
      title={t('factory.ncr.createTitle')}
      okText={t('factory.ncr.openFrom')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: !description.trim() || (needsQuantity && !quantity), danger: true, 'data-testid': 'ncr-create-ok' }}
      onCancel={onClose}
      onOk={() => void submit()}
      afterClose={() => setDescription('')}
      destroyOnHidden
    >
      {detail && <Typography.Paragraph>{detail}</Typography.Paragraph>}
      <label className="gb-form-label" htmlFor="ncr-description">
        {t('factory.ncr.fields.description')}
      </label>
      <Input.TextArea
        id="ncr-description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        maxLength={2000}
        showCount
        autoSize={{ minRows: 3, maxRows: 6 }}
        placeholder={t('factory.ncr.descriptionPlaceholder')}
        style={{ marginBottom: 16 }}
        data-testid="ncr-description"
      />
      <label className="gb-form-label" htmlFor="ncr-defect">
        {t('factory.ncr.fields.defect')}
      </label>
      <Select
        id="ncr-defect"
        allowClear
        value={defect}
        onChange={setDefect}
        placeholder={t('factory.ncr.defectAny')}
        options={(defects.data ?? []).map((d) => ({ value: d.code, label: `${d.code} · ${nameOf(d)}` }))}
        style={{ width: '100%', marginBottom: 16 }}
        data-testid="ncr-defect"
      />
      {needsQuantity && (
        <>
          <label className="gb-form-label" htmlFor="ncr-quantity">
            {t('factory.ncr.fields.quantity')}
          </label>
          <InputNumber id="ncr-quantity" min={1} max={1_000_000} precision={0} value={quantity} onChange={setQuantity} style={{ width: '100%' }} data-testid="ncr-quantity" />
        </>
      )}
    </Modal>
  );
}
