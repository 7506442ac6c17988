import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Input, List, Row, Spin, Table, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Region, RegionLevel } from '../../../api/types';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { QueryError } from '../../shell/StatusViews';
import { AddVillageModal } from './AddVillageModal';
import { fetchChildren, getChildren, getSearch, regionKeys } from './api';

const LEVEL_COLORS: Record<RegionLevel, string> = { province: 'red', city: 'volcano', county: 'blue', town: 'cyan', village: 'green' };
const ROOT = '';

export default function RegionsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const [loaded, setLoaded] = useState<Map<string, Region[]>>(new Map());
  const [selected, setSelected] = useState<Region | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState<Region | null>(null);
  const manage = can(me, 'region.manage');

  const remember = useCallback((parent: string, list: Region[]) => setLoaded((m) => new Map(m).set(parent, list)), []);
  const roots = useQuery({ queryKey: regionKeys.children(null), queryFn: () => getChildren(null), staleTime: Infinity });
  useEffect(() => {
    if (roots.data) remember(ROOT, roots.data);
  }, [roots.data, remember]);

  const search = useQuery({ queryKey: regionKeys.search(q), queryFn: () => getSearch(q), enabled: q.length > 0 });
  const children = useQuery({
    queryKey: regionKeys.children(selected?.code ?? null),
    queryFn: () => getChildren(selected?.code ?? null),
    enabled: !!selected && selected.level !== 'village',
    staleTime: Infinity,
  });

  const treeData = useMemo(() => {
    const build = (parent: string): DataNode[] =>
      (loaded.get(parent) ?? []).map((r) => {
        const kids = loaded.get(r.code);
        return {
          key: r.code,
          title: (
            <span>
              {r.name} <span className="gb-muted gb-mono">{r.code}</span>
            </span>
          ),
          isLeaf: r.level === 'village' || (kids !== undefined && kids.length === 0),
          children: kids ? build(r.code) : undefined,
        };
      });
    return build(ROOT);
  }, [loaded]);

  const byCode = (code: string): Region | undefined => {
    for (const list of loaded.values()) {
      const r = list.find((x) => x.code === code);
      if (r) return r;
    }
    return undefined;
  };

  const afterAdd = (r: Region) => {
    setAdding(null);
    const town = r.parentCode ?? '';
    void fetchChildren(qc, town).then((list) => remember(town, list));
  };

  const childColumns = [
    { title: t('region.code'), dataIndex: 'code', width: 140, render: (c: string) => <span className="gb-mono">{c}</span> },
    { title: t('region.name'), dataIndex: 'name', render: (n: string, r: Region) => <Typography.Link onClick={() => setSelected(r)}>{n}</Typography.Link> },
    { title: t('region.level'), dataIndex: 'level', width: 120, render: (l: RegionLevel) => <Tag color={LEVEL_COLORS[l]}>{t(`regionLevel.${l}`)}</Tag> },
  ];

  return (
    <div data-testid="regions-page">
      <PageHeader title={t('region.title')} subtitle={t('region.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Card title={t('region.tree')} styles={{ body: { padding: 0 } }}>
            <div style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
              <Input.Search allowClear placeholder={t('region.searchPlaceholder')} onSearch={(v) => setQ(v.trim())} onChange={(e) => !e.target.value && setQ('')} />
            </div>
            {q ? (
              <div className="gb-region-tree">
                <List<Region>
                  size="small"
                  loading={search.isFetching}
                  dataSource={search.data ?? []}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noMatch')} /> }}
                  renderItem={(r) => (
                    <List.Item onClick={() => setSelected(r)} style={{ cursor: 'pointer' }}>
                      <List.Item.Meta title={r.fullName} description={<span className="gb-mono">{r.code}</span>} />
                      <Tag color={LEVEL_COLORS[r.level]}>{t(`regionLevel.${r.level}`)}</Tag>
                    </List.Item>
                  )}
                />
              </div>
            ) : roots.error ? (
              <QueryError error={roots.error} onRetry={() => void roots.refetch()} />
            ) : (
              <div className="gb-region-tree" data-testid="region-tree">
                {roots.isPending ? (
                  <div style={{ padding: 24, textAlign: 'center' }}>
                    <Spin />
                  </div>
                ) : (
                  <Tree
                    blockNode
                    showLine
                    treeData={treeData}
                    expandedKeys={expanded}
                    onExpand={(keys) => setExpanded(keys.map(String))}
                    selectedKeys={selected ? [selected.code] : []}
                    onSelect={(keys) => {
                      const r = keys[0] !== undefined ? byCode(String(keys[0])) : undefined;
                      if (r) setSelected(r);
                    }}
                    loadData={async (node) => {
                      const code = String(node.key);
                      if (loaded.has(code)) return;
                      remember(code, await fetchChildren(qc, code));
                    }}
                  />
                )}
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <Card
            title={t('region.selected')}
            extra={
              manage && selected?.level === 'town' ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(selected)} data-testid="region-add-village">
                  {t('region.addVillage')}
                </Button>
              ) : null
            }
          >
            {!selected ? (
              <Empty description={t('region.pickHint')} />
            ) : (
              <>
                <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
                  <Descriptions.Item label={t('region.name')}>{selected.name}</Descriptions.Item>
                  <Descriptions.Item label={t('region.code')}>
                    <span className="gb-mono">{selected.code}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('region.level')}>
                    <Tag color={LEVEL_COLORS[selected.level]}>{t(`regionLevel.${selected.level}`)}</Tag>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('region.parent')}>
                    <span className="gb-mono">{selected.parentCode ?? '—'}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('region.fullName')} span={2}>
                    {selected.fullName}
                  </Descriptions.Item>
                </Descriptions>
                {manage && selected.level !== 'town' && selected.level !== 'village' && (
                  <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
                    {t('region.onlyTown')}
                  </Typography.Paragraph>
                )}
                {selected.level !== 'village' && (
                  <>
                    <Typography.Title level={5} style={{ marginTop: 20 }}>
                      {t('region.children', { count: children.data?.length ?? 0 })}
                    </Typography.Title>
                    <Table<Region>
                      size="small"
                      rowKey="code"
                      columns={childColumns}
                      dataSource={children.data ?? []}
                      loading={children.isFetching}
                      pagination={(children.data?.length ?? 0) > 10 ? { pageSize: 10, size: 'small' } : false}
                      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('region.noChildren')} /> }}
                      scroll={{ x: 420 }}
                    />
                  </>
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
      <AddVillageModal town={adding} onClose={() => setAdding(null)} onAdded={afterAdd} />
    </div>
  );
}
