import { BankOutlined } from '@ant-design/icons';
import { comingModule } from '../modules/coming';

/** 园区: the industrial park's investment pipeline and smart retrofits (SPEC §4); not built yet. */
export const park = comingModule(
  'park',
  <BankOutlined />,
  {
    'zh-CN': {
      nav: { park: '园区' },
      modules: {
        park: {
          title: '园区 · 招商与智能化改造',
          summary: '服务綦江工业园区：企业名录、招商项目全流程、闲置厂房盘活，以及智能工厂和数字化车间认定。',
          users: '园区专员、园区管委会、企业',
          features: [
            '园区企业名录：行业、规模、产品与资质',
            '招商项目：线索 → 洽谈 → 签约 → 开工 → 投产，金额（亿元）与产业类别',
            '签约、开工、投产仪式批次管理',
            '闲置厂房台账与租赁，盘活面积统计',
            '智能化改造项目，市级智能工厂与数字化车间申报评审',
            '园区指标看板：项目数、投资额、盘活面积',
          ],
        },
      },
    },
    en: {
      nav: { park: 'Industrial park' },
      modules: {
        park: {
          title: 'Industrial park · Investment and smart retrofits',
          summary: 'For the Qijiang industrial park: the enterprise registry, the investment pipeline, idle plant space, and smart-factory and digital-workshop certification.',
          users: 'Park officers, the park administration, enterprises',
          features: [
            'Enterprise registry: industry, scale, products and certifications',
            'Investment projects: lead → negotiating → signed → construction → production, amounts in 100 million yuan',
            'Signing, ground-breaking and start-of-production ceremony batches',
            'Idle plant space inventory and leasing, with the area brought back to use',
            'Smart-retrofit projects and municipal smart-factory / digital-workshop reviews',
            'Park KPI dashboard: projects, investment, area revived',
          ],
        },
      },
    },
  },
  ['park_admin', 'government', 'enterprise'],
); // the park administration, the district and its enterprises
