import type { Shape } from '../../../i18n/shape';

// The factory's cards on the home page (工作台).
const zhCN = {
  factoryWorkbench: {
    plantToday: '今日产线',
    plantTodayHint: 'OEE 为各产线今日数值（按工厂日历，来自设备计数）；本班良品与不合格按逐件记录统计，与班次报表一致。点击进入产线',
    currentShift: '当前班次 {{shift}}',
    noShift: '当前不在班次内',
    line: '产线',
    topStops: '主要停机：',
    oee: 'OEE',
    shiftUnits: '本班良品 {{good}} 件',
    shiftNok: '不合格 {{nok}} 件',
    openAlarms: '未处理报警',
    openAlarmsCount: '{{count}} 条未处理报警',
    noAlarms: '无未处理报警',
    noLines: '还没有产线。',
    setUpPlant: '建立工厂模型',
    plantOverview: '工厂总览',
    myLine: '我的产线安灯',
    chooseLine: '选择产线',
    andonBoard: '打开安灯看板',
    acknowledge: '确认',
    acknowledged: '已确认',
    allClear: '本产线没有未处理报警',
    plantAlarms: '未处理报警（{{count}}）',
    plantAllClear: '全厂没有未处理报警',
    lineOeeToday: '本线今日 OEE {{oee}} · 机器计数良品 {{good}}',
  },
};
export const factoryWorkbenchZh = zhCN;
export type FactoryWorkbenchMessages = Shape<typeof zhCN>;

export const factoryWorkbenchEn: FactoryWorkbenchMessages = {
  factoryWorkbench: {
    plantToday: 'Lines today',
    plantTodayHint:
      "OEE: each line's today (plant calendar, from the machines' counters); this shift's good and NOK units from the unit records, as in the shift report. Open a line for details",
    currentShift: 'Current shift {{shift}}',
    noShift: 'No shift is running now',
    line: 'Line',
    topStops: 'Top stops:',
    oee: 'OEE',
    shiftUnits: 'This shift {{good}} good',
    shiftNok: '{{nok}} NOK',
    openAlarms: 'Open alarms',
    openAlarmsCount: '{{count}} open alarms',
    noAlarms: 'No open alarms',
    noLines: 'No production lines yet.',
    setUpPlant: 'Set up the plant model',
    plantOverview: 'Plant overview',
    myLine: 'My line: andon',
    chooseLine: 'Choose a line',
    andonBoard: 'Open the andon board',
    acknowledge: 'Acknowledge',
    acknowledged: 'Acknowledged',
    allClear: 'No open alarms on this line',
    plantAlarms: 'Open alarms ({{count}})',
    plantAllClear: 'No open alarms in the plant',
    lineOeeToday: "Line's OEE today {{oee}} · good by machine count {{good}}",
  },
};
