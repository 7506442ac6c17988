import { useEffect, useMemo } from 'react';
import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { useChains, useSaveProject } from './api';
import { CATEGORIES, STAGES, type Project, type ProjectCategory, type ProjectStage } from './types';

interface Values {
  name?: string;
  investor?: string;
  amount?: string;
  category?: ProjectCategory;
  reserve: boolean;
  stage?: ProjectStage;
  stageOn?: Dayjs;
  note?: string;
  chainLinkId?: string | null;
}

/**
 * Records an investment project, or edits one. The amount is typed in 亿元 as text and sent as text, so it stays
 * exact to the yuan; a new project enters the pipeline at a chosen stage, later moves go through the stage dialog.
 */
export function ProjectFormDrawer({ open, project, onClose }: { open: boolean; project: Project | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useSaveProject();
  const outcome = useSaveOutcome(form, onClose);
  const chains = useChains(open);
  // The links of the administration's chains, grouped by chain; a missing link (补链) says so.
  const linkOptions = useMemo(
    () =>
      (chains.data?.chains ?? []).map((c) => ({
        label: c.name,
        title: c.name,
        options: c.links.map((l) => ({
          value: l.id,
          label: `${l.name} · ${t(`park.chains.tier_${l.tier}`)}${l.missing ? ` · ${t('park.chains.missing')}` : ''}`,
          search: `${c.name} ${l.name}`,
        })),
      })),
    [chains.data, t],
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (project)
      form.setFieldsValue({
        name: project.name,
        investor: project.investor,
        amount: project.amount,
        category: project.category,
        reserve: project.reserve,
        note: project.note ?? undefined,
        chainLinkId: project.chainLinkId,
      });
    else form.setFieldsValue({ reserve: false, stage: 'lead', stageOn: dayjs() });
  }, [open, project, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const common = {
      name: v.name!,
      investor: v.investor!,
      amount: v.amount!.trim(),
      category: v.category!,
      reserve: v.reserve,
      note: v.note || null,
      chainLinkId: v.chainLinkId ?? null,
    };
    try {
      await save.mutateAsync(project ? { id: project.id, input: common } : { id: null, input: { ...common, stage: v.stage, stageOn: v.stageOn?.format('YYYY-MM-DD') } });
      outcome.saved(t('park.projects.saved'));
    } catch (err) {
      outcome.failed(err);
    }
  };

  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={project ? t('park.projects.edit') : t('park.projects.new')}
      saving={save.isPending}
      onSave={submit}
      saveTestId="park-project-save"
    >
      <Form form={form} layout="vertical" data-testid="park-project-form">
        <Form.Item name="name" label={t('park.projects.name')} rules={required(t('park.projects.name'))}>
          <Input maxLength={120} data-testid="park-project-name" />
        </Form.Item>
        <Form.Item name="investor" label={t('park.projects.investor')} rules={required(t('park.projects.investor'))}>
          <Input maxLength={120} data-testid="park-project-investor" />
        </Form.Item>
        <Form.Item name="amount" label={t('park.projects.amount')} extra={t('park.projects.amountHint')} rules={required(t('park.projects.amount'))}>
          <Input inputMode="decimal" suffix={t('park.yi')} data-testid="park-project-amount" />
        </Form.Item>
        <Form.Item name="category" label={t('park.projects.category')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('park.projects.category') }) }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`park.category.${c}`) }))} data-testid="park-project-category" />
        </Form.Item>
        <Form.Item name="chainLinkId" label={t('park.projects.chainLink')} extra={t('park.projects.chainLinkHint')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'search' }}
            loading={chains.isPending}
            options={linkOptions}
            placeholder={t('park.projects.chainLinkPick')}
            data-testid="park-project-link"
          />
        </Form.Item>
        {!project && (
          <>
            <Form.Item name="stage" label={t('park.projects.stage')}>
              <Select options={STAGES.map((s) => ({ value: s, label: t(`park.stage.${s}`) }))} />
            </Form.Item>
            <Form.Item name="stageOn" label={t('park.projects.stageOn')}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="reserve" valuePropName="checked">
          <Checkbox>{t('park.projects.reserve')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('park.projects.note')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
