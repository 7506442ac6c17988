import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, DatePicker, Form, Input, InputNumber, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PagedTable } from '../../../admin/common/PagedTable';
import { RegionPicker } from '../../../admin/regions/RegionPicker';
import { useSaveWelfarePost, useWelfarePosts } from '../api';
import type { WelfarePost } from '../types';
import { WorkerSelect } from '../WorkerSelect';
import { day, required, type FormTarget, editedOf, TrainingDrawer, useSaved, EditButton } from './TrainingForm';

function WelfarePostForm({ target, onClose }: { target: FormTarget<WelfarePost>; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSaveWelfarePost();
  const saved = useSaved(form, target, onClose, ['laborPlacement.tr.postCreated', 'laborPlacement.tr.postUpdated']);
  const p = editedOf(target);
  return (
    <TrainingDrawer target={target} onClose={onClose} form={form} titles={['laborPlacement.tr.newPost', 'laborPlacement.tr.editPost']} saving={save.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={
          p
            ? {
                postName: p.postName,
                unitName: p.unitName,
                regionCode: p.regionCode,
                fundingSource: p.fundingSource,
                term: [dayjs(p.termFrom), dayjs(p.termTo)],
                monthlySubsidy: p.monthlySubsidy,
                holderWorkerId: p.holderWorkerId,
                note: p.note,
              }
            : { fundingSource: t('laborPlacement.tr.fundingDefault'), monthlySubsidy: 800 }
        }
        onFinish={(v: {
          postName: string;
          unitName?: string;
          regionCode: string;
          fundingSource: string;
          holderWorkerId?: string | null;
          term: [Dayjs, Dayjs];
          monthlySubsidy: number;
          note?: string;
        }) =>
          save.mutate(
            {
              id: p?.id,
              input: {
                postName: v.postName,
                unitName: v.unitName || null,
                regionCode: v.regionCode,
                fundingSource: v.fundingSource,
                holderWorkerId: v.holderWorkerId || null,
                termFrom: day(v.term[0])!,
                termTo: day(v.term[1])!,
                monthlySubsidy: v.monthlySubsidy,
                note: v.note || null,
              },
            },
            saved,
          )
        }
      >
        <Form.Item name="postName" label={t('laborPlacement.tr.postName')} rules={required(t, t('laborPlacement.tr.postName'))}>
          <Input maxLength={80} placeholder={t('laborPlacement.tr.postNameHint')} />
        </Form.Item>
        <Form.Item name="unitName" label={t('laborPlacement.tr.unit')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('laborPlacement.tr.region')} rules={required(t, t('laborPlacement.tr.region'))}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="fundingSource" label={t('laborPlacement.tr.funding')} rules={required(t, t('laborPlacement.tr.funding'))}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="term" label={t('laborPlacement.tr.term')} rules={required(t, t('laborPlacement.tr.term'))}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="monthlySubsidy" label={t('laborPlacement.tr.subsidy')} rules={required(t, t('laborPlacement.tr.subsidy'))}>
          <InputNumber min={0} max={100000} suffix={t('labor.yuanPerMonth')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="holderWorkerId" label={t('laborPlacement.tr.holder')}>
          <WorkerSelect known={p?.holderWorkerId ? { value: p.holderWorkerId, label: p.holderNameMasked ?? '' } : undefined} />
        </Form.Item>
        <Form.Item name="note" label={t('laborPlacement.tr.note')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </TrainingDrawer>
  );
}

/** 公益性岗位: public-welfare posts, their terms and holders. */
export function WelfarePostsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [current, setCurrent] = useState<'true' | 'false' | undefined>();
  const [formTarget, setFormTarget] = useState<FormTarget<WelfarePost>>(null);
  const list = useWelfarePosts({ current, page, pageSize });
  const columns: ColumnsType<WelfarePost> = [
    {
      title: t('laborPlacement.tr.postName'),
      dataIndex: 'postName',
      render: (v: string, p) => (
        <div>
          {v}
          <div className="gb-muted">{p.unitName ?? '—'}</div>
        </div>
      ),
    },
    { title: t('laborPlacement.tr.region'), key: 'reg', width: 150, render: (_, p) => p.regionName ?? p.regionCode },
    { title: t('laborPlacement.tr.funding'), dataIndex: 'fundingSource', width: 150 },
    {
      title: t('laborPlacement.tr.holder'),
      key: 'holder',
      width: 110,
      render: (_, p) =>
        p.holderWorkerId ? <Link to={`/labor/workers/${p.holderWorkerId}`}>{p.holderNameMasked}</Link> : <span className="gb-muted">{t('laborPlacement.tr.vacant')}</span>,
    },
    {
      title: t('laborPlacement.tr.term'),
      key: 'term',
      width: 230,
      render: (_, p) => (
        <span>
          {p.termFrom} ~ {p.termTo} {p.current ? <Tag color="green">{t('laborPlacement.tr.current')}</Tag> : <Tag>{t('laborPlacement.tr.notCurrent')}</Tag>}
        </span>
      ),
    },
    { title: t('laborPlacement.tr.subsidy'), dataIndex: 'monthlySubsidy', width: 120, align: 'right', render: (n: number) => `${n.toLocaleString()} ${t('labor.yuan')}` },
    ...(manage ? [{ title: '', key: 'act', width: 90, render: (_: unknown, p: WelfarePost) => <EditButton onClick={() => setFormTarget(p)} /> }] : []),
  ];
  return (
    <>
      <div className="gb-toolbar">
        <Select
          className="gb-toolbar__select"
          allowClear
          placeholder={t('laborPlacement.tr.termFilter')}
          value={current}
          onChange={(v: 'true' | 'false' | undefined) => {
            setCurrent(v);
            setPage(1);
          }}
          options={[
            { value: 'true', label: t('laborPlacement.tr.current') },
            { value: 'false', label: t('laborPlacement.tr.notCurrent') },
          ]}
        />
        <span style={{ flex: 1 }} />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget('new')}>
            {t('laborPlacement.tr.newPost')}
          </Button>
        )}
      </div>
      <PagedTable<WelfarePost>
        query={list}
        page={page}
        pageSize={pageSize}
        onPage={(p, s) => {
          setPage(p);
          setPageSize(s);
        }}
        filtered={!!current}
        columns={columns}
        scroll={{ x: 900 }}
        data-testid="welfare-table"
      />
      {manage && <WelfarePostForm target={formTarget} onClose={() => setFormTarget(null)} />}
    </>
  );
}
