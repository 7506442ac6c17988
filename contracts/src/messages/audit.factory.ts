import type { Labels } from './audit';

/**
 * The factory module's audit actions (`factory.<record>.<verb>`, nested by the dots) and records in words, zh and en:
 * the web's audit pages and the server's Excel export of the audit log read the same labels.
 */
const zhActions = {
  device: { update: '修改设备' },
  site: { create: '新建厂区', update: '修改厂区', delete: '删除厂区' },
  area: { create: '新建车间', update: '修改车间', delete: '删除车间' },
  line: { create: '新建产线', update: '修改产线', delete: '删除产线' },
  cell: { create: '新建工位', update: '修改工位', delete: '删除工位' },
  sparkplug_group: { create: '新建 Sparkplug 分组映射', delete: '删除 Sparkplug 分组映射' },
  alarm: { acknowledge: '确认报警', resolve: '解除报警' },
  alarm_rule: { create: '新建报警规则', update: '修改报警规则', delete: '删除报警规则' },
  calendar: { update: '修改班次日历' },
  box: { create: '新建箱', pack: '装箱', close: '封箱' },
  pallet: { create: '新建托盘', pack: '产品上托盘', add_box: '箱上托盘', close: '封托' },
  transfer_order: { create: '创建 AGV 转运单' },
  delivery: { create: '发货' },
};
const zhEntities = {
  device: '设备',
  site: '厂区',
  area: '车间',
  line: '产线',
  cell: '工位',
  sparkplug_group: 'Sparkplug 分组',
  alarm: '报警',
  alarm_rule: '报警规则',
  shift_calendar: '班次日历',
  box: '箱',
  pallet: '托盘',
  transfer_order: 'AGV 转运单',
  delivery: '发货单',
};
export const factoryAudit = {
  zh: { actions: zhActions, entities: zhEntities },
  en: {
    actions: {
      device: { update: 'Device changed' },
      site: { create: 'Site created', update: 'Site changed', delete: 'Site deleted' },
      area: { create: 'Area created', update: 'Area changed', delete: 'Area deleted' },
      line: { create: 'Line created', update: 'Line changed', delete: 'Line deleted' },
      cell: { create: 'Work cell created', update: 'Work cell changed', delete: 'Work cell deleted' },
      sparkplug_group: { create: 'Sparkplug group mapped', delete: 'Sparkplug group mapping deleted' },
      alarm: { acknowledge: 'Alarm acknowledged', resolve: 'Alarm resolved' },
      alarm_rule: { create: 'Alarm rule created', update: 'Alarm rule changed', delete: 'Alarm rule deleted' },
      calendar: { update: 'Shift calendar changed' },
      box: { create: 'Box opened', pack: 'Units packed into box', close: 'Box closed' },
      pallet: { create: 'Pallet opened', pack: 'Units packed onto pallet', add_box: 'Box put on pallet', close: 'Pallet closed' },
      transfer_order: { create: 'AGV transfer order created' },
      delivery: { create: 'Delivery shipped' },
    } satisfies Labels<typeof zhActions>,
    entities: {
      device: 'Device',
      site: 'Site',
      area: 'Area',
      line: 'Line',
      cell: 'Work cell',
      sparkplug_group: 'Sparkplug group',
      alarm: 'Alarm',
      alarm_rule: 'Alarm rule',
      shift_calendar: 'Shift calendar',
      box: 'Box',
      pallet: 'Pallet',
      transfer_order: 'AGV transfer order',
      delivery: 'Delivery',
    } satisfies Labels<typeof zhEntities>,
  },
};
