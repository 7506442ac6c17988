import type { ReactNode } from 'react';
import { Progress, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OeeFigures } from '../../api/types';
import { WarningOutlined } from '@ant-design/icons';
import { isOver, pct, ratioColor, whyUndefined, type Ratio } from './oeeFormat';

/** A ratio as "85.6 %", or "—" with the reason it is not defined in a tooltip. */
export function RatioValue({ figures, ratio, className, why }: { figures: OeeFigures | null; ratio: Ratio; className?: string; why?: string }) {
  const { t } = useTranslation();
  const v = figures ? figures[ratio] : null;
  const reason = why ?? (figures ? whyUndefined(figures, ratio, t) : null);
  if (v === null) {
    return (
      <Tooltip title={reason}>
        <button type="button" className={`gb-plain-button gb-ratio gb-ratio--none ${className ?? ''}`} data-testid={`ratio-${ratio}`}>
          —
        </button>
      </Tooltip>
    );
  }
  // Above 100 % is measured, not capped: a warning (the ideal cycle time set too slow?), never success green.
  const over = (ratio === 'performance' || ratio === 'oee') && isOver(v);
  const text = (
    <span
      className={`gb-ratio${over ? ' gb-ratio--over' : ''} ${className ?? ''}`}
      style={{ color: ratioColor(v) }}
      data-testid={`ratio-${ratio}`}
      data-value={v.toFixed(4)}
      data-over={over || undefined}
    >
      {over && <WarningOutlined className="gb-ratio__warn" aria-label={t('factory.oee.perfOver')} />}
      {pct(v)}
    </span>
  );
  return over ? <Tooltip title={t('factory.oee.perfOver')}>{text}</Tooltip> : text;
}

const FACTORS: { ratio: Ratio; short: string; op: string }[] = [
  { ratio: 'availability', short: 'A', op: '' },
  { ratio: 'performance', short: 'P', op: '×' },
  { ratio: 'quality', short: 'Q', op: '×' },
];

/**
 * One shift (or the day) as A × P × Q = OEE: the OEE on a gauge, its three factors as bars, and the units made.
 * `figures` null is a shift that has not started; the card then says so instead of showing zeros.
 */
export function OeeFiguresCard({
  title,
  status,
  figures,
  selected,
  onSelect,
  testId,
  notStarted,
}: {
  title: ReactNode;
  status?: ReactNode;
  figures: OeeFigures | null;
  selected?: boolean;
  onSelect?: () => void;
  testId?: string;
  notStarted?: string;
}) {
  const { t } = useTranslation();
  const oee = figures?.oee ?? null;
  const why = figures ? whyUndefined(figures, 'oee', t) : notStarted;
  const gauge = (
    <Progress
      type="dashboard"
      size={112}
      percent={oee === null ? 0 : Math.min(100, oee * 100)}
      strokeColor={ratioColor(oee)}
      railColor="#eef0f4"
      strokeWidth={9}
      format={() => (
        <span className="gb-oee-gauge__text">
          <span className="gb-oee-gauge__value" style={{ color: oee === null ? undefined : ratioColor(oee) }} data-testid="oee-value">
            {oee === null ? '—' : pct(oee)}
          </span>
          <span className="gb-oee-gauge__label">OEE</span>
        </span>
      )}
    />
  );
  const body = (
    <>
      <div className="gb-oee-card__head">
        <span className="gb-oee-card__title">{title}</span>
        {status}
      </div>
      <div className="gb-oee-card__body">
        {oee === null && why ? <Tooltip title={why}>{gauge}</Tooltip> : gauge}
        <div className="gb-oee-factors">
          {FACTORS.map((f) => {
            const v = figures ? figures[f.ratio] : null;
            return (
              <div className="gb-oee-factor" key={f.ratio}>
                <span className="gb-oee-factor__op" aria-hidden>
                  {f.op}
                </span>
                {/* The full name where the card is wide enough, the short one (A 开动率) in a narrow card. */}
                <span className="gb-oee-factor__label" title={t(`factory.oee.${f.ratio}`)}>
                  <b>{f.short}</b> <span className="gb-oee-factor__long">{t(`factory.oee.${f.ratio}`)}</span>
                  <span className="gb-oee-factor__short">{t(`factory.oee.factorShort.${f.ratio}`)}</span>
                </span>
                <RatioValue figures={figures} ratio={f.ratio} className="gb-oee-factor__value" why={figures ? undefined : notStarted} />
                <span className="gb-oee-factor__bar">
                  <span style={{ width: `${v === null ? 0 : Math.min(100, v * 100)}%`, background: ratioColor(v) }} />
                </span>
              </div>
            );
          })}
        </div>
      </div>
      <div className="gb-oee-card__foot">
        {figures ? (
          <>
            {/* A line's or plant's counts are its stations' summed: a housing counts once at every operation. */}
            {figures.devices > 1 ? (
              <span title={t('factory.oee.stationPartsHint')}>{t('factory.oee.stationParts', { good: figures.good.toLocaleString(), total: figures.total.toLocaleString() })}</span>
            ) : (
              <span>{t('factory.oee.goodOfTotal', { good: figures.good.toLocaleString(), total: figures.total.toLocaleString() })}</span>
            )}
            <span>{t('factory.oee.failuresCount', { count: figures.failures })}</span>
          </>
        ) : (
          <span>{notStarted}</span>
        )}
      </div>
    </>
  );
  const cls = `gb-oee-card${selected ? ' gb-oee-card--selected' : ''}${onSelect ? ' gb-oee-card--button' : ''}`;
  // A div acting as a button: the card holds tooltips of its own (on buttons), which a real <button> may not contain.
  return onSelect ? (
    // biome-ignore lint/a11y/useSemanticElements: a <button> may not contain the card's own tooltip buttons; role, tabIndex and Enter/Space make the div one.
    <div
      role="button"
      tabIndex={0}
      className={cls}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
      aria-pressed={selected}
      data-testid={testId}
    >
      {body}
    </div>
  ) : (
    <div className={cls} data-testid={testId}>
      {body}
    </div>
  );
}
