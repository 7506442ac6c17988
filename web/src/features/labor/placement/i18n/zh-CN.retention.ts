// Retention rates (under `laborPlacement`).
// Part of ./zh-CN.ts.
const retention = {
  ret: {
    title: '稳岗率',
    subtitle: '按入职月份、地区和用工单位统计',
    asOf: '统计日期 {{d}}',
    formula: '稳岗率 = 回访仍在岗人数 ÷（仍在岗人数 + 未就业人数）',
    formulaDetail:
      '只统计已到回访节点且已记录回访结果的就业记录；在其他单位就业也算在岗。未到节点的不计入；已到节点但未回访的单列为“未回访”，不计入分母，以免少回访而影响结果。每个节点单独计算。',
    rate: '稳岗率',
    placements: '就业人数',
    notDue: '未到节点',
    unknown: '未回访',
    unknownHint: '已到回访节点但没有记录结果，不计入稳岗率',
    unknownFoot: '已到节点未记录，不计入分母',
    notDueFoot: '其中 {{n}} 人未到回访节点',
    retained: '仍在岗',
    retainedOfRecorded: '仍在岗 / 已回访',
    sameEmployer: '其中原单位 {{n}} 人',
    sameShort: '原单位 {{n}}',
    lost: '未就业',
    byCohort: '按入职月份（第 {{m}} 个月）',
    byRegion: '按户籍地区',
    byEnterprise: '按用工单位',
    cohort: '入职月份',
    region: '地区',
    enterprise: '用工单位',
    town: '乡镇',
    county: '区县',
    none: '暂无就业记录',
  },
};

export default retention;
