import { useState } from 'react';
import { Button, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { TITLE_LEVELS } from '@gearbridge/contracts/talent';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { choices, ListPanel } from '../admin/common/ListPanel';
import { useListParams } from '../admin/common/useListParams';
import type { ImportKind } from '../admin/imports/api';
import { ImportWizard } from '../admin/imports/ImportWizard';
import { PageHeader } from '../shell/PageHeader';
import { usePhone } from '../shell/useViewport';
import { exportPeople, talentKeys, usePeople } from './api';
import { AccessTag, PiiValue } from './parts';
import { PersonFormDrawer } from './PersonFormDrawer';
import { KINDS, SECTORS } from './labels';
import type { Person, PersonKind, PersonQuery, Sector } from './types';

const FILTERS = ['q', 'side', 'kind', 'sector', 'minLevel'] as const;
/** The platform importer of the talent pool (server talent/people-importer.ts). The wizard's ImportKind names only the core's kinds. */
const PEOPLE_IMPORT = 'talent_people' as string as ImportKind;

/** 人才库: the people of both sides, masked; the own side's registered, edited and revealed here. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const params = useListParams(FILTERS);
  const { filters, page, pageSize } = params;
  const query: PersonQuery = {
    q: filters.q,
    side: filters.side === 'west' || filters.side === 'east' ? filters.side : undefined,
    kind: filters.kind as PersonKind | undefined,
    sector: filters.sector as Sector | undefined,
    minLevel: filters.minLevel ? Number(filters.minLevel) : undefined,
    page,
    pageSize,
  };
  const list = usePeople(query);
  const edit = can(me, 'talent.edit');
  const reveal = can(me, 'talent.reveal');
  const [form, setForm] = useState<{ open: boolean; person: Person | null }>({ open: false, person: null });
  const [importOpen, setImportOpen] = useState(false);

  const columns: ColumnsType<Person> = [
    {
      title: t('talent.person.name'),
      dataIndex: 'name',
      fixed: phone ? undefined : 'left',
      width: 150,
      render: (name: string, p) => (
        <div data-testid="person-row">
          <strong>{name}</strong>
          <div className="gb-muted">
            {t(`talent.person.gender.${p.gender}`)} · {t('talent.person.born', { year: p.birthYear })}
          </div>
        </div>
      ),
    },
    {
      title: t('talent.person.unit'),
      key: 'unit',
      width: 240,
      render: (_v, p) => (
        <div>
          <div>{p.unit}</div>
          <div className="gb-muted">{p.post}</div>
        </div>
      ),
    },
    {
      title: t('talent.person.titleCode'),
      key: 'title',
      width: 150,
      render: (_v, p) =>
        p.titleCode ? (
          <div>
            <div>{t(`talent.titles.${p.titleCode}`)}</div>
            <div className="gb-muted">{t(`talent.level.${p.titleLevel}`)}</div>
          </div>
        ) : (
          <span className="gb-muted">{t(`talent.kind.${p.kind}`)}</span>
        ),
    },
    {
      title: t('talent.person.specialties'),
      dataIndex: 'specialties',
      width: 200,
      render: (s: string[], p) => (
        <Space size={[4, 4]} wrap>
          <Tag color="purple">{t(`talent.sector.${p.sector}`)}</Tag>
          {s.map((x) => (
            <Tag key={x} variant="outlined">
              {x}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('talent.person.idAndPhone'),
      key: 'pii',
      width: 230,
      render: (_v, p) => (
        <div>
          <div>
            <PiiValue personId={p.id} field="idNumber" masked={p.idNumberMasked} canReveal={reveal && p.access === 'own'} />
          </div>
          <div>
            <PiiValue personId={p.id} field="phone" masked={p.phoneMasked} canReveal={reveal && p.access === 'own'} />
          </div>
        </div>
      ),
    },
    {
      title: t('talent.person.availability'),
      dataIndex: 'availability',
      width: 150,
      render: (a: Person['availability'], p) => (
        <div>
          <Tag color={a === 'available' ? 'green' : a === 'on_assignment' ? 'orange' : 'default'}>{t(`talent.availability.${a}`)}</Tag>
          {p.onTermUntil && (
            <div className="gb-muted gb-nowrap" data-testid="on-term">
              {t('talent.person.onTermUntil', { date: p.onTermUntil })}
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('talent.person.org'),
      key: 'org',
      width: 200,
      render: (_v, p) => (
        <div>
          <div>{p.orgName}</div>
          <div className="gb-muted">
            {t(`talent.side.${p.side}`)} <AccessTag access={p.access} />
          </div>
        </div>
      ),
    },
    {
      title: '',
      key: 'act',
      width: 70,
      render: (_v, p) =>
        edit && p.access === 'own' ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setForm({ open: true, person: p })} aria-label={t('common.edit')} data-testid="person-edit" />
        ) : null,
    },
  ];

  return (
    <div data-testid="talent-people-page">
      <PageHeader
        title={t('talent.person.title')}
        subtitle={t('talent.person.subtitle')}
        extra={
          <>
            {edit && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="people-import">
                {t('common.import')}
              </Button>
            )}
            <ExportButton run={() => exportPeople(query)} testId="people-export" />
            {edit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, person: null })} data-testid="person-create">
                {t('talent.person.create')}
              </Button>
            )}
          </>
        }
      />
      <ListPanel<Person, (typeof FILTERS)[number]>
        params={params}
        toolbar={{
          search: { placeholder: t('talent.person.searchPlaceholder'), testId: 'people-search' },
          filters: [
            { key: 'side', placeholder: t('talent.person.sideFilter'), options: choices(['west', 'east'], (s) => t(`talent.side.${s}`)), testId: 'filter-side' },
            { key: 'kind', placeholder: t('talent.person.kindFilter'), options: choices(KINDS, (k) => t(`talent.kind.${k}`)) },
            { key: 'sector', placeholder: t('talent.person.sectorFilter'), options: choices(SECTORS, (s) => t(`talent.sector.${s}`)) },
            { key: 'minLevel', placeholder: t('talent.person.levelFilter'), options: choices(TITLE_LEVELS, (l) => `≥ ${t(`talent.level.${l}`)}`) },
          ],
        }}
        query={list}
        emptyHint={t('talent.person.emptyHint')}
        columns={columns}
        rowKey="id"
        scroll={{ x: 1350 }}
        data-testid="people-table"
      />
      {edit && (
        <ImportWizard
          kind={PEOPLE_IMPORT}
          what={t('talent.person.importWhat')}
          open={importOpen}
          onClose={() => setImportOpen(false)}
          invalidate={[talentKeys.all]}
          previewLabels={{
            name: t('talent.person.name'),
            idNumber: t('talent.person.idNumber'),
            unit: t('talent.person.unit'),
            sector: t('talent.person.sector'),
            titleCode: t('talent.person.titleCode'),
          }}
          formatValue={(k, v) =>
            v === null || v === undefined || v === '' ? '—' : k === 'sector' ? t(`talent.sector.${v}`) : k === 'titleCode' ? t(`talent.titles.${v}`) : String(v)
          }
        />
      )}
      <PersonFormDrawer open={form.open} person={form.person} onClose={() => setForm({ open: false, person: null })} />
    </div>
  );
}
