import { useState } from 'react';
import { Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Alarm } from '../../api/types';
import { alarmMessage } from './AlarmCard';

/** Closes an alarm with an optional note of what was done (kept in the history with the repair time). */
export function ResolveModal({ alarm, pending, onCancel, onResolve }: { alarm: Alarm | null; pending: boolean; onCancel: () => void; onResolve: (note: string) => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <Modal
      open={!!alarm}
      title={alarm ? t('factory.andon.resolveTitle', { device: alarm.deviceCode }) : ''}
      okText={t('factory.andon.resolve')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onCancel={onCancel}
      onOk={() => onResolve(note.trim())}
      afterClose={() => setNote('')}
      destroyOnHidden
      rootClassName="gb-resolve-modal"
    >
      {alarm && <Typography.Paragraph strong>{alarmMessage(alarm)}</Typography.Paragraph>}
      <label className="gb-form-label" htmlFor="resolve-note">
        {t('factory.andon.note')} <span className="gb-muted">({t('common.optional')})</span>
      </label>
      <Input.TextArea
        id="resolve-note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        showCount
        autoSize={{ minRows: 3, maxRows: 6 }}
        placeholder={t('factory.andon.notePlaceholder')}
        style={{ marginBottom: 16 }}
        data-testid="resolve-note"
      />
    </Modal>
  );
}
