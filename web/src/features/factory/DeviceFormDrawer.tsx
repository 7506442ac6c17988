import { useEffect, useMemo } from 'react';
import { AutoComplete, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DevicePatch, FactoryDevice } from '../../api/types';
import { useLineDevices, useLines, useUpdateDevice } from './api';
import { compareStations, lineName } from './model';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';

interface Values {
  nameZh: string;
  nameEn: string;
  lineId?: string | null;
  cellCode?: string | null;
  idealCycleS?: number | null;
}

/**
 * Rename a device, or place it on a line and station, and set its ideal cycle time. "place" is the same form for a
 * discovered device: the line is then required, and saving it takes the device off the waiting list.
 */
export function DeviceFormDrawer({ open, device, mode = 'edit', onClose }: { open: boolean; device: FactoryDevice | null; mode?: 'edit' | 'place'; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const outcome = useSaveOutcome(form, onClose);
  const save = useUpdateDevice();
  const lines = useLines();
  const lineId = Form.useWatch('lineId', form);
  const lineDevices = useLineDevices(open ? lineId : null, false);
  const stations = useMemo(() => [...new Set((lineDevices.data?.items ?? []).map((d) => d.cellCode).filter((c): c is string => !!c))].sort(compareStations), [lineDevices.data]);

  useEffect(() => {
    if (!open || !device) return;
    form.resetFields();
    form.setFieldsValue({ nameZh: device.nameZh, nameEn: device.nameEn, lineId: device.lineId, cellCode: device.cellCode, idealCycleS: device.idealCycleS });
  }, [open, device, form]);

  if (!device) return null;

  const submit = (v: Values) => {
    // Only what changed, so the audit entry shows the edit and an unchanged line keeps its place.
    const patch: DevicePatch = {};
    if (v.nameZh.trim() !== device.nameZh) patch.nameZh = v.nameZh.trim();
    if (v.nameEn.trim() !== device.nameEn) patch.nameEn = v.nameEn.trim();
    const line = v.lineId ?? null;
    if (line !== device.lineId || (mode === 'place' && device.discovered)) patch.lineId = line;
    const cell = v.cellCode?.trim() || null;
    if (cell !== device.cellCode || patch.lineId !== undefined) patch.cellCode = line ? cell : null;
    const cycle = v.idealCycleS ?? null;
    if (cycle !== device.idealCycleS) patch.idealCycleS = cycle;
    if (!Object.keys(patch).length) {
      onClose();
      return;
    }
    save.mutate(
      { id: device.id, patch },
      {
        onSuccess: () => outcome.saved(mode === 'place' ? t('factory.form.placed') : t('common.saved')),
        onError: outcome.failed,
      },
    );
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(mode === 'place' ? 'factory.form.placeTitle' : 'factory.form.editTitle', { code: device.code })}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="device-form-submit"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="device-form" scrollToFirstError>
        <Typography.Paragraph type="secondary">{t('factory.form.identity', { code: device.code, node: device.sparkplug.node })}</Typography.Paragraph>
        <Form.Item
          name="nameZh"
          label={t('factory.device.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('factory.device.nameZh') }) }, { max: 50 }]}
        >
          <Input maxLength={50} data-testid="device-name-zh" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('factory.device.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('factory.device.nameEn') }) }, { max: 80 }]}
        >
          <Input maxLength={80} data-testid="device-name-en" />
        </Form.Item>
        <Form.Item
          name="lineId"
          label={t('factory.device.line')}
          rules={mode === 'place' ? [{ required: true, message: t('common.requiredSelect', { field: t('factory.device.line') }) }] : []}
          extra={mode === 'edit' && t('factory.form.lineHint')}
        >
          <Select
            allowClear={mode === 'edit'}
            loading={lines.isPending}
            placeholder={t('factory.form.linePlaceholder')}
            options={(lines.data ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${lineName(l)}` }))}
            onChange={() => form.setFieldValue('cellCode', null)}
            data-testid="device-line"
          />
        </Form.Item>
        <Form.Item name="cellCode" label={t('factory.device.station')} extra={t('factory.form.stationHint')} rules={[{ max: 20 }]}>
          <AutoComplete
            allowClear
            disabled={!lineId}
            placeholder={lineId ? t('factory.form.stationPlaceholder') : t('factory.form.stationNeedsLine')}
            options={stations.map((s) => ({ value: s }))}
            filterOption={(input, o) => !!o?.value && String(o.value).toLowerCase().includes(input.toLowerCase())}
            data-testid="device-station"
          />
        </Form.Item>
        <Form.Item name="idealCycleS" label={t('factory.device.idealCycle')} extra={t('factory.form.cycleHint')}>
          <InputNumber min={0.1} max={86_400} step={1} style={{ width: '100%' }} suffix={t('factory.seconds')} data-testid="device-cycle" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
