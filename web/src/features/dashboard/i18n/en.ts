import type { DashboardMessages } from './zh-CN';

// The signed-in user's overview in English; same keys as zh-CN.ts (the type enforces it).
const en: DashboardMessages = {
  nav: {
    dashboard: 'Home',
  },
  dashboard: {
    title: 'Home',
    greeting: 'Hello, {{name}}',
    orgs: 'Organisations',
    orgKinds: 'Across {{count}} kinds',
    users: 'Users',
    activeUsers: '{{count}} active',
    roles: 'Roles',
    customRoles: '{{count}} custom',
    orgsByKind: 'Organisations by kind',
    chartBar: 'Bar',
    chartPie: 'Pie',
    recentAudit: 'Recent activity',
    viewAll: 'View all',
    noAudit: 'No activity yet',
    modules: 'Modules',
    moduleReady: 'Available',
    quoted: ' "{{name}}"',
    noCards: "Your to-dos and today's figures appear here; your account has no cards to show yet.",
  },
};

export default en;
