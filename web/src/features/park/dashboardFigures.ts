import type { ParkDashboard } from './types';

/** The headline figures the dashboard and the 大屏 share, picked (and counted, never summed as money) from the API's answer. */
export function headlines(d: ParkDashboard) {
  const sum = (statuses: string[]) => d.certifications.filter((c) => statuses.includes(c.status)).reduce((s, c) => s + c.count, 0);
  return {
    /** The latest year with projects signed, its count and exact amount. */
    latest: d.signedByYear.at(-1),
    /** The latest year with area revived. */
    revived: d.space.revivedByYear.at(-1),
    retrofits: d.retrofits.byStatus.reduce((s, x) => s + x.count, 0),
    certified: sum(['certified']),
    pending: sum(['applied', 'under_review']),
    certTotal: sum(['applied', 'under_review', 'certified', 'rejected']),
  };
}
