import { Popover, Progress, Tag, Tooltip } from 'antd';
import { InfoCircleOutlined, WarningOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { wageRange } from '../labels';
import type { ScoreExplanation } from './types';

type Params = Record<string, string | number | string[]>;

const num = (v: unknown) => (typeof v === 'number' ? v : null);

/**
 * One line of the engine's explanation in the interface language: the detail code (docs/matching.md, e.g.
 * `wage.range_reaches`) with its figures. Unknown codes show as written, so a new engine code is never hidden.
 */
export function detailText(t: TFunction, code: string, params: Params): string {
  const key = code === 'start.ready' && params.days === 0 ? 'laborPlacement.detail.start.now' : `laborPlacement.detail.${code}`;
  const values = {
    range: wageRange(num(params.wageMin), num(params.wageMax)),
    min: num(params.minWage)?.toLocaleString() ?? '—',
    days: num(params.days) ?? 0,
    held: num(params.held) ?? 0,
    of: num(params.of) ?? 0,
    missing: Array.isArray(params.missing) ? params.missing.join('、') : String(params.missing ?? ''),
    open: num(params.openHeadcount) ?? 0,
  };
  return t(key, { ...values, defaultValue: code });
}

function ageRange(t: TFunction, min: number | null, max: number | null): string {
  if (min !== null && max !== null) return t('laborPlacement.ageRange.both', { min, max });
  return min !== null ? t('laborPlacement.ageRange.min', { min }) : t('laborPlacement.ageRange.max', { max });
}

/** A hard exclusion (docs/matching.md) in the interface language, with its figures. */
export function exclusionText(t: TFunction, code: string, params: Params): string {
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return t(`laborPlacement.exclusion.${code}`, {
    missing: list(params.missing).join('、'),
    age: num(params.age) ?? '',
    range: code === 'age.outside_range' ? ageRange(t, num(params.ageMin), num(params.ageMax)) : '',
    demands: list(params.demands)
      .map((d) => t(`laborPlacement.demand.${d}`, { defaultValue: d }))
      .join(t('laborPlacement.listSeparator')),
    defaultValue: code,
  });
}
export const warningText = (t: TFunction, code: string) => t(`laborPlacement.warning.${code}`, { defaultValue: code });

export const scoreColor = (score: number) => (score >= 80 ? '#1a8f5a' : score >= 60 ? '#1f7ae0' : score >= 40 ? '#e08a1e' : '#d23f3f');

/** The score as a short bar with its number: green from 80, blue from 60, orange from 40, red below. */
export function ScoreBar({ score, width = 120 }: { score: number; width?: number }) {
  return (
    <span className="gb-lp-score" style={{ width }} data-testid="score-bar" data-score={score}>
      <Progress percent={score} size="small" strokeColor={scoreColor(score)} format={(p) => <span className="gb-lp-score__n">{p}</span>} />
    </span>
  );
}

/** Every factor with its points out of its maximum and why, then the hard exclusions. */
export function Explanation({ e }: { e: ScoreExplanation }) {
  const { t } = useTranslation();
  return (
    <div className="gb-lp-explain" data-testid="score-explanation">
      {e.items.map((it) => (
        <div key={it.factor} className="gb-lp-explain__row">
          <span className="gb-lp-explain__factor">{t(`laborPlacement.factor.${it.factor}`, { defaultValue: it.factor })}</span>
          <span className={`gb-lp-explain__pts${it.points < 0 ? ' gb-lp-explain__pts--neg' : it.points === it.max ? ' gb-lp-explain__pts--full' : ''}`}>
            {it.points}/{it.max}
          </span>
          <span className="gb-lp-explain__detail">{detailText(t, it.detail, it.params)}</span>
        </div>
      ))}
      <div className="gb-lp-explain__total">
        {t('laborPlacement.explain.total')} <b>{e.total}</b> / 100
      </div>
      {e.exclusions.length > 0 && (
        <div className="gb-lp-explain__excl">
          <WarningOutlined /> {t('laborPlacement.explain.excluded')}：{e.exclusions.map((x) => exclusionText(t, x.code, x.params)).join('；')}
        </div>
      )}
    </div>
  );
}

/** The score bar with the explanation in a popover (click or hover). */
export function ScoreWithExplanation({ score, e, width }: { score: number; e: ScoreExplanation | null; width?: number }) {
  const { t } = useTranslation();
  if (!e) return <ScoreBar score={score} width={width} />;
  return (
    <Popover content={<Explanation e={e} />} title={t('laborPlacement.explain.title')} trigger={['hover', 'click']} placement="left">
      <button type="button" className="gb-plain-button gb-lp-score-wrap" data-testid="score-popover">
        <ScoreBar score={score} width={width} />
        <InfoCircleOutlined className="gb-muted" />
      </button>
    </Popover>
  );
}

export function WarningTags({ warnings }: { warnings: string[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <>
      {warnings.map((w) => (
        <Tooltip key={w} title={t(`laborPlacement.warningHint.${w}`, { defaultValue: '' })}>
          <Tag color="orange" icon={<WarningOutlined />} data-testid={`warning-${w}`}>
            {warningText(t, w)}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}
