import { useEffect, useState } from 'react';
import { AutoComplete, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlarmRule, AlarmRuleInput, DeviceKind, Severity } from '../../api/types';
import { useDevice, useDeviceMetrics, useDevices } from './api';
import { useCreateRule, useUpdateRule } from './andonApi';
import { kindLabel, metricLabel } from './labels';
import { DEVICE_KINDS, deviceName, isNumeric, SEVERITIES } from './model';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';

type Target = 'all' | 'kind' | 'device';
interface Values {
  nameZh: string;
  nameEn: string;
  target: Target;
  deviceKind?: DeviceKind;
  deviceId?: string;
  metric: string;
  op: AlarmRuleInput['op'];
  threshold: number;
  severity: Severity;
  enabled: boolean;
}

const OPS: AlarmRuleInput['op'][] = ['>', '>=', '<', '<='];
/** The measured metrics of the plant's devices (sim/src/plant.ts), offered while no single device is chosen. */
const COMMON_METRICS = ['temperature', 'vibration', 'spindle_load', 'spindle_speed', 'water_temp', 'leak_rate', 'deviation', 'battery'];

const toValues = (r: AlarmRule | null): Values =>
  r
    ? {
        nameZh: r.nameZh,
        nameEn: r.nameEn,
        target: r.deviceId ? 'device' : r.deviceKind ? 'kind' : 'all',
        deviceKind: r.deviceKind ?? undefined,
        deviceId: r.deviceId ?? undefined,
        metric: r.metric,
        op: r.op,
        threshold: r.threshold,
        severity: r.severity,
        enabled: r.enabled,
      }
    : { nameZh: '', nameEn: '', target: 'kind', deviceKind: 'cnc', metric: '', op: '>', threshold: 0, severity: 'warning', enabled: true };

/** Choosing one device: a search over the device list, showing the device already chosen by its code. */
function DevicePicker({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useDevices({ q: q || undefined, pageSize: 20 });
  const current = useDevice(value);
  const options = (found.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.code} · ${deviceName(d)}` }));
  if (current.data && !options.some((o) => o.value === current.data.id)) options.unshift({ value: current.data.id, label: `${current.data.code} · ${deviceName(current.data)}` });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder={t('factory.rules.devicePlaceholder')}
      options={options}
      data-testid="rule-device"
    />
  );
}

/** Create or edit a threshold rule; the server checks the device's organisation and says what is wrong. */
export function AlarmRuleDrawer({ open, rule, onClose }: { open: boolean; rule: AlarmRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const outcome = useSaveOutcome(form, onClose);
  const create = useCreateRule();
  const update = useUpdateRule();
  const target = Form.useWatch('target', form);
  const deviceId = Form.useWatch('deviceId', form);
  const declared = useDeviceMetrics(target === 'device' && deviceId ? deviceId : '');
  const metricNames =
    target === 'device' && deviceId && declared.data
      ? declared.data.filter((m) => isNumeric(m) && m.name !== 'state' && m.name !== 'alarm_code').map((m) => m.name)
      : COMMON_METRICS;

  useEffect(() => {
    if (open) form.setFieldsValue(toValues(rule));
  }, [open, rule, form]);

  const submit = (v: Values) => {
    const input: AlarmRuleInput = {
      nameZh: v.nameZh,
      nameEn: v.nameEn,
      deviceId: v.target === 'device' ? (v.deviceId ?? null) : null,
      deviceKind: v.target === 'kind' ? (v.deviceKind ?? null) : null,
      metric: v.metric.trim(),
      op: v.op,
      threshold: v.threshold,
      severity: v.severity,
      enabled: v.enabled,
    };
    const done = {
      onSuccess: () => outcome.saved(rule ? t('common.saved') : t('common.created')),
      onError: outcome.failed,
    };
    if (rule) update.mutate({ id: rule.id, patch: input }, done);
    else create.mutate(input, done);
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={rule ? t('factory.rules.editTitle') : t('factory.rules.createTitle')}
      saving={create.isPending || update.isPending}
      onSave={() => form.submit()}
      saveTestId="rule-form-submit"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={toValues(rule)} data-testid="rule-form" scrollToFirstError>
        <Form.Item
          name="nameZh"
          label={t('factory.rules.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('factory.rules.nameZh') }) }, { max: 50 }]}
        >
          <Input maxLength={50} placeholder="主轴振动偏高" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('factory.rules.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('factory.rules.nameEn') }) }, { max: 80 }]}
        >
          <Input maxLength={80} placeholder="Spindle vibration high" />
        </Form.Item>
        <Form.Item name="target" label={t('factory.rules.target')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'all', label: t('factory.rules.targetAll') },
              { value: 'kind', label: t('factory.rules.targetKind') },
              { value: 'device', label: t('factory.rules.targetDevice') },
            ]}
          />
        </Form.Item>
        {target === 'kind' && (
          <Form.Item name="deviceKind" label={t('factory.rules.kind')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('factory.rules.kind') }) }]}>
            <Select options={DEVICE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
          </Form.Item>
        )}
        {target === 'device' && (
          <Form.Item name="deviceId" label={t('factory.rules.device')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('factory.rules.device') }) }]}>
            <DevicePicker />
          </Form.Item>
        )}
        <Form.Item
          name="metric"
          label={t('factory.rules.metric')}
          extra={t('factory.rules.metricHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('factory.rules.metric') }) }, { max: 100 }]}
        >
          <AutoComplete
            options={metricNames.map((n) => ({ value: n, label: `${n} · ${metricLabel(t, n)}` }))}
            filterOption={(input, o) => !!o?.value && String(o.value).toLowerCase().includes(input.toLowerCase())}
            placeholder="vibration"
            data-testid="rule-metric"
          />
        </Form.Item>
        <Typography.Text className="gb-form-label">{t('factory.rules.condition')}</Typography.Text>
        <Space.Compact block>
          <Form.Item name="op" noStyle>
            <Select style={{ width: 90 }} options={OPS.map((o) => ({ value: o, label: o }))} data-testid="rule-op" />
          </Form.Item>
          <Form.Item name="threshold" noStyle rules={[{ required: true, message: t('common.required', { field: t('factory.rules.threshold') }) }]}>
            <InputNumber style={{ width: '100%' }} placeholder={t('factory.rules.threshold')} data-testid="rule-threshold" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="severity" label={t('factory.rules.severity')} style={{ marginTop: 24 }}>
          <Radio.Group optionType="button" buttonStyle="solid" options={SEVERITIES.map((s) => ({ value: s, label: t(`factory.andon.severity.${s}`) }))} />
        </Form.Item>
        <Form.Item name="enabled" label={t('factory.rules.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
