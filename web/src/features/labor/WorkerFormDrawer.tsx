import { useEffect } from 'react';
import { App as AntApp, Button, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useCurrentUser } from '../auth/session';
import { OrgSelect } from '../admin/orgs/OrgSelect';
import { RegionPicker } from '../admin/regions/RegionPicker';
import { useCreateWorker, useUpdateWorker } from './api';
import { idNumberProblem as idCardProblem } from '@gearbridge/contracts/pii';
import { EDUCATIONS, MONITORING, SKILL_LEVELS, WORK_ABILITIES, WORKER_STATUSES } from './labels';
import { OccupationPicker } from './occupations';
import type { Education, MonitoringCategory, SkillLevel, WorkAbility, Worker, WorkerInput, WorkerPatch, WorkerStatus } from './types';
import { FormDrawer } from '../shell/FormDrawer';

interface Values {
  orgId?: string;
  idNumber?: string;
  name?: string;
  phone?: string;
  homeRegionCode?: string | null;
  homeVillage?: string;
  registeredPoor: boolean;
  monitoringCategory?: MonitoringCategory | null;
  education: Education;
  workAbility: WorkAbility;
  disability?: string;
  skills: { code?: string; level: SkillLevel }[];
  certificates: { name?: string; issuedOn?: Dayjs | null }[];
  status?: WorkerStatus;
  statusSince?: Dayjs | null;
  needs: { occupations: string[]; regions: (string | null)[]; minMonthlyWage?: number | null; needsHousing: boolean; availableFrom?: Dayjs | null; note?: string };
  consentShare?: boolean;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const blank = (s: string | undefined) => s?.trim() || null;

/** Registers a worker, or edits one (status and consent have their own actions on the worker's page). */
export function WorkerFormDrawer({ open, worker, onClose, onCreated }: { open: boolean; worker: Worker | null; onClose: () => void; onCreated?: (w: Worker) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateWorker();
  const update = useUpdateWorker();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (worker) {
      form.setFieldsValue({
        homeRegionCode: worker.homeRegionCode,
        homeVillage: worker.homeVillage ?? undefined,
        registeredPoor: worker.registeredPoor ?? false,
        monitoringCategory: worker.monitoringCategory,
        education: worker.education,
        workAbility: worker.workAbility,
        disability: worker.disability ?? undefined,
        skills: worker.skills.map((s) => ({ code: s.code, level: s.level })),
        certificates: worker.certificates.map((c) => ({ name: c.name, issuedOn: c.issuedOn ? dayjs(c.issuedOn) : null })),
        needs: {
          occupations: worker.needs.occupations.map((o) => o.code),
          regions: worker.needs.regions.map((r) => r.code),
          minMonthlyWage: worker.needs.minMonthlyWage,
          needsHousing: worker.needs.needsHousing,
          availableFrom: worker.needs.availableFrom ? dayjs(worker.needs.availableFrom) : null,
          note: worker.needs.note ?? undefined,
        },
      });
    } else {
      form.setFieldsValue({
        registeredPoor: false,
        education: 'junior_secondary',
        workAbility: 'full',
        skills: [],
        certificates: [],
        status: 'unemployed',
        needs: { occupations: [], regions: [], needsHousing: false },
        consentShare: false,
      });
    }
  }, [open, worker, form]);

  const onError = (err: unknown) => {
    if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
  };

  const common = (v: Values) => ({
    homeRegionCode: v.homeRegionCode ?? '',
    homeVillage: blank(v.homeVillage),
    registeredPoor: v.registeredPoor,
    monitoringCategory: v.monitoringCategory ?? null,
    education: v.education,
    workAbility: v.workAbility,
    disability: blank(v.disability),
    skills: v.skills.filter((s) => s.code).map((s) => ({ code: s.code!, level: s.level })),
    certificates: v.certificates.filter((c) => c.name?.trim()).map((c) => ({ name: c.name!.trim(), issuedOn: day(c.issuedOn) })),
    needs: {
      occupations: v.needs.occupations ?? [],
      regions: (v.needs.regions ?? []).filter((r): r is string => !!r),
      minMonthlyWage: v.needs.minMonthlyWage ?? null,
      needsHousing: v.needs.needsHousing,
      availableFrom: day(v.needs.availableFrom),
      note: blank(v.needs.note),
    },
  });

  const submit = (v: Values) => {
    if (!worker) {
      const input: WorkerInput = {
        ...common(v),
        orgId: v.orgId || undefined,
        idNumber: (v.idNumber ?? '').trim().toUpperCase(),
        name: (v.name ?? '').trim(),
        phone: blank(v.phone),
        status: v.status,
        statusSince: day(v.statusSince) ?? undefined,
        consentShare: !!v.consentShare,
      };
      create.mutate(input, {
        onSuccess: (w) => {
          message.success(t('labor.worker.created'));
          onClose();
          onCreated?.(w);
        },
        onError,
      });
      return;
    }
    const patch: WorkerPatch = common(v);
    if (v.idNumber?.trim()) patch.idNumber = v.idNumber.trim().toUpperCase();
    if (v.name?.trim()) patch.name = v.name.trim();
    if (v.phone?.trim()) patch.phone = v.phone.trim();
    update.mutate(
      { id: worker.id, patch },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError,
      },
    );
  };

  const idRule = {
    validator: (_: unknown, value: string | undefined) => {
      if (!value?.trim()) return Promise.resolve();
      const p = idCardProblem(value);
      return p ? Promise.reject(new Error(t(`labor.idcard.${p}`))) : Promise.resolve();
    },
  };
  const busy = create.isPending || update.isPending;
  const half = { xs: 24, sm: 12 };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={worker ? t('labor.worker.edit', { name: worker.nameMasked }) : t('labor.worker.create')}
      saving={busy}
      onSave={() => form.submit()}
      saveTestId="worker-form-submit"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="worker-form" scrollToFirstError>
        <Typography.Title level={5}>{t('labor.worker.sectionIdentity')}</Typography.Title>
        {!worker && me.platformAdmin && (
          <Form.Item name="orgId" label={t('labor.worker.org')} extra={t('labor.worker.orgHint')}>
            <OrgSelect allowClear />
          </Form.Item>
        )}
        <Form.Item
          name="idNumber"
          label={t('labor.worker.idNumber')}
          rules={[...(worker ? [] : [{ required: true, message: t('common.required', { field: t('labor.worker.idNumber') }) }]), idRule]}
          extra={worker ? t('labor.worker.keepHint', { masked: worker.idNumberMasked ?? '—' }) : t('labor.worker.idNumberHint')}
          validateTrigger="onBlur"
        >
          <Input className="gb-mono" maxLength={18} autoComplete="off" spellCheck={false} placeholder={worker?.idNumberMasked ?? undefined} />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item
              name="name"
              label={t('labor.worker.name')}
              rules={worker ? [{ max: 40 }] : [{ required: true, whitespace: true, message: t('common.required', { field: t('labor.worker.name') }) }, { max: 40 }]}
            >
              <Input maxLength={40} autoComplete="off" placeholder={worker?.nameMasked} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="phone" label={t('labor.worker.phone')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('user.phoneRule') }]}>
              <Input className="gb-mono" inputMode="numeric" maxLength={11} autoComplete="off" placeholder={worker?.phoneMasked ?? t('common.optional')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider />
        <Typography.Title level={5}>{t('labor.worker.sectionHome')}</Typography.Title>
        <Form.Item
          name="homeRegionCode"
          label={t('labor.worker.home')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('labor.worker.home') }) }]}
          extra={t('labor.worker.homeHint')}
        >
          <RegionPicker placeholder={t('labor.worker.homePlaceholder')} data-testid="worker-home" />
        </Form.Item>
        <Form.Item name="homeVillage" label={t('labor.worker.village')}>
          <Input maxLength={50} placeholder={t('labor.worker.villagePlaceholder')} />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="registeredPoor" label={t('labor.worker.registeredPoor')} valuePropName="checked">
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="monitoringCategory" label={t('labor.worker.monitoring')}>
              <Select allowClear placeholder={t('labor.worker.notMonitored')} options={MONITORING.map((m) => ({ value: m, label: t(`labor.monitoring.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="education" label={t('labor.worker.education')}>
              <Select options={EDUCATIONS.map((e) => ({ value: e, label: t(`labor.education.${e}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="workAbility" label={t('labor.worker.ability')}>
              <Select options={WORK_ABILITIES.map((a) => ({ value: a, label: t(`labor.ability.${a}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="disability" label={t('labor.worker.disability')}>
          <Input maxLength={200} placeholder={t('common.optional')} />
        </Form.Item>

        <Divider />
        <Typography.Title level={5}>{t('labor.worker.skills')}</Typography.Title>
        <Form.List name="skills">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} className="gb-labor-list-row">
                  <Form.Item name={[f.name, 'code']} rules={[{ required: true, message: t('labor.occupation.pick') }]}>
                    <OccupationPicker />
                  </Form.Item>
                  <Form.Item name={[f.name, 'level']}>
                    <Select options={SKILL_LEVELS.map((l) => ({ value: l, label: t(`labor.level.${l}`) }))} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ level: 'none' })} block>
                {t('labor.worker.addSkill')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('labor.worker.certificates')}
        </Typography.Title>
        <Form.List name="certificates">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} className="gb-labor-list-row">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('labor.worker.certificateName') }) }]}>
                    <Input maxLength={60} placeholder={t('labor.worker.certificateName')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'issuedOn']}>
                    <DatePicker placeholder={t('labor.worker.issuedOn')} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                {t('labor.worker.addCertificate')}
              </Button>
            </>
          )}
        </Form.List>

        {!worker && (
          <>
            <Divider />
            <Typography.Title level={5}>{t('labor.worker.status')}</Typography.Title>
            <Row gutter={12}>
              <Col {...half}>
                <Form.Item name="status" label={t('labor.worker.currentStatus')}>
                  <Select options={WORKER_STATUSES.map((s) => ({ value: s, label: t(`labor.status.${s}`) }))} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="statusSince" label={t('labor.worker.statusSince')}>
                  <DatePicker style={{ width: '100%' }} placeholder={t('labor.worker.today')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}

        <Divider />
        <Typography.Title level={5}>{t('labor.worker.needs')}</Typography.Title>
        <Form.Item name={['needs', 'occupations']} label={t('labor.worker.wantedOccupations')}>
          <OccupationPicker multiple placeholder={t('labor.worker.wantedOccupationsPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('labor.worker.wantedRegions')} style={{ marginBottom: 8 }}>
          <Form.List name={['needs', 'regions']}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key} className="gb-labor-list-row gb-labor-list-row--one">
                    <Form.Item name={f.name} rules={[{ required: true, message: t('common.requiredSelect', { field: t('labor.worker.wantedRegions') }) }]}>
                      <RegionPicker placeholder={t('labor.worker.regionPlaceholder')} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(null)} block disabled={fields.length >= 10}>
                  {t('labor.worker.addRegion')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name={['needs', 'minMonthlyWage']} label={t('labor.worker.minWage')}>
              <InputNumber min={0} max={100000} step={500} precision={0} style={{ width: '100%' }} suffix={t('labor.yuanPerMonth')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['needs', 'availableFrom']} label={t('labor.worker.availableFrom')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['needs', 'needsHousing']} label={t('labor.worker.needsHousing')} valuePropName="checked">
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
        <Form.Item name={['needs', 'note']} label={t('labor.worker.needsNote')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        {!worker && (
          <>
            <Divider />
            <Form.Item name="consentShare" label={t('labor.worker.consent')} valuePropName="checked" extra={t('labor.worker.consentHint')}>
              <Switch checkedChildren={t('labor.consent.given')} unCheckedChildren={t('labor.consent.notGiven')} />
            </Form.Item>
          </>
        )}
      </Form>
    </FormDrawer>
  );
}
