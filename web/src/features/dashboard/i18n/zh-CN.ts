import type { Shape } from '../../../i18n/shape';

// The signed-in user's overview (首页). Registered by the dashboard manifest.
const zhCN = {
  nav: {
    dashboard: '首页',
  },
  dashboard: {
    title: '首页',
    greeting: '{{name}}，您好',
    orgs: '组织总数',
    orgKinds: '覆盖 {{count}} 种类型',
    users: '用户总数',
    activeUsers: '启用 {{count}} 人',
    roles: '角色',
    customRoles: '自定义 {{count}} 个',
    orgsByKind: '组织类型分布',
    chartBar: '柱状图',
    chartPie: '饼图',
    recentAudit: '最近操作',
    viewAll: '查看全部',
    noAudit: '暂无操作记录',
    modules: '业务模块',
    moduleReady: '已上线',
    quoted: '「{{name}}」',
    noCards: '这里将显示您的待办和今日数据；您的账号目前没有可显示的工作卡片。',
  },
};

export default zhCN;

export type DashboardMessages = Shape<typeof zhCN>;
