import { useState } from 'react';
import { Button, Space, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FileAddOutlined, FileProtectOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { choices, ListPanel } from '../admin/common/ListPanel';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { usePhone } from '../shell/useViewport';
import { exportPairings, usePairings } from './api';
import { PAIRING_KINDS } from './labels';
import { AgreementModal } from './AgreementModal';
import { PairingFormDrawer } from './PairingFormDrawer';
import type { Pairing, PairingKind, PairingQuery } from './types';

const FILTERS = ['q', 'kind'] as const;

/** 结对共建: the paired schools and hospitals of both sides with their agreements (activities come later). */
export default function PairingsPage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const params = useListParams(FILTERS);
  const { filters, page, pageSize } = params;
  const query: PairingQuery = { q: filters.q, kind: filters.kind as PairingKind | undefined, page, pageSize };
  const list = usePairings(query);
  const me = useCurrentUser();
  const edit = can(me, 'talent.edit');
  const [formOpen, setFormOpen] = useState(false);
  const [agreementFor, setAgreementFor] = useState<Pairing | null>(null);

  const columns: ColumnsType<Pairing> = [
    {
      title: t('talent.pairing.east'),
      dataIndex: 'eastOrgName',
      fixed: phone ? undefined : 'left',
      width: 200,
      render: (name: string) => (
        <strong className="gb-talent-pair" data-testid="pairing-row">
          {name}
        </strong>
      ),
    },
    { title: t('talent.pairing.west'), dataIndex: 'westOrgName', width: 200 },
    {
      title: t('talent.pairing.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: PairingKind) => <Tag color={k === 'hospital' ? 'red' : 'blue'}>{t(`talent.pairingKind.${k}`)}</Tag>,
    },
    {
      title: t('talent.pairing.startedOn'),
      key: 'since',
      width: 190,
      render: (_v, p) => (
        <div>
          <div>{p.startedOn}</div>
          {p.programmeName && <div className="gb-muted">{p.programmeName}</div>}
        </div>
      ),
    },
    {
      title: t('talent.pairing.agreements'),
      dataIndex: 'agreements',
      width: 300,
      render: (agreements: Pairing['agreements']) =>
        agreements.length ? (
          <Space direction="vertical" size={2}>
            {agreements.map((a) => (
              <div key={a.id}>
                <div>
                  <FileProtectOutlined /> {a.title}
                </div>
                <div className="gb-muted">
                  {t('talent.pairing.agreementTerm', { from: a.startsOn, to: a.endsOn ?? t('talent.pairing.openEnded') })}
                  {a.documentName ? ` · ${a.documentName}` : ''}
                </div>
              </div>
            ))}
          </Space>
        ) : (
          <span className="gb-muted">{t('talent.pairing.noAgreement')}</span>
        ),
    },
    {
      title: t('talent.pairing.activities'),
      dataIndex: 'activityCount',
      width: 90,
      render: (n: number) => (
        <Tooltip title={t('talent.pairing.activitiesLater')}>
          <span className="gb-muted">{n}</span>
        </Tooltip>
      ),
    },
    {
      title: '',
      key: 'act',
      width: 70,
      render: (_v, p) =>
        p.editable ? (
          <Tooltip title={t('talent.pairing.addAgreement')}>
            <Button size="small" icon={<FileAddOutlined />} aria-label={t('talent.pairing.addAgreement')} onClick={() => setAgreementFor(p)} data-testid="agreement-add" />
          </Tooltip>
        ) : null,
    },
  ];

  return (
    <div data-testid="talent-pairings-page">
      <PageHeader
        title={t('talent.pairing.title')}
        subtitle={t('talent.pairing.subtitle')}
        extra={
          <>
            <ExportButton run={() => exportPairings(query)} testId="pairings-export" />
            {edit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="pairing-create">
                {t('talent.pairing.create')}
              </Button>
            )}
          </>
        }
      />
      <ListPanel<Pairing, (typeof FILTERS)[number]>
        params={params}
        toolbar={{
          search: { placeholder: t('talent.pairing.searchPlaceholder'), testId: 'pairings-search' },
          filters: [{ key: 'kind', placeholder: t('talent.pairing.kindFilter'), options: choices(PAIRING_KINDS, (k) => t(`talent.pairingKind.${k}`)) }],
        }}
        query={list}
        emptyHint={t('talent.pairing.emptyHint')}
        columns={columns}
        scroll={{ x: 1100 }}
        data-testid="pairings-table"
      />
      <PairingFormDrawer open={formOpen} onClose={() => setFormOpen(false)} />
      <AgreementModal pairing={agreementFor} onClose={() => setAgreementFor(null)} />
    </div>
  );
}
