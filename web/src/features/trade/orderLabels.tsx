import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Milestone, Order } from './types';

export const OrderStatusTag = ({ status }: { status: Order['status'] }) => {
  const { t } = useTranslation();
  return <Tag color={status === 'open' ? 'green' : status === 'completed' ? 'blue' : 'red'}>{t(`trade.order.status.${status}`)}</Tag>;
};

/** A milestone's name: its kind, for a payment the term's kind and share ("预付款（30%）"). */
export function useMilestoneName() {
  const { t } = useTranslation();
  return (o: Order, m: Milestone) => {
    if (m.kind !== 'payment') return t(`trade.milestone.kind.${m.kind}`);
    const term = o.paymentTerms.find((p) => p.seq === m.termSeq);
    return term ? t('trade.milestone.paymentName', { kind: t(`trade.payment.kind.${term.kind}`), percent: term.percent }) : t('trade.milestone.kind.payment');
  };
}

/** The first milestone not done, by due date (then its order). */
export const nextMilestone = (o: Order): Milestone | undefined =>
  o.milestones.filter((m) => !m.doneOn).sort((a, b) => (a.dueDate === b.dueDate ? a.seq - b.seq : a.dueDate < b.dueDate ? -1 : 1))[0];

/** Today in China (the milestones' days are China days). */
export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
