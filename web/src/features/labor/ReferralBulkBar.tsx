import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Input, Modal, Select, Table, Typography } from 'antd';
import { CheckSquareOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText, serverText } from '../../api/errors';
import { useBulkAdvanceReferrals } from './api';
import type { ReferralBulkResult, ReferralBulkStep } from './types';

const STEPS: ReferralBulkStep[] = ['contacted', 'interviewed', 'hired', 'hired_started', 'started'];
type Row = ReferralBulkResult['rows'][number];

/**
 * The board's bulk step: the selected referrals move to one step on one day, with an optional note (a job fair's
 * hires in one go). The server applies what it may in one transaction and answers a result per referral; those it
 * left as they were are listed with why.
 */
export function ReferralBulkBar({ ids, onDone, onClear }: { ids: string[]; onDone: () => void; onClear: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const run = useBulkAdvanceReferrals();
  const [step, setStep] = useState<ReferralBulkStep>('hired');
  const [on, setOn] = useState<Dayjs>(dayjs());
  const [note, setNote] = useState('');
  const [result, setResult] = useState<{ r: ReferralBulkResult; step: ReferralBulkStep } | null>(null);

  const apply = () =>
    run.mutateAsync({ ids, step, on: on.format('YYYY-MM-DD'), note: note.trim() || null }).then(
      (r) => {
        setResult({ r, step });
        if (r.applied) setNote('');
      },
      (err: unknown) => message.error(errorText(err, t)),
    );
  const skipped = result?.r.rows.filter((x) => !x.ok) ?? [];
  // The selection is cleared once the result is read (the bar, and this modal in it, then go away).
  const closeResult = () => {
    const moved = (result?.r.applied ?? 0) > 0;
    setResult(null);
    if (moved) onDone();
  };

  return (
    <div className="gb-labor-bulk" data-testid="referral-bulk-bar">
      <div className="gb-labor-bulk__count">
        <CheckSquareOutlined /> {t('labor.referral.bulk.selected', { count: ids.length })}
      </div>
      <Select<ReferralBulkStep>
        className="gb-labor-bulk__step"
        aria-label={t('labor.referral.bulk.step')}
        value={step}
        onChange={setStep}
        options={STEPS.map((s) => ({ value: s, label: t(`labor.referral.bulk.steps.${s}`) }))}
        data-testid="referral-bulk-step"
      />
      <DatePicker
        className="gb-labor-bulk__on"
        aria-label={t('labor.referral.bulk.on')}
        value={on}
        onChange={(d) => d && setOn(d)}
        allowClear={false}
        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        data-testid="referral-bulk-on"
      />
      <Input
        className="gb-labor-bulk__note"
        placeholder={t('labor.referral.bulk.note')}
        value={note}
        maxLength={200}
        onChange={(e) => setNote(e.target.value)}
        data-testid="referral-bulk-note"
      />
      <Button type="primary" loading={run.isPending} onClick={() => void apply()} data-testid="referral-bulk-apply">
        {t('labor.referral.bulk.apply')}
      </Button>
      <Button type="link" onClick={onClear} data-testid="referral-bulk-clear">
        {t('labor.referral.bulk.clear')}
      </Button>
      <Typography.Text type="secondary" className="gb-labor-bulk__hint">
        {t('labor.referral.bulk.hint')}
      </Typography.Text>
      <Modal
        open={result !== null}
        title={
          result &&
          (result.r.skipped
            ? t('labor.referral.bulk.resultTitle', { applied: result.r.applied, skipped: result.r.skipped })
            : t('labor.referral.bulk.resultAllDone', { applied: result.r.applied, stage: t(`labor.referral.bulk.steps.${result.step}`) }))
        }
        onCancel={closeResult}
        onOk={closeResult}
        okText={t('common.confirm')}
        cancelButtonProps={{ style: { display: 'none' } }}
        width={720}
        destroyOnHidden
      >
        <div data-testid="referral-bulk-result">
          {skipped.length > 0 && (
            <Table<Row>
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 520 }}
              dataSource={skipped}
              title={() => t('labor.referral.bulk.skippedHead')}
              columns={[
                {
                  title: t('labor.referral.worker'),
                  key: 'who',
                  render: (_v, x) => (
                    <div>
                      {x.workerNameMasked ?? t('labor.referral.bulk.unknown')}
                      {x.postingTitle && <div className="gb-muted">{x.postingTitle}</div>}
                    </div>
                  ),
                },
                { title: t('labor.referral.bulk.stage'), key: 'stage', width: 100, render: (_v, x) => (x.status ? t(`labor.referralStatus.${x.status}`) : '—') },
                {
                  title: t('labor.referral.bulk.why'),
                  key: 'why',
                  render: (_v, x) => <span data-testid="referral-bulk-why">{serverText(x.key ? { key: x.key, params: x.params } : null, x.message ?? '')}</span>,
                },
              ]}
            />
          )}
        </div>
      </Modal>
    </div>
  );
}
