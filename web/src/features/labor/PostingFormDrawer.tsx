import { useEffect } from 'react';
import { App as AntApp, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useCurrentUser } from '../auth/session';
import { RegionPicker } from '../admin/regions/RegionPicker';
import { useSavePosting } from './api';
import { EmployerSelect, isEmployerKind } from './OrgPickers';
import { OccupationPicker } from './occupations';
import type { Posting, PostingInput, PostingPatch, PostingStatus } from './types';
import { FormDrawer } from '../shell/FormDrawer';

interface Values {
  orgId?: string | null;
  title?: string;
  occupationCode?: string | null;
  headcount?: number;
  wageMin?: number;
  wageMax?: number;
  workRegionCode?: string | null;
  workAddress?: string;
  requirements?: string;
  requiredCertificates: string[];
  ageMin?: number | null;
  ageMax?: number | null;
  housing: boolean;
  meals: boolean;
  transportSubsidy?: number;
  validity?: [Dayjs, Dayjs];
  status?: PostingStatus;
}

/**
 * Posts labour demand (用工需求), or edits a posting. An employer posts its own; an official (government, park)
 * picks the employer it posts for. Changing the headcount moves the open places by the same amount on the server.
 */
export function PostingFormDrawer({ open, posting, onClose, onSaved }: { open: boolean; posting: Posting | null; onClose: () => void; onSaved?: (p: Posting) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSavePosting();
  // An employer's own staff post for their organisation; everyone else chooses the employer.
  const pickEmployer = !posting && !isEmployerKind(me.user.orgKind);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (posting) {
      form.setFieldsValue({
        title: posting.title,
        occupationCode: posting.occupationCode,
        headcount: posting.headcount,
        wageMin: posting.wageMin,
        wageMax: posting.wageMax,
        workRegionCode: posting.workRegionCode,
        workAddress: posting.workAddress ?? undefined,
        requirements: posting.requirements ?? undefined,
        requiredCertificates: posting.requiredCertificates,
        ageMin: posting.ageMin,
        ageMax: posting.ageMax,
        housing: posting.housing,
        meals: posting.meals,
        transportSubsidy: posting.transportSubsidy,
        validity: [dayjs(posting.validFrom), dayjs(posting.validTo)],
        status: posting.status,
      });
    } else {
      form.setFieldsValue({ headcount: 1, requiredCertificates: [], housing: false, meals: false, transportSubsidy: 0, validity: [dayjs(), dayjs().add(3, 'month')] });
    }
  }, [open, posting, form]);

  const onError = (err: unknown) => {
    // The server names validFrom/validTo; the form has one range field for both.
    if (isApiError(err)) {
      const path = err.fields.validTo !== undefined ? 'validTo' : err.fields.validFrom !== undefined ? 'validFrom' : null;
      if (path) {
        err.fields.validity = err.fields[path];
        if (err.fieldMessages[path]) err.fieldMessages.validity = err.fieldMessages[path];
      }
    }
    if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
  };

  const submit = (v: Values) => {
    const fields = {
      title: (v.title ?? '').trim(),
      occupationCode: v.occupationCode ?? '',
      headcount: v.headcount ?? 1,
      wageMin: v.wageMin ?? 0,
      wageMax: v.wageMax ?? 0,
      workRegionCode: v.workRegionCode ?? '',
      workAddress: v.workAddress?.trim() || null,
      requirements: v.requirements?.trim() || null,
      requiredCertificates: v.requiredCertificates.map((c) => c.trim()).filter(Boolean),
      ageMin: v.ageMin ?? null,
      ageMax: v.ageMax ?? null,
      housing: v.housing,
      meals: v.meals,
      transportSubsidy: v.transportSubsidy ?? 0,
      validFrom: v.validity![0].format('YYYY-MM-DD'),
      validTo: v.validity![1].format('YYYY-MM-DD'),
    };
    const input: PostingInput | PostingPatch = posting ? { ...fields, status: v.status } : { ...fields, orgId: v.orgId || undefined };
    save.mutate(
      { id: posting?.id ?? null, input },
      {
        onSuccess: (p) => {
          message.success(posting ? t('common.saved') : t('labor.posting.created'));
          onClose();
          onSaved?.(p);
        },
        onError,
      },
    );
  };

  const half = { xs: 24, sm: 12 };
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={posting ? t('labor.posting.edit') : t('labor.posting.create')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="posting-form-submit"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="posting-form" scrollToFirstError>
        {posting ? (
          <Form.Item label={t('labor.posting.employer')}>
            <Typography.Text>{posting.orgName}</Typography.Text>
          </Form.Item>
        ) : pickEmployer ? (
          <Form.Item
            name="orgId"
            label={t('labor.posting.employer')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('labor.posting.employer') }) }]}
            extra={t('labor.posting.employerHint')}
          >
            <EmployerSelect data-testid="posting-employer" />
          </Form.Item>
        ) : (
          <Form.Item label={t('labor.posting.employer')}>
            <Typography.Text>{me.user.orgName}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('labor.posting.jobTitle')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('labor.posting.jobTitle') }) }, { max: 80 }]}
        >
          <Input maxLength={80} placeholder={t('labor.posting.titlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="occupationCode"
          label={t('labor.posting.occupation')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('labor.posting.occupation') }) }]}
        >
          <OccupationPicker data-testid="posting-occupation" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="headcount" label={t('labor.posting.headcount')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} suffix={t('labor.people')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="wageMin" label={t('labor.posting.wageMin')} rules={[{ required: true, message: t('common.required', { field: t('labor.posting.wageMin') }) }]}>
              <InputNumber min={0} max={100000} step={500} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="wageMax"
              label={t('labor.posting.wageMax')}
              dependencies={['wageMin']}
              rules={[
                { required: true, message: t('common.required', { field: t('labor.posting.wageMax') }) },
                ({ getFieldValue }) => ({
                  validator: (_r, v: number | undefined) =>
                    v == null || v >= (getFieldValue('wageMin') ?? 0) ? Promise.resolve() : Promise.reject(new Error(t('labor.posting.wageOrder'))),
                }),
              ]}
            >
              <InputNumber min={0} max={100000} step={500} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="workRegionCode"
          label={t('labor.posting.workRegion')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('labor.posting.workRegion') }) }]}
        >
          <RegionPicker placeholder={t('labor.posting.workRegionPlaceholder')} />
        </Form.Item>
        <Form.Item name="workAddress" label={t('labor.posting.workAddress')}>
          <Input maxLength={200} placeholder={t('common.optional')} />
        </Form.Item>
        <Divider />
        <Typography.Title level={5}>{t('labor.posting.benefits')}</Typography.Title>
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="housing" valuePropName="checked">
              <Checkbox>{t('labor.posting.housing')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="meals" valuePropName="checked">
              <Checkbox>{t('labor.posting.meals')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="transportSubsidy" label={t('labor.posting.transportSubsidy')}>
              <InputNumber min={0} max={10000} step={100} precision={0} style={{ width: '100%' }} suffix={t('labor.yuan')} />
            </Form.Item>
          </Col>
        </Row>
        <Divider />
        <Typography.Title level={5}>{t('labor.posting.requirementsTitle')}</Typography.Title>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="ageMin" label={t('labor.posting.ageMin')}>
              <InputNumber min={16} max={70} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="ageMax"
              label={t('labor.posting.ageMax')}
              dependencies={['ageMin']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: number | null | undefined) =>
                    v == null || getFieldValue('ageMin') == null || v >= getFieldValue('ageMin') ? Promise.resolve() : Promise.reject(new Error(t('labor.posting.ageOrder'))),
                }),
              ]}
            >
              <InputNumber min={16} max={70} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="requiredCertificates" label={t('labor.posting.requiredCertificates')} extra={t('labor.posting.certificatesHint')}>
          <Select mode="tags" maxCount={10} open={false} suffixIcon={null} placeholder={t('labor.posting.certificatesPlaceholder')} />
        </Form.Item>
        <Form.Item name="requirements" label={t('labor.posting.requirements')}>
          <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
        <Divider />
        <Form.Item name="validity" label={t('labor.posting.validity')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('labor.posting.validity') }) }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        {posting && (
          <Form.Item name="status" label={t('labor.posting.status')}>
            <Select
              options={[
                { value: 'open', label: t('labor.postingStatus.open') },
                { value: 'closed', label: t('labor.postingStatus.closed') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
