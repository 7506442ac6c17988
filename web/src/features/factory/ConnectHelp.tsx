import { Col, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MACHINE_STATES } from './model';

const JSON_EXAMPLE = `{
  "ts": "2026-03-01T08:00:00+08:00",
  "metrics": {
    "state": 1,
    "temperature": 24.5,
    "part_count": 1532,
    "cycle_complete": true
  }
}`;

/**
 * How a device connects. The page cannot know the broker address devices use (it depends on the network between
 * them and this installation), so it names where it is configured instead of guessing a host.
 */
export function ConnectHelp({ group }: { group: string }) {
  const { t } = useTranslation();
  return (
    <div className="gb-connect-help" data-testid="connect-help">
      <Typography.Paragraph>
        <Typography.Text strong>{t('factory.help.brokerTitle')}</Typography.Text> {t('factory.help.broker')}
      </Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={12}>
          <h4 className="gb-help-title">
            Sparkplug B v3.0{' '}
            <Tag variant="filled" color="geekblue">
              {t('factory.help.recommended')}
            </Tag>
          </h4>
          <Typography.Paragraph type="secondary">{t('factory.help.sparkplug')}</Typography.Paragraph>
          <pre className="gb-code" data-testid="help-sparkplug-topics">{`spBv1.0/${group}/{NBIRTH|NDATA|NDEATH}/{node}
spBv1.0/${group}/{DBIRTH|DDATA|DDEATH}/{node}/{device}`}</pre>
          <ul className="gb-help-list">
            <li>{t('factory.help.sparkplugBirth')}</li>
            <li>{t('factory.help.sparkplugSeq')}</li>
            <li>{t('factory.help.sparkplugNew')}</li>
          </ul>
        </Col>
        <Col xs={24} xl={12}>
          <h4 className="gb-help-title">JSON</h4>
          <Typography.Paragraph type="secondary">{t('factory.help.json')}</Typography.Paragraph>
          <pre className="gb-code" data-testid="help-json-topic">{`gb/v1/${group}/{device}`}</pre>
          <pre className="gb-code">{JSON_EXAMPLE}</pre>
          <Typography.Paragraph type="secondary">{t('factory.help.jsonTs')}</Typography.Paragraph>
          <pre className="gb-code">{`mosquitto_pub -q 1 -u L1-LSR01 -P '<password>' \\
  -t gb/v1/${group}/L1-LSR01 \\
  -m '{"metrics":{"temperature":24.5}}'`}</pre>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('factory.help.metrics')}
        {t('factory.help.stateCodes', { codes: MACHINE_STATES.map((s) => `${s.code} = ${t(`factory.states.${s.key}`)}`).join(t('factory.help.listSep')) })}
      </Typography.Paragraph>
    </div>
  );
}
