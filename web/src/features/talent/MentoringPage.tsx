import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FormOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { choices, ListPanel } from '../admin/common/ListPanel';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { useSaveOutcome } from '../shell/FormDrawer';
import { usePhone } from '../shell/useViewport';
import { exportMentorships, useAddMentoringLog, useMentorships } from './api';
import { DIRECTIONS, SECTORS } from './labels';
import { AccessTag, DirectionTag } from './parts';
import type { Direction, Mentorship, MentorshipQuery, Sector } from './types';
import { MentorshipFormDrawer } from './MentorshipFormDrawer';
import './talent.css';

const FILTERS = ['q', 'sector', 'direction'] as const;

/** 传帮带: mentors with the young staff they bring on, the goals, the progress logs and the outcomes. */
export default function MentoringPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const params = useListParams(FILTERS);
  const { filters, page, pageSize } = params;
  const query: MentorshipQuery = { q: filters.q, sector: filters.sector as Sector | undefined, direction: filters.direction as Direction | undefined, page, pageSize };
  const list = useMentorships(query);
  const [logFor, setLogFor] = useState<Mentorship | null>(null);
  const edit = can(me, 'talent.edit');
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<Mentorship> = [
    {
      title: t('talent.mentoring.mentor'),
      dataIndex: 'mentorName',
      fixed: phone ? undefined : 'left',
      width: 200,
      render: (name: string, x) => (
        <div data-testid="mentorship-row">
          <strong>{name}</strong>
          <div className="gb-muted">{x.mentorUnit}</div>
        </div>
      ),
    },
    {
      title: t('talent.mentoring.mentees'),
      dataIndex: 'mentees',
      width: 240,
      render: (mentees: Mentorship['mentees'], x) => (
        <div>
          <Space size={[4, 4]} wrap>
            {mentees.map((e) => (
              <Tag key={e.id}>{e.name}</Tag>
            ))}
          </Space>
          <div className="gb-muted">
            {x.orgName} <AccessTag access={x.access} />
          </div>
        </div>
      ),
    },
    {
      title: t('talent.mentoring.goals'),
      key: 'goals',
      width: 280,
      render: (_v, x) => (
        <div>
          <div>{x.goals}</div>
          <Space size={4} wrap>
            <Tag color="purple">{t(`talent.sector.${x.sector}`)}</Tag>
            <DirectionTag direction={x.direction} />
            <span className="gb-muted gb-nowrap">
              {x.startsOn} — {x.endsOn ?? t('talent.pairing.openEnded')}
            </span>
          </Space>
        </div>
      ),
    },
    {
      title: t('talent.mentoring.progress'),
      key: 'progress',
      width: 280,
      render: (_v, x) => (
        <div>
          {x.logs.length ? (
            <div>
              <span className="gb-muted">{x.logs[x.logs.length - 1].loggedOn}</span> {x.logs[x.logs.length - 1].summary}
            </div>
          ) : (
            <span className="gb-muted">{t('talent.mentoring.noLogs')}</span>
          )}
          {x.outcomes.map((o) => (
            <div key={o.id} className="gb-talent-award">
              <TrophyOutlined /> {o.title}
            </div>
          ))}
        </div>
      ),
    },
    {
      title: '',
      key: 'act',
      width: 110,
      render: (_v, x) =>
        edit && x.access === 'own' ? (
          <Button size="small" icon={<FormOutlined />} onClick={() => setLogFor(x)} data-testid="mentoring-log">
            {t('talent.mentoring.addLog')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="talent-mentoring-page">
      <PageHeader
        title={t('talent.mentoring.title')}
        subtitle={t('talent.mentoring.subtitle')}
        extra={
          <>
            <ExportButton run={() => exportMentorships(query)} testId="mentoring-export" />
            {edit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="mentorship-create">
                {t('talent.mentoring.create')}
              </Button>
            )}
          </>
        }
      />
      <ListPanel<Mentorship, (typeof FILTERS)[number]>
        params={params}
        toolbar={{
          search: { placeholder: t('talent.mentoring.searchPlaceholder'), testId: 'mentoring-search' },
          filters: [
            { key: 'sector', placeholder: t('talent.person.sectorFilter'), options: choices(SECTORS, (s) => t(`talent.sector.${s}`)) },
            { key: 'direction', placeholder: t('talent.secondment.directionFilter'), options: choices(DIRECTIONS, (d) => t(`talent.direction.${d}`)) },
          ],
        }}
        query={list}
        emptyHint={t('talent.mentoring.emptyHint')}
        columns={columns}
        rowKey="id"
        scroll={{ x: 1100 }}
        data-testid="mentoring-table"
      />
      <LogModal mentorship={logFor} onClose={() => setLogFor(null)} />
      {edit && <MentorshipFormDrawer open={creating} onClose={() => setCreating(false)} />}
    </div>
  );
}

function LogModal({ mentorship, onClose }: { mentorship: Mentorship | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ loggedOn: Dayjs; summary: string }>();
  const add = useAddMentoringLog();
  const outcome = useSaveOutcome(form, onClose);
  return (
    <Modal open={!!mentorship} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} title={t('talent.mentoring.addLog')} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          mentorship &&
          add.mutate(
            { id: mentorship.id, input: { loggedOn: v.loggedOn.format('YYYY-MM-DD'), summary: v.summary.trim() } },
            { onSuccess: () => outcome.saved(t('talent.mentoring.logged')), onError: outcome.failed },
          )
        }
      >
        <Form.Item name="loggedOn" label={t('talent.mentoring.loggedOn')} rules={[{ required: true, message: t('common.required', { field: t('talent.mentoring.loggedOn') }) }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('talent.mentoring.summary')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('talent.mentoring.summary') }) }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
