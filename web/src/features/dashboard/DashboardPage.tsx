import { Suspense } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Empty, Row, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { PageHeader } from '../shell/PageHeader';
import { isLive, usedBy, useFeatures, useProductModules, workbenchCards } from '../shell/manifest';
import { isAvailable, useModules } from '../shell/useModules';
import '../shell/workbench.css';

const SPAN = { full: 24, half: 12, third: 8 } as const;

/**
 * Each card's span on a wide screen: cards fill rows in order, and the last card of a row that would leave a gap
 * (a half card with no half beside it) widens to the row's end, so no role's home page has a hole in it.
 */
export function layoutSpans(widths: readonly (keyof typeof SPAN)[]): number[] {
  const spans = widths.map((w) => SPAN[w]);
  let used = 0;
  for (let i = 0; i < spans.length; i++) {
    if (used + spans[i] > 24) used = 0;
    used += spans[i];
    const next = spans[i + 1];
    if (used < 24 && (next === undefined || used + next > 24)) {
      spans[i] += 24 - used;
      used = 24;
    }
    if (used >= 24) used = 0;
  }
  return spans;
}

/**
 * 工作台: the signed-in user's home page. Every feature contributes cards of the work it owns (a plant manager's
 * lines today, an operator's andon, a caseworker's follow-ups due, a partner officer's newly shared records, an
 * administrator's organisations); the user gets those their permissions and organisation call for, then the
 * modules they may open.
 */
export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const features = useFeatures();
  const { data: modules } = useModules();
  const cards = workbenchCards(features, me, modules);
  const spans = layoutSpans(cards.map((c) => c.width));
  // A released module the user may not open (a buyer and the factory) is no tile: a tile is a way in, or a plan.
  const products = useProductModules().filter((m) => usedBy(m, me) && (!isAvailable(modules, m.name) || !m.gate || can(me, m.gate)));
  const today = dayjs()
    .locale(i18n.language === 'en' ? 'en' : 'zh-cn')
    .format(i18n.language === 'en' ? 'dddd, D MMMM YYYY' : 'YYYY年M月D日 dddd');

  return (
    <div data-testid="dashboard-page">
      <PageHeader title={t('dashboard.greeting', { name: me.user.displayName })} subtitle={`${me.user.orgName} · ${today}`} />
      <Row gutter={[16, 16]}>
        {!modules ? (
          <Col span={24}>
            <Skeleton active />
          </Col>
        ) : cards.length === 0 ? (
          <Col span={24}>
            <Card>
              <Empty description={t('dashboard.noCards')} />
            </Card>
          </Col>
        ) : (
          cards.map((c, i) => (
            <Col key={c.key} xs={24} xl={spans[i]} data-testid={`wb-${c.key}`}>
              <Suspense fallback={<Card loading />}>{c.element}</Suspense>
            </Col>
          ))
        )}
        {products.length > 0 && (
          <Col span={24}>
            <Card title={t('dashboard.modules')}>
              <Row gutter={[12, 12]}>
                {products.map((m) => (
                  <Col xs={24} sm={12} lg={8} xxl={4} key={m.name} flex="auto">
                    <Link to={`/${m.name}`} className="gb-module-tile">
                      <span className="gb-module-tile__icon">{m.icon}</span>
                      <span className="gb-module-tile__text">
                        <div className="gb-module-tile__name">{t(m.labelKey)}</div>
                        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
                          {t(`modules.${m.name}.users`)}
                        </Typography.Text>
                      </span>
                      {isLive(modules, m, me) ? (
                        <Tag color="green">{t('dashboard.moduleReady')}</Tag>
                      ) : (
                        <Tag color="gold" variant="filled">
                          {t('common.comingSoon')}
                        </Tag>
                      )}
                    </Link>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
