import { Card, Col, Row, Tag, Typography } from 'antd';
import { ClockCircleOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ModuleName } from '../../api/types';
import { useProductModules } from '../shell/manifest';
import { PageHeader } from '../shell/PageHeader';
import { isAvailable, useModules } from '../shell/useModules';

/**
 * A product module that is not built yet: what it will do (SPEC §1–5) and who will use it. Deliberately no
 * sample numbers or mock screens: nothing here should be mistaken for real data.
 */
export default function ModulePage({ name }: { name: ModuleName }) {
  const { t } = useTranslation();
  const module = useProductModules().find((m) => m.name === name);
  const { data: modules } = useModules();
  const available = isAvailable(modules, name);
  const features = t(`modules.${name}.features`, { returnObjects: true }) as unknown as string[];

  return (
    <div data-testid={`module-page-${name}`}>
      <PageHeader
        title={
          <span className="gb-title-with-tag">
            {module && t(module.labelKey)}{' '}
            {!available && (
              <Tag color="gold" variant="filled" icon={<ClockCircleOutlined />}>
                {t('common.comingSoon')}
              </Tag>
            )}
          </span>
        }
      />
      <section className="gb-module-hero">
        <span className="gb-module-hero__icon">{module?.icon}</span>
        <div>
          <h2>{t(`modules.${name}.title`)}</h2>
          <p>{t(`modules.${name}.summary`)}</p>
        </div>
      </section>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card title={t('modules.plannedFeatures')}>
            <ul className="gb-feature-list">
              {features.map((f) => (
                <li key={f}>
                  {/* A plan, not a done thing: a plain bullet, never a check mark. */}
                  <span className="gb-feature-list__bullet gb-feature-list__bullet--planned" aria-hidden />
                  <span>{f}</span>
                </li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card title={t('modules.comingTitle')}>
            <Typography.Paragraph type="secondary">{t('modules.comingDesc')}</Typography.Paragraph>
            <Typography.Text strong>
              <TeamOutlined /> {t('modules.whoUses')}
            </Typography.Text>
            <Typography.Paragraph className="gb-muted" style={{ marginTop: 6, marginBottom: 0 }}>
              {t(`modules.${name}.users`)}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
