import { useTranslation } from 'react-i18next';
import type { OutputFigures } from '@gearbridge/contracts/factory';
import { oneIn, ppmColor, ppmText, yieldPct } from './format';
import './quality.css';

/** One figure of the plant's day: its label, the value, and a line under it. */
function Figure({ label, value, sub, color, testId }: { label: string; value: string; sub?: string | null; color?: string; testId?: string }) {
  return (
    <div className="gb-q-figure" data-testid={testId}>
      <div className="gb-q-figure__label">{label}</div>
      <div className="gb-q-figure__value" style={color ? { color } : undefined}>
        {value}
      </div>
      {sub && <div className="gb-q-figure__sub gb-muted">{sub}</div>}
    </div>
  );
}

/** The plant's day against the target: good, NOK, FPY, RTY and ppm — ppm green at or below the target, red above. */
export function YieldFigures({ f, target, testId }: { f: OutputFigures; target: number | null; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="gb-q-figures" data-testid={testId}>
      <Figure label={t('factory.quality.good')} value={f.good.toLocaleString()} testId="q-good" />
      <Figure label={t('factory.quality.nok')} value={f.nok.toLocaleString()} color={f.nok > 0 ? '#d23f3f' : undefined} testId="q-nok" />
      <Figure label={t('factory.quality.fpy')} value={yieldPct(f.firstPassYield)} testId="q-fpy" />
      <Figure label={t('factory.quality.rty')} value={yieldPct(f.rolledThroughputYield)} testId="q-rty" />
      <Figure
        label={t('factory.quality.ppm')}
        value={ppmText(f.ppm)}
        sub={f.ppm === null ? null : target === null ? oneIn(f.ppm, t) : `${oneIn(f.ppm, t)} · ${f.ppm <= target ? t('factory.quality.onTarget') : t('factory.quality.offTarget')}`}
        color={ppmColor(f.ppm, target)}
        testId="q-ppm"
      />
    </div>
  );
}
