import { useState } from 'react';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../../../auth/session';
import { PageHeader } from '../../../shell/PageHeader';
import { ClassesTab } from './ClassesTab';
import { WorkshopsTab } from './WorkshopsTab';
import { WelfarePostsTab } from './WelfarePostsTab';
import '../../labor.css';
import '../placement.css';

/** 技能培训, 就业帮扶车间 and 公益性岗位 of the own bureau, one tab each. */
export default function TrainingPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const manage = can(me, 'labor.manage');
  const [tab, setTab] = useState('classes');
  return (
    <div data-testid="labor-training-page">
      <PageHeader title={t('laborPlacement.tr.title')} subtitle={t('laborPlacement.tr.subtitle')} />
      <div className="gb-panel">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'classes', label: t('laborPlacement.tr.classes'), children: <ClassesTab manage={manage} /> },
            { key: 'workshops', label: t('laborPlacement.tr.workshops'), children: <WorkshopsTab manage={manage} /> },
            { key: 'posts', label: t('laborPlacement.tr.posts'), children: <WelfarePostsTab manage={manage} /> },
          ]}
        />
      </div>
    </div>
  );
}
