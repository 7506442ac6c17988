import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { RevealValue } from '../shell/RevealValue';
import { revealPerson } from './api';
import type { Direction, PlanStatus, RevealField, StatsScope } from './types';

/** Own side or the partner's, at a glance. */
export function AccessTag({ access }: { access: 'own' | 'partner' }) {
  const { t } = useTranslation();
  return <Tag color={access === 'own' ? 'blue' : 'default'}>{t(`talent.access.${access}`)}</Tag>;
}

export function DirectionTag({ direction }: { direction: Direction }) {
  const { t } = useTranslation();
  return (
    <Tag color={direction === 'west_to_east' ? 'geekblue' : 'green'} className="gb-nowrap">
      {t(`talent.direction.${direction}`)}
    </Tag>
  );
}

const STATUS_COLOR: Record<PlanStatus, string> = { not_started: 'default', in_progress: 'processing', done: 'success', cancelled: 'default', carried_over: 'warning' };

/** A plan item's status. */
export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`talent.plan.status.${status}`)}</Tag>;
}

/** A person's masked ID number or phone, revealed (audited) on request by the owning side. */
export function PiiValue({ personId, field, masked, canReveal }: { personId: string; field: RevealField; masked: string | null; canReveal: boolean }) {
  const { t } = useTranslation();
  return (
    <RevealValue
      masked={masked}
      canReveal={canReveal}
      fetchClear={() => revealPerson(personId, field)}
      mono
      valueTestId={`pii-${field}`}
      revealTestId={`reveal-${field}`}
      labels={{ hide: t('talent.reveal.hide'), reveal: t('talent.reveal.button'), tooltip: t('talent.reveal.tooltip') }}
    />
  );
}

/**
 * Whose records the figures on a page cover: an institution's own (a notice it cannot miss: its figures are not the
 * partnership's), else both sides' (a quiet line).
 */
export function StatsScopeNote({ scope }: { scope?: StatsScope }) {
  const { t } = useTranslation();
  if (!scope) return null;
  if (scope.kind === 'institution')
    return (
      <Alert
        type="info"
        showIcon
        className="gb-talent-scope"
        message={t('talent.stats.scope.institution', { org: scope.orgNames.join(t('talent.stats.scope.joiner')) })}
        description={t('talent.stats.scope.institutionHint')}
        data-testid="stats-scope"
      />
    );
  return (
    <span className="gb-muted" data-testid="stats-scope">
      {t(`talent.stats.scope.${scope.kind}`)}
    </span>
  );
}
