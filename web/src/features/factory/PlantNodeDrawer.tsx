import { useEffect } from 'react';
import { App as AntApp, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';
import { applyFieldErrors, errorText } from '../../api/errors';
import { currentLocale } from '../../i18n';
import { useCurrentUser } from '../auth/session';
import { OrgSelect } from '../admin/orgs/OrgSelect';
import { RegionPicker } from '../admin/regions/RegionPicker';
import { PARENT_OF, useCreateNode, useUpdateNode, type AreaNode, type CellNode, type LineNode, type SiteNode } from './plantModelApi';
import { FormDrawer } from '../shell/FormDrawer';

/** What the drawer edits: a new node under `parent` (none for a site), or an existing one. */
export type NodeTarget =
  | { level: 'site'; node: SiteNode | null }
  | { level: 'area'; parent: SiteNode; node: AreaNode | null }
  | { level: 'line'; parent: AreaNode; site: SiteNode; node: LineNode | null }
  | { level: 'cell'; parent: LineNode; node: CellNode | null };

interface Values {
  code: string;
  name?: string;
  nameZh?: string;
  nameEn?: string;
  product?: string;
  shiftTarget?: number | null;
  ppmTarget?: number | null;
  regionCode?: string | null;
  orgId?: string | null;
  areaId?: string;
}

const CODE_RE = /^[A-Za-z0-9_-]{1,20}$/;

const toValues = (target: NodeTarget): Values => {
  switch (target.level) {
    case 'site':
      return target.node ? { code: target.node.code, name: target.node.name, regionCode: target.node.regionCode } : { code: '', name: '' };
    case 'area':
      return { code: target.node?.code ?? '', name: target.node?.name ?? '' };
    case 'line':
      return target.node
        ? {
            code: target.node.code,
            nameZh: target.node.nameZh,
            nameEn: target.node.nameEn,
            product: target.node.product ?? '',
            shiftTarget: target.node.shiftTarget,
            ppmTarget: target.node.ppmTarget,
            areaId: target.node.areaId,
          }
        : { code: '', nameZh: '', nameEn: '', product: '', shiftTarget: null, ppmTarget: null, areaId: target.parent.id };
    case 'cell':
      return { code: target.node?.code ?? '', name: target.node?.name ?? '' };
  }
};

export const nodeName = (n: SiteNode | AreaNode | LineNode | CellNode, zh = currentLocale() === 'zh-CN') => ('nameZh' in n ? (zh ? n.nameZh : n.nameEn) : n.name);

/**
 * A duplicate code is a 409 naming its field: the sentence ("本单位已有相同代码的产线") goes on the field, where the
 * person looks, instead of the bare "already taken". Other field errors land on their fields as everywhere else.
 */
function showError(form: FormInstance<Values>, err: unknown, t: TFunction, toast: (text: string) => void) {
  if (isApiError(err) && err.status === 409 && Object.keys(err.fields).length) {
    const names = Object.keys(err.fields).filter((f) => f in form.getFieldsValue(true));
    if (names.length) {
      form.setFields(names.map((name) => ({ name: name as keyof Values, errors: [errorText(err, t)] })));
      return;
    }
  }
  if (!applyFieldErrors(form, err)) toast(errorText(err, t));
}

/** Create or edit a site, area, line or work cell. The server checks codes and scope and says what is wrong. */
export function PlantNodeDrawer({ target, onClose, onSaved }: { target: NodeTarget | null; onClose: () => void; onSaved?: (t: NodeTarget) => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreateNode();
  const update = useUpdateNode();
  const level = target?.level ?? 'site';
  const editing = !!target?.node;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(toValues(target));
  }, [target, form]);

  const required = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { field: label }) });

  const submit = (v: Values) => {
    if (!target) return;
    const done = {
      onSuccess: () => {
        message.success(editing ? t('common.saved') : t('common.created'));
        onSaved?.(target);
        onClose();
      },
      onError: (err: unknown) => showError(form, err, t, (text) => void message.error(text)),
    };
    const code = v.code.trim();
    switch (target.level) {
      case 'site':
        if (target.node) update.mutate({ level: 'site', id: target.node.id, patch: { code, name: v.name ?? '', regionCode: v.regionCode ?? null } }, done);
        // Without a region the server takes the organisation's.
        else
          create.mutate(
            { level: 'site', input: { code, name: v.name ?? '', ...(v.regionCode ? { regionCode: v.regionCode } : {}), ...(v.orgId ? { orgId: v.orgId } : {}) } },
            done,
          );
        break;
      case 'area':
        if (target.node) update.mutate({ level: 'area', id: target.node.id, patch: { code, name: v.name ?? '' } }, done);
        else create.mutate({ level: 'area', input: { siteId: target.parent.id, code, name: v.name ?? '' } }, done);
        break;
      case 'line': {
        const fields = {
          code,
          nameZh: v.nameZh ?? '',
          nameEn: v.nameEn ?? '',
          product: v.product?.trim() || null,
          shiftTarget: v.shiftTarget ?? null,
          ppmTarget: v.ppmTarget ?? null,
        };
        if (target.node) update.mutate({ level: 'line', id: target.node.id, patch: { ...fields, areaId: v.areaId ?? target.node.areaId } }, done);
        else create.mutate({ level: 'line', input: { ...fields, areaId: target.parent.id } }, done);
        break;
      }
      case 'cell':
        if (target.node) update.mutate({ level: 'cell', id: target.node.id, patch: { code, name: v.name ?? '' } }, done);
        else create.mutate({ level: 'cell', input: { lineId: target.parent.id, code, name: v.name ?? '' } }, done);
        break;
    }
  };

  const parent = target && target.level !== 'site' ? target.parent : null;
  const placeholder = (key: string) => t(`factory.model.placeholder.${level}${key}`);

  return (
    <FormDrawer
      open={!!target}
      onClose={onClose}
      title={editing ? t(`factory.model.edit.${level}`) : t(`factory.model.create.${level}`)}
      saving={create.isPending || update.isPending}
      onSave={() => form.submit()}
      saveTestId="model-form-submit"
      cancelTestId="model-form-cancel"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="model-form" data-level={level} scrollToFirstError>
        {/* An edited line names its area in the area field below instead. */}
        {parent && level !== 'site' && !(level === 'line' && editing) && (
          <Form.Item label={t('factory.model.under', { level: t(`factory.model.level.${PARENT_OF[level]}`) })}>
            <Typography.Text data-testid="model-form-parent">
              {nodeName(parent)} <span className="gb-mono gb-muted">{parent.code}</span>
            </Typography.Text>
          </Form.Item>
        )}
        {level === 'site' && !editing && me.platformAdmin && (
          <Form.Item name="orgId" label={t('factory.model.org')}>
            <OrgSelect allowClear placeholder={me.user.orgName} />
          </Form.Item>
        )}
        <Form.Item
          name="code"
          label={t('factory.model.code')}
          extra={t(`factory.model.codeHint.${level}`)}
          rules={[required(t('factory.model.code')), { pattern: CODE_RE, message: t('factory.model.codeFormat') }]}
        >
          <Input maxLength={20} className="gb-mono" placeholder={placeholder('Code')} autoComplete="off" />
        </Form.Item>
        {level === 'line' ? (
          <>
            <Form.Item name="nameZh" label={t('factory.model.nameZh')} rules={[required(t('factory.model.nameZh')), { max: 50 }]}>
              <Input maxLength={50} placeholder={placeholder('NameZh')} />
            </Form.Item>
            <Form.Item name="nameEn" label={t('factory.model.nameEn')} rules={[required(t('factory.model.nameEn')), { max: 80 }]}>
              <Input maxLength={80} placeholder={placeholder('NameEn')} />
            </Form.Item>
            <Form.Item name="product" label={t('factory.model.product')} rules={[{ max: 80 }]}>
              <Input maxLength={80} placeholder={t('factory.model.productPlaceholder')} />
            </Form.Item>
            <Form.Item name="shiftTarget" label={t('factory.model.shiftTarget')} extra={t('factory.model.shiftTargetHint')}>
              <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} data-testid="model-form-shift-target" />
            </Form.Item>
            <Form.Item name="ppmTarget" label={t('factory.model.ppmTarget')} extra={t('factory.model.ppmTargetHint')}>
              <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="model-form-ppm-target" />
            </Form.Item>
            {target?.level === 'line' && target.node && (
              <Form.Item name="areaId" label={t('factory.model.area')} extra={t('factory.model.areaHint')}>
                <Select options={target.site.areas.map((a) => ({ value: a.id, label: `${a.name} · ${a.code}` }))} />
              </Form.Item>
            )}
          </>
        ) : (
          <Form.Item name="name" label={t('factory.model.name')} rules={[required(t('factory.model.name')), { max: 50 }]}>
            <Input maxLength={50} placeholder={placeholder('Name')} />
          </Form.Item>
        )}
        {level === 'site' && (
          <Form.Item name="regionCode" label={t('factory.model.region')} extra={editing ? undefined : t('factory.model.regionHint')}>
            <RegionPicker />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
