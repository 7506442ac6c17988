import { useState } from 'react';
import { Button, Space } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { WorkerSelect } from '../WorkerSelect';

/**
 * Pick an unemployed worker and add them (enrol in a class, join a workshop): the picker empties once `add`
 * reports success through its callback.
 */
export function AddWorkerBar({ placeholder, label, pending, add }: { placeholder: string; label: string; pending: boolean; add: (workerId: string, added: () => void) => void }) {
  const [worker, setWorker] = useState<string | null>(null);
  return (
    <Space.Compact className="gb-lp-block" style={{ width: '100%' }}>
      <div style={{ flex: 1 }}>
        <WorkerSelect value={worker} onChange={(v) => setWorker(typeof v === 'string' ? v : null)} filter={{ status: 'unemployed' }} placeholder={placeholder} />
      </div>
      <Button type="primary" icon={<UserAddOutlined />} disabled={!worker} loading={pending} onClick={() => worker && add(worker, () => setWorker(null))}>
        {label}
      </Button>
    </Space.Compact>
  );
}
