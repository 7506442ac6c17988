import type { ReactNode } from 'react';
import { Alert, Col, Row } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { REFERRAL_EMPLOYER_HIDDEN, REFERRAL_EMPLOYER_VIEW } from '@gearbridge/contracts/labor/referral-view';
import type { Posting, Worker } from './types';

/**
 * What the employer of a partner region's posting will and will not see of the worker once referred — the fields
 * of a referral (contracts' REFERRAL_EMPLOYER_VIEW), which is all the server gives the employer's side.
 */
export function EmployerViewNotice({ worker, posting }: { worker: Pick<Worker, 'nameMasked' | 'orgName' | 'consent'>; posting: Pick<Posting, 'orgName'> }) {
  const { t } = useTranslation();
  const values = { name: worker.nameMasked, bureau: worker.orgName, employer: posting.orgName };
  const list = (keys: readonly string[], prefix: string, icon: ReactNode) => (
    <ul className="gb-labor-employer-view__list">
      {keys.map((k) => (
        <li key={k}>
          {icon} {t(`labor.referral.employerView.${prefix}.${k}`, values)}
        </li>
      ))}
    </ul>
  );
  return (
    <Alert
      type={worker.consent.given ? 'info' : 'warning'}
      showIcon
      className="gb-labor-employer-view"
      data-testid="employer-view"
      data-consent={worker.consent.given ? 'given' : 'none'}
      title={t(worker.consent.given ? 'labor.referral.employerView.titleConsent' : 'labor.referral.employerView.titleNoConsent', values)}
      description={
        <Row gutter={16}>
          <Col xs={24} sm={12} data-testid="employer-sees">
            <strong>{t('labor.referral.employerView.sees')}</strong>
            {list(Object.keys(REFERRAL_EMPLOYER_VIEW), 'seen', <EyeOutlined />)}
          </Col>
          <Col xs={24} sm={12} data-testid="employer-not-sees">
            <strong>{t('labor.referral.employerView.notSees')}</strong>
            {list(REFERRAL_EMPLOYER_HIDDEN, 'hidden', <EyeInvisibleOutlined />)}
          </Col>
        </Row>
      }
    />
  );
}
