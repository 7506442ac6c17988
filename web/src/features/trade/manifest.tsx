import { ShopOutlined } from '@ant-design/icons';
import { comingModule } from '../modules/coming';

/** 产业交易: the B2B trade platform (SPEC §5); not built yet. */
export const trade = comingModule(
  'trade',
  <ShopOutlined />,
  {
    'zh-CN': {
      nav: { trade: '产业交易' },
      modules: {
        trade: {
          title: '产业交易 · B2B 平台',
          summary: '面向齿轮、新能源汽车零部件和交通铝材三个行业的在线交易，与工厂生产和质量数据打通。',
          users: '采购商、供应商、企业',
          features: [
            '按行业的商品属性：齿轮（模数、齿数、材料、精度等级）、铝材（牌号、状态、形态含铝液）',
            '询价 → 报价 → 定标 → 订单，订单里程碑跟踪',
            '订单可转为工厂工单，采购方实时查看生产进度',
            '每批交付附带由产品检验数据生成的质量证明',
            '长期供货协议（如铝液按月吨数、价格公式），展示节省金额',
          ],
        },
      },
    },
    en: {
      nav: { trade: 'Trade' },
      modules: {
        trade: {
          title: 'Industrial trade · B2B marketplace',
          summary: "Online trade in gears, new-energy-vehicle parts and transport aluminium, connected to the plants' production and quality data.",
          users: 'Buyers, suppliers, enterprises',
          features: [
            'Typed product attributes: gears (module, teeth, material, precision grade), aluminium (alloy, temper, form incl. molten)',
            'RFQ → quotes → award → order, with order milestones',
            'An order can become a factory work order; the buyer follows its progress',
            "Each delivery carries a quality certificate built from the units' inspection data",
            'Long-term supply agreements (e.g. molten aluminium, t/month, price formula) with the saving shown',
          ],
        },
      },
    },
  },
  ['enterprise', 'park_admin', 'government'],
); // buyers and suppliers, and the park administration that runs the platforms
