import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Form, Input, Row, Skeleton, Space, TimePicker, Tooltip, Typography } from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ShiftDef } from '../../api/types';
import { errorText } from '../../api/errors';
import { can, useCurrentUser } from '../auth/session';
import { PageHeader } from '../shell/PageHeader';
import { QueryError } from '../shell/StatusViews';
import { useCalendar, useSaveCalendar } from './api';
import { minutesOf } from './plantTime';
import './factory.css';
import './oee.css';

interface BreakValues {
  start?: Dayjs | null;
  end?: Dayjs | null;
}
interface ShiftValues {
  code: string;
  name: string;
  start?: Dayjs | null;
  end?: Dayjs | null;
  breaks?: BreakValues[];
}
interface Values {
  shifts: ShiftValues[];
}

const MAX_SHIFTS = 4;
const MAX_BREAKS = 6;
const DAY_MIN = 24 * 60;
const SHIFT_COLORS = ['#1f4fd1', '#1a8f5a', '#7b4fd1', '#0f9fb4'];

const toTime = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return dayjs().hour(h).minute(m).second(0).millisecond(0);
};
const hm = (d: Dayjs | null | undefined) => (d ? d.format('HH:mm') : '');
const toValues = (shifts: ShiftDef[]): Values => ({
  shifts: shifts.map((s) => ({
    code: s.code,
    name: s.name,
    start: toTime(s.start),
    end: toTime(s.end),
    breaks: s.breaks.map((b) => ({ start: toTime(b.start), end: toTime(b.end) })),
  })),
});

/** Pieces of [start, end) on a 24-hour axis (minutes); a span past midnight wraps to the morning. */
function spans(start: string, end: string): [number, number][] {
  const s = minutesOf(start);
  let e = minutesOf(end);
  if (e <= s) e += DAY_MIN;
  return e > DAY_MIN
    ? [
        [s, DAY_MIN],
        [0, e - DAY_MIN],
      ]
    : [[s, e]];
}

/** The day at a glance: each shift as a coloured band, its breaks hatched. Reads the form as it is typed. */
function DayPreview({ shifts }: { shifts: ShiftValues[] }) {
  const { t } = useTranslation();
  const pos = ([a, b]: [number, number]) => ({ left: `${(a / DAY_MIN) * 100}%`, width: `${((b - a) / DAY_MIN) * 100}%` });
  return (
    <figure className="gb-day-preview" data-testid="calendar-preview" aria-label={t('factory.calendar.preview')}>
      <div className="gb-day-preview__track">
        {shifts.map((s, i) =>
          s?.start && s?.end
            ? spans(hm(s.start), hm(s.end)).map((p, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the preview mirrors the form's list by position (its colour is the position's too) and the bands hold no state.
                <Tooltip key={`${i}-${k}`} title={`${s.name || s.code} ${hm(s.start)}–${hm(s.end)}`}>
                  <span className="gb-day-preview__shift" style={{ ...pos(p), background: SHIFT_COLORS[i % SHIFT_COLORS.length] }}>
                    {k === 0 && <span className="gb-day-preview__label">{s.name || s.code}</span>}
                  </span>
                </Tooltip>
              ))
            : null,
        )}
        {shifts.flatMap((s, i) =>
          (s?.breaks ?? []).flatMap((b, j) =>
            // biome-ignore lint/suspicious/noArrayIndexKey: as above, by position in the form; a break holds no state.
            b?.start && b?.end ? spans(hm(b.start), hm(b.end)).map((p, k) => <span key={`b${i}-${j}-${k}`} className="gb-day-preview__break" style={pos(p)} />) : [],
          ),
        )}
      </div>
      <div className="gb-day-preview__ticks">
        {[0, 4, 8, 12, 16, 20, 24].map((h) => (
          <span key={h} style={{ left: `${(h / 24) * 100}%` }}>
            {String(h).padStart(2, '0')}:00
          </span>
        ))}
      </div>
    </figure>
  );
}

/**
 * The organisation's shifts (plant time, UTC+8) and their breaks, which OEE counts as planned stops. The server
 * checks overlaps and breaks outside their shift; its message shows above the form.
 */
export default function ShiftCalendarPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useCurrentUser();
  const manage = can(me, 'factory.manage');
  const calendar = useCalendar();
  const save = useSaveCalendar();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const watched = Form.useWatch('shifts', form) ?? [];

  useEffect(() => {
    if (calendar.data) form.setFieldsValue(toValues(calendar.data.shifts));
  }, [calendar.data, form]);

  const submit = (v: Values) => {
    setProblem(null);
    const shifts: ShiftDef[] = v.shifts.map((s) => ({
      code: s.code.trim(),
      name: s.name.trim(),
      start: hm(s.start),
      end: hm(s.end),
      breaks: (s.breaks ?? []).map((b) => ({ start: hm(b.start), end: hm(b.end) })),
    }));
    save.mutate(
      { shifts },
      {
        onSuccess: () => message.success(t('factory.calendar.saved')),
        onError: (err) => {
          setProblem(errorText(err, t));
          // The message sits above the form, which is taller than a screen.
          window.scrollTo({ top: 0, behavior: 'smooth' });
        },
      },
    );
  };

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const timeRules = (field: string) => [{ required: true, message: t('common.requiredSelect', { field }) }];

  return (
    <div data-testid="calendar-page">
      <PageHeader title={t('factory.calendar.title')} subtitle={t('factory.calendar.subtitle')} />
      {calendar.error && !calendar.data ? (
        <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : !calendar.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          {!manage && <Alert type="info" showIcon className="gb-section-alert" title={t('factory.calendar.readOnly')} data-testid="calendar-read-only" />}
          {calendar.data.isDefault && <Alert type="warning" showIcon className="gb-section-alert" title={t('factory.calendar.isDefault')} data-testid="calendar-default" />}
          {problem && (
            <Alert
              type="error"
              showIcon
              closable
              className="gb-section-alert"
              title={t('factory.calendar.invalid')}
              description={problem}
              onClose={() => setProblem(null)}
              data-testid="calendar-error"
            />
          )}
          <Card className="gb-section-card gb-calendar-preview-card" title={t('factory.calendar.preview')}>
            <DayPreview shifts={watched} />
          </Card>
          <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={!manage} data-testid="calendar-form" requiredMark={false}>
            <Form.List name="shifts">
              {(fields, { add, remove }) => (
                <>
                  <Row gutter={[16, 16]} className="gb-calendar-shifts">
                    {fields.map((field, i) => (
                      <Col xs={24} lg={12} key={field.key}>
                        <Card
                          size="small"
                          className="gb-calendar-shift"
                          style={{ borderTopColor: SHIFT_COLORS[i % SHIFT_COLORS.length] }}
                          title={t('factory.calendar.shiftN', { n: i + 1 })}
                          data-testid={`calendar-shift-${i}`}
                          extra={
                            manage &&
                            fields.length > 1 && (
                              <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('factory.calendar.removeShift')}>
                                {t('factory.calendar.removeShift')}
                              </Button>
                            )
                          }
                        >
                          <Row gutter={12}>
                            <Col xs={8} sm={6}>
                              <Form.Item
                                name={[field.name, 'code']}
                                label={t('factory.calendar.code')}
                                rules={[required(t('factory.calendar.code')), { pattern: /^[A-Za-z0-9]{1,8}$/, message: t('factory.calendar.codeRule') }]}
                              >
                                <Input maxLength={8} />
                              </Form.Item>
                            </Col>
                            <Col xs={16} sm={18}>
                              <Form.Item name={[field.name, 'name']} label={t('factory.calendar.name')} rules={[required(t('factory.calendar.name')), { max: 20 }]}>
                                <Input maxLength={20} />
                              </Form.Item>
                            </Col>
                            <Col xs={12}>
                              <Form.Item name={[field.name, 'start']} label={t('factory.calendar.start')} rules={timeRules(t('factory.calendar.start'))}>
                                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
                              </Form.Item>
                            </Col>
                            <Col xs={12}>
                              <Form.Item name={[field.name, 'end']} label={t('factory.calendar.end')} rules={timeRules(t('factory.calendar.end'))}>
                                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
                              </Form.Item>
                            </Col>
                          </Row>
                          <Typography.Text type="secondary" className="gb-form-label">
                            {t('factory.calendar.breaks')}
                          </Typography.Text>
                          <Form.List name={[field.name, 'breaks']}>
                            {(bf, { add: addBreak, remove: removeBreak }) => (
                              <>
                                {bf.map((b) => (
                                  <Space key={b.key} align="baseline" className="gb-calendar-break" wrap>
                                    <Form.Item name={[b.name, 'start']} rules={timeRules(t('factory.calendar.start'))}>
                                      <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} placeholder={t('factory.calendar.start')} />
                                    </Form.Item>
                                    <span className="gb-muted">–</span>
                                    <Form.Item name={[b.name, 'end']} rules={timeRules(t('factory.calendar.end'))}>
                                      <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} placeholder={t('factory.calendar.end')} />
                                    </Form.Item>
                                    {manage && (
                                      <MinusCircleOutlined className="gb-calendar-remove" onClick={() => removeBreak(b.name)} aria-label={t('factory.calendar.removeBreak')} />
                                    )}
                                  </Space>
                                ))}
                                {!bf.length && <div className="gb-muted gb-calendar-nobreak">{t('factory.calendar.noBreaks')}</div>}
                                {manage && bf.length < MAX_BREAKS && (
                                  <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => addBreak({ start: null, end: null })}>
                                    {t('factory.calendar.addBreak')}
                                  </Button>
                                )}
                              </>
                            )}
                          </Form.List>
                        </Card>
                      </Col>
                    ))}
                  </Row>
                  {manage && (
                    <div className="gb-calendar-actions">
                      <Button
                        icon={<PlusOutlined />}
                        disabled={fields.length >= MAX_SHIFTS}
                        onClick={() => add({ code: '', name: '', start: null, end: null, breaks: [] })}
                        data-testid="calendar-add-shift"
                      >
                        {fields.length >= MAX_SHIFTS ? t('factory.calendar.max', { count: MAX_SHIFTS }) : t('factory.calendar.addShift')}
                      </Button>
                      <Space>
                        <Button onClick={() => calendar.data && form.setFieldsValue(toValues(calendar.data.shifts))} disabled={save.isPending}>
                          {t('common.reset')}
                        </Button>
                        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="calendar-save">
                          {t('common.save')}
                        </Button>
                      </Space>
                    </div>
                  )}
                </>
              )}
            </Form.List>
          </Form>
        </>
      )}
    </div>
  );
}
