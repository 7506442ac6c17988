import type { TFunction } from 'i18next';
import i18n from '../../i18n';
import type { DeviceKind } from '../../api/types';

/** Names for codes the server sends as free strings; a code the web does not know yet is shown as it is. */
const known = (t: TFunction, key: string, fallback: string) => (i18n.exists(key) ? t(key) : fallback);

export const kindLabel = (t: TFunction, kind: DeviceKind) => t(`factory.kinds.${kind}`);
export const reasonLabel = (t: TFunction, reason: string) => known(t, `factory.reasons.${reason}`, reason);
export const metricLabel = (t: TFunction, metric: string) => known(t, `factory.metrics.${metric}`, metric);
