import { useEffect, useMemo } from 'react';
import { App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useAddEdge, useSaveChain, useSaveLink } from './api';
import { CHAIN_TIERS, type Chain, type ChainLink, type ChainMap, type ChainTier } from './types';

/** What the chain page edits: a chain (new or renamed), a link of a chain (new or changed), or a new edge. */
export type ChainEdit = { kind: 'chain'; chain: Chain | null } | { kind: 'link'; chain: Chain; link: ChainLink | null } | { kind: 'edge' };

interface Values {
  code?: string;
  name?: string;
  tier?: ChainTier;
  from?: string;
  to?: string;
  note?: string;
}

/**
 * The officer's chain editing (park.manage): create or rename a chain, add a link or rename it and change its tier,
 * connect two links (within a chain or across). The server checks and audits; its field errors land on the fields.
 */
export function ChainEditModal({ edit, map, onClose }: { edit: ChainEdit | null; map: ChainMap | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const saveChain = useSaveChain();
  const saveLink = useSaveLink();
  const addEdge = useAddEdge();
  const pending = saveChain.isPending || saveLink.isPending || addEdge.isPending;
  const linkOptions = useMemo(
    () => (map?.chains ?? []).map((c) => ({ label: c.name, title: c.name, options: c.links.map((l) => ({ value: l.id, label: l.name, search: `${c.name} ${l.name}` })) })),
    [map],
  );

  useEffect(() => {
    if (!edit) return;
    form.resetFields();
    if (edit.kind === 'chain') form.setFieldsValue({ name: edit.chain?.name });
    if (edit.kind === 'link') form.setFieldsValue({ name: edit.link?.name, tier: edit.link?.tier ?? 'midstream' });
  }, [edit, form]);

  const submit = async () => {
    if (!edit) return;
    const v = await form.validateFields();
    try {
      if (edit.kind === 'chain') await saveChain.mutateAsync({ id: edit.chain?.id ?? null, input: { code: v.code?.trim(), name: v.name!.trim() } });
      else if (edit.kind === 'link') await saveLink.mutateAsync({ chainId: edit.chain.id, linkId: edit.link?.id ?? null, input: { name: v.name!.trim(), tier: v.tier! } });
      else await addEdge.mutateAsync({ from: v.from!, to: v.to!, note: v.note?.trim() || null });
      message.success(t('park.chainEdit.saved'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
    }
  };

  const title = !edit
    ? ''
    : edit.kind === 'chain'
      ? edit.chain
        ? t('park.chainEdit.renameChain')
        : t('park.chainEdit.newChain')
      : edit.kind === 'link'
        ? edit.link
          ? t('park.chainEdit.editLink', { chain: edit.chain.name })
          : t('park.chainEdit.newLink', { chain: edit.chain.name })
        : t('park.chainEdit.newEdge');
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const pick = (field: string) => [{ required: true, message: t('common.requiredSelect', { field }) }];
  return (
    <Modal open={!!edit} title={title} onCancel={onClose} onOk={submit} confirmLoading={pending} okButtonProps={{ 'data-testid': 'park-chain-edit-save' }}>
      <Form form={form} layout="vertical" data-testid="park-chain-edit-form">
        {edit?.kind === 'chain' && !edit.chain && (
          <Form.Item name="code" label={t('park.chainEdit.code')} extra={t('park.chainEdit.codeHint')} rules={required(t('park.chainEdit.code'))}>
            <Input maxLength={30} data-testid="park-chain-code" />
          </Form.Item>
        )}
        {(edit?.kind === 'chain' || edit?.kind === 'link') && (
          <Form.Item name="name" label={t('park.chainEdit.name')} rules={required(t('park.chainEdit.name'))}>
            <Input maxLength={60} data-testid="park-chain-name" />
          </Form.Item>
        )}
        {edit?.kind === 'link' && (
          <Form.Item name="tier" label={t('park.chainEdit.tier')} rules={pick(t('park.chainEdit.tier'))}>
            <Select options={CHAIN_TIERS.map((x) => ({ value: x, label: t(`park.chains.tier_${x}`) }))} data-testid="park-chain-tier" />
          </Form.Item>
        )}
        {edit?.kind === 'edge' && (
          <>
            <Form.Item name="from" label={t('park.chainEdit.from')} rules={pick(t('park.chainEdit.from'))}>
              <Select showSearch={{ optionFilterProp: 'search' }} options={linkOptions} data-testid="park-edge-from" />
            </Form.Item>
            <Form.Item name="to" label={t('park.chainEdit.to')} rules={pick(t('park.chainEdit.to'))}>
              <Select showSearch={{ optionFilterProp: 'search' }} options={linkOptions} data-testid="park-edge-to" />
            </Form.Item>
            <Form.Item name="note" label={t('park.chainEdit.note')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
