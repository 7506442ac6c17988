import { Link } from 'react-router-dom';
import { Button, Tag } from 'antd';
import { CheckCircleOutlined, CheckOutlined, ClockCircleOutlined, ToolOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Alarm, FactoryLine } from '../../api/types';
import { currentLocale } from '../../i18n';
import { duration, formatValue } from './format';
import { lineName } from './model';
import { plantHms } from './plantTime';

export const alarmMessage = (a: Alarm) => (currentLocale() === 'zh-CN' ? a.messageZh : a.messageEn);
export const alarmDeviceName = (a: Alarm) => (currentLocale() === 'zh-CN' ? a.deviceNameZh : a.deviceNameEn);

/**
 * One open alarm on the andon board: severity, machine and line, the message in the UI language, how long it has
 * been open (ticking), who acknowledged it and how fast; and the two actions with large touch targets.
 */
export function AlarmCard({
  alarm: a,
  line,
  now,
  fresh,
  acking,
  onAcknowledge,
  onResolve,
}: {
  alarm: Alarm;
  line: FactoryLine | undefined;
  now: number;
  fresh: boolean;
  acking: boolean;
  /** Absent when the reader may not acknowledge (only the plant's own people may): no button. */
  onAcknowledge?: () => void;
  /** Absent when the reader lacks the plant's manage permission: no button. */
  onResolve?: () => void;
}) {
  const { t } = useTranslation();
  const acked = !!a.acknowledgedAt;
  const age = (now - Date.parse(a.raisedAt)) / 1000;
  const cls = ['gb-alarm', `gb-alarm--${a.severity}`, acked ? 'gb-alarm--acked' : 'gb-alarm--unacked', fresh ? 'gb-alarm--fresh' : ''].filter(Boolean).join(' ');
  return (
    <article className={cls} data-testid={`alarm-${a.deviceCode}`} data-alarm-id={a.id} data-acknowledged={acked ? 'true' : 'false'} data-severity={a.severity}>
      <div className="gb-alarm__main">
        <div className="gb-alarm__top">
          <Tag className="gb-alarm__severity" variant="solid" color={a.severity === 'critical' ? 'red' : a.severity === 'warning' ? 'orange' : 'blue'}>
            {t(`factory.andon.severity.${a.severity}`)}
          </Tag>
          <Link to={`/factory/devices/${a.deviceId}`} className="gb-alarm__device gb-mono">
            {a.deviceCode}
          </Link>
          <span className="gb-alarm__name">{alarmDeviceName(a)}</span>
          <span className="gb-alarm__age" title={t('factory.andon.raisedAt', { time: plantHms(Date.parse(a.raisedAt)) })} data-testid="alarm-age">
            <ClockCircleOutlined /> {duration(age, t)}
          </span>
        </div>
        <div className="gb-alarm__message" data-testid="alarm-message">
          {alarmMessage(a)}
        </div>
        <div className="gb-alarm__meta">
          <span>{a.lineId ? (line ? `${line.code} · ${lineName(line)}` : a.lineCode) : t('factory.andon.noLine')}</span>
          <span>{t('factory.andon.raisedAt', { time: plantHms(Date.parse(a.raisedAt)) })}</span>
          <span>
            {t(`factory.andon.source.${a.source}`)}
            {a.source === 'rule' && a.value !== null && ` · ${formatValue(a.value, 2)}`}
          </span>
        </div>
        <div className="gb-alarm__ack">
          {acked ? (
            <span className="gb-alarm__acked" data-testid="alarm-acked">
              <CheckCircleOutlined /> {t('factory.andon.ackedBy', { name: a.acknowledgedBy ?? '—', time: duration(a.responseS, t) })}
            </span>
          ) : (
            <Tag color="error" variant="outlined" className="gb-alarm__unacked">
              {t('factory.andon.unacknowledged')}
            </Tag>
          )}
        </div>
      </div>
      <div className="gb-alarm__actions">
        {/* Once acknowledged the button stays, disabled, so the card keeps its size and the next alarm's button does not slide under the finger. */}
        {onAcknowledge &&
          (acked ? (
            <Button size="large" icon={<CheckCircleOutlined />} disabled data-testid="alarm-acknowledged">
              {t('factory.andon.acknowledged')}
            </Button>
          ) : (
            <Button
              type="primary"
              danger={a.severity === 'critical'}
              size="large"
              icon={<CheckOutlined />}
              loading={acking}
              onClick={onAcknowledge}
              data-testid="alarm-acknowledge"
            >
              {t('factory.andon.acknowledge')}
            </Button>
          ))}
        {onResolve && (
          <Button size="large" icon={<ToolOutlined />} onClick={onResolve} data-testid="alarm-resolve">
            {t('factory.andon.resolve')}
          </Button>
        )}
      </div>
    </article>
  );
}
