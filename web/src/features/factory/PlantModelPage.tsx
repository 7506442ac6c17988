import { useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Dropdown, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, MoreOutlined, NodeCollapseOutlined, NodeExpandOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { can, useCurrentUser } from '../auth/session';
import { PageHeader } from '../shell/PageHeader';
import { QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { nodeName, PlantNodeDrawer, type NodeTarget } from './PlantNodeDrawer';
import { SparkplugGroupsCard } from './SparkplugGroupsCard';
import { PARENT_OF, useDeleteNode, usePlantModel, type Level, type SiteNode } from './plantModelApi';
import './factory.css';
import './plantModel.css';

const LEVEL_COLOR: Record<Level, string> = { site: 'geekblue', area: 'cyan', line: 'blue', cell: 'default' };

/** One row of the tree table; `edit` is the drawer target for editing it, `add` for adding a child. */
interface Row {
  key: string;
  level: Level;
  id: string;
  code: string;
  name: string;
  deviceCount: number;
  unplaced: number;
  edit: NodeTarget;
  add: NodeTarget | null;
  children?: Row[];
}

function toRows(sites: SiteNode[], zh: boolean): Row[] {
  const nonEmpty = (rows: Row[]) => (rows.length ? rows : undefined);
  return sites.map((site) => ({
    key: `site:${site.id}`,
    level: 'site',
    id: site.id,
    code: site.code,
    name: site.name,
    deviceCount: site.deviceCount,
    unplaced: site.unplacedCount,
    edit: { level: 'site', node: site },
    add: { level: 'area', parent: site, node: null },
    children: nonEmpty(
      site.areas.map((area) => ({
        key: `area:${area.id}`,
        level: 'area',
        id: area.id,
        code: area.code,
        name: area.name,
        deviceCount: area.deviceCount,
        unplaced: 0,
        edit: { level: 'area', parent: site, node: area },
        add: { level: 'line', parent: area, site, node: null },
        children: nonEmpty(
          area.lines.map((line) => ({
            key: `line:${line.id}`,
            level: 'line',
            id: line.id,
            code: line.code,
            name: nodeName(line, zh),
            deviceCount: line.deviceCount,
            unplaced: 0,
            edit: { level: 'line', parent: area, site, node: line },
            add: { level: 'cell', parent: line, node: null },
            children: nonEmpty(
              line.cells.map((cell) => ({
                key: `cell:${cell.id}`,
                level: 'cell',
                id: cell.id,
                code: cell.code,
                name: cell.name,
                deviceCount: cell.deviceCount,
                unplaced: 0,
                edit: { level: 'cell', parent: line, node: cell },
                add: null,
              })),
            ),
          })),
        ),
      })),
    ),
  }));
}

const keysOf = (rows: Row[], upTo: Level[]): string[] => rows.flatMap((r) => (upTo.includes(r.level) && r.children ? [r.key, ...keysOf(r.children, upTo)] : []));

/**
 * The plant's equipment model after ISA-95 (SPEC §1): sites, their areas, lines and work cells, with the devices at
 * each level, and the Sparkplug groups that feed each site. Plant managers change it; readers see it.
 */
export default function PlantModelPage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const { message, modal } = AntApp.useApp();
  const me = useCurrentUser();
  const phone = usePhone();
  const manage = can(me, 'factory.manage');
  const model = usePlantModel();
  const remove = useDeleteNode();
  const [target, setTarget] = useState<NodeTarget | null>(null);
  // Until the person opens or closes a row: sites and areas open, so the lines show and the work cells wait.
  const [expanded, setExpanded] = useState<string[] | null>(null);

  const sites = useMemo(() => model.data?.sites ?? [], [model.data]);
  const rows = useMemo(() => toRows(sites, zh), [sites, zh]);
  const openKeys = expanded ?? keysOf(rows, ['site', 'area']);
  const allKeys = keysOf(rows, ['site', 'area', 'line']);
  const allOpen = allKeys.every((k) => openKeys.includes(k));

  const totals = useMemo(() => {
    const areas = sites.flatMap((s) => s.areas);
    const lines = areas.flatMap((a) => a.lines);
    return {
      sites: sites.length,
      areas: areas.length,
      lines: lines.length,
      cells: lines.reduce((n, l) => n + l.cells.length, 0),
      devices: sites.reduce((n, s) => n + s.deviceCount, 0),
    };
  }, [sites]);

  /** After adding a child its parent opens, so the new row is in sight. */
  const saved = (done: NodeTarget) => {
    if (done.node || done.level === 'site') return;
    const parentKey = `${PARENT_OF[done.level]}:${done.parent.id}`;
    if (!openKeys.includes(parentKey)) setExpanded([...openKeys, parentKey]);
  };

  const levelLabel = (l: Level) => t(`factory.model.level.${l}`);

  const columns: ColumnsType<Row> = [
    {
      title: t('factory.model.name'),
      key: 'name',
      render: (_v, r) => (
        <span className="gb-model-node" data-testid={`model-${r.level}-${r.code}`}>
          <Tag color={LEVEL_COLOR[r.level]} className="gb-model-node__tag">
            {levelLabel(r.level)}
          </Tag>
          <span className="gb-model-node__text">
            <span className={r.level === 'cell' ? undefined : 'gb-strong'}>{r.name}</span>
            {r.name !== r.code && <span className="gb-mono gb-muted gb-model-node__code">{r.code}</span>}
          </span>
        </span>
      ),
    },
    {
      title: t('factory.model.devices'),
      key: 'devices',
      align: 'right',
      width: phone ? 52 : 160,
      render: (_v, r) => (
        <span className="gb-nowrap">
          {r.unplaced > 0 && !phone && (
            <Tag color="gold" className="gb-model-node__unplaced">
              {t('factory.model.unplaced', { count: r.unplaced })}
            </Tag>
          )}
          <span className="gb-mono" data-testid={`model-count-${r.level}-${r.code}`}>
            {phone ? r.deviceCount : t('factory.model.deviceCount', { count: r.deviceCount })}
          </span>
        </span>
      ),
    },
  ];
  const deleteRow = (r: Row) =>
    remove.mutateAsync({ level: r.level, id: r.id }).then(
      () => void message.success(t('common.deleted')),
      (err: unknown) => void message.error(errorText(err, t)),
    );
  const confirmText = (r: Row) => ({
    title: t('factory.model.deleteConfirm', { level: levelLabel(r.level), name: r.name }),
    description: t('factory.model.deleteHint', { level: levelLabel(r.level) }),
  });

  if (manage && phone) {
    // On a phone one "more" button per row: a menu's items are easier to hit than three small icons.
    columns.push({
      key: 'actions',
      width: 44,
      render: (_v, r) => {
        const items: MenuProps['items'] = [
          ...(r.add ? [{ key: 'add', icon: <PlusOutlined />, label: t(`factory.model.addChild.${r.level}`) }] : []),
          { key: 'edit', icon: <EditOutlined />, label: t('common.edit') },
          { key: 'delete', icon: <DeleteOutlined />, label: t('common.delete'), danger: true },
        ];
        const onClick: MenuProps['onClick'] = ({ key }) => {
          if (key === 'add') setTarget(r.add);
          if (key === 'edit') setTarget(r.edit);
          if (key === 'delete') {
            const c = confirmText(r);
            modal.confirm({
              title: c.title,
              content: c.description,
              okText: t('common.delete'),
              cancelText: t('common.cancel'),
              okButtonProps: { danger: true },
              onOk: () => deleteRow(r),
            });
          }
        };
        return (
          <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.actions')} data-testid={`model-actions-${r.level}-${r.code}`} />
          </Dropdown>
        );
      },
    });
  } else if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 280,
      render: (_v, r) => (
        <Space size={0} className="gb-model-actions">
          {r.add && (
            <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setTarget(r.add)} data-testid={`model-add-${r.level}-${r.code}`}>
              {t(`factory.model.addChild.${r.level}`)}
            </Button>
          )}
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setTarget(r.edit)} data-testid={`model-edit-${r.level}-${r.code}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm {...confirmText(r)} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => deleteRow(r)}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`model-delete-${r.level}-${r.code}`}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <div data-testid="plant-model-page">
      <PageHeader
        title={t('factory.model.title')}
        subtitle={t('factory.model.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ level: 'site', node: null })} data-testid="model-create-site">
              {t('factory.model.create.site')}
            </Button>
          )
        }
      />
      {!manage && <Alert type="info" showIcon className="gb-section-alert" title={t('factory.model.readOnly')} />}
      <div className="gb-panel">
        {model.error && !model.data ? (
          <QueryError error={model.error} onRetry={() => void model.refetch()} />
        ) : (
          <>
            <div className="gb-model-toolbar">
              <Typography.Text type="secondary" data-testid="model-summary">
                {model.data ? t('factory.model.summary', totals) : ' '}
              </Typography.Text>
              <Button
                size="small"
                icon={allOpen ? <NodeCollapseOutlined /> : <NodeExpandOutlined />}
                onClick={() => setExpanded(allOpen ? [] : allKeys)}
                disabled={!rows.length}
                data-testid="model-toggle-all"
              >
                {allOpen ? t('factory.model.collapseAll') : t('factory.model.expandAll')}
              </Button>
            </div>
            <Table<Row>
              size="middle"
              rowKey="key"
              loading={model.isPending}
              columns={columns}
              dataSource={rows}
              pagination={false}
              indentSize={phone ? 10 : 20}
              expandable={{ expandedRowKeys: openKeys, onExpandedRowsChange: (keys) => setExpanded(keys.map(String)) }}
              rowClassName={(r) => `gb-model-row gb-model-row--${r.level}`}
              locale={{ emptyText: model.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.model.empty')} /> }}
              data-testid="model-table"
            />
          </>
        )}
      </div>
      <SparkplugGroupsCard sites={sites} manage={manage} />
      {manage && <PlantNodeDrawer target={target} onClose={() => setTarget(null)} onSaved={saved} />}
    </div>
  );
}
