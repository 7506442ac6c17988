import { SolutionOutlined } from '@ant-design/icons';
import { comingModule } from '../modules/coming';

/** 人才协作: talent collaboration between the paired regions (SPEC §3); not built yet. */
export const talent = comingModule(
  'talent',
  <SolutionOutlined />,
  {
    'zh-CN': {
      nav: { talent: '人才协作' },
      modules: {
        talent: {
          title: '人才协作 · 东西部协作',
          summary: '支撑临沂与城口的干部挂职、专业技术人才双向交流、学校医院结对共建与订单式选派。',
          users: '协作联络员、医院与学校管理者、专家',
          features: [
            '结对关系与年度工作计划：事项、责任单位、时限与进度',
            '干部双向挂职：派出单位、挂职单位、岗位、期限与总结',
            '教育、卫生、农业等专业技术人才选派',
            '学校与学校、医院与医院结对共建，协议与活动记录',
            '订单式选派：受援单位发布需求人才清单，派出方从专家库匹配并下达选派单',
            '传帮带：师徒结对、目标、带教日志与成果',
            '讲座、公开课、培训、义诊等活动及参与人数',
            '按年度、方向、领域统计并导出',
          ],
        },
      },
    },
    en: {
      nav: { talent: 'Talent' },
      modules: {
        talent: {
          title: 'Talent collaboration · East–West',
          summary: 'Cadre secondments, professionals sent both ways, paired schools and hospitals, and order-based expert dispatch between Linyi and Chengkou.',
          users: 'Collaboration officers, hospital and school managers, experts',
          features: [
            'The partnership and its annual work plan: items, responsible units, deadlines and progress',
            'Two-way cadre secondments: home unit, host unit, post, term and reports',
            'Professionals dispatched by sector: education, health, agriculture and more',
            'School–school and hospital–hospital pairings with agreements and activities',
            'Order-based dispatch: the host posts a demand list; the partner matches experts and issues dispatch orders',
            'Mentoring: mentor and mentees, goals, logs and outcomes',
            'Lectures, open classes, trainings and consultations with participant counts',
            'Statistics by year, direction and sector, exportable',
          ],
        },
      },
    },
  },
  ['government', 'hospital', 'school'],
); // organisation departments and bureaus; the hospitals and schools that host and send experts
