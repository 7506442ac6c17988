// Recommendations both ways and the explanation of a match score (under `laborPlacement`).
// Part of ./zh-CN.ts.
const matching = {
  factor: { occupation: '工种', skill: '技能', region: '地区', wage: '工资', housing: '住宿', start: '到岗', certificates: '证书' },
  detail: {
    occupation: {
      same: '与期望工种相同',
      same_minor_group: '与期望工种同属一个小类',
      same_middle_group: '与期望工种同属一个中类',
      same_major_group: '与期望工种同属一个大类',
      different: '与期望工种不同',
      any: '未填写期望工种',
    },
    skill: {
      same: '持有该工种技能',
      same_minor_group: '持有同小类工种技能',
      same_middle_group: '持有同中类工种技能',
      same_major_group: '持有同大类工种技能',
      none: '没有相关技能',
    },
    region: {
      inside: '岗位在期望就业地区内',
      contains: '岗位地区包含期望地区',
      same_city: '与期望地区同一个市',
      same_province: '与期望地区同一个省',
      elsewhere: '不在期望地区',
      any: '未限定就业地区',
    },
    wage: {
      meets: '月薪 {{range}} 元，全部达到期望的 {{min}} 元',
      range_reaches: '月薪 {{range}} 元，上限达到期望的 {{min}} 元',
      unknown: '岗位未写明月薪',
      no_minimum: '本人未填写最低月薪',
      below_minimum: '月薪 {{range}} 元，低于期望的 {{min}} 元',
    },
    housing: { not_needed: '不需要住宿', provided: '需要住宿，岗位提供', missing: '需要住宿，岗位不提供' },
    start: {
      now: '可立即到岗',
      ready: '{{days}} 天内即可到岗',
      soon: '约 {{days}} 天后到岗',
      later: '{{days}} 天后才能到岗',
      after_close: '能到岗时岗位已截止',
    },
    certificates: {
      none_asked: '岗位不要求证书',
      required_held: '持有岗位要求的证书',
      preferred_held: '持有 {{held}}/{{of}} 项优先证书',
      missing: '缺少必需证书：{{missing}}',
    },
  },
  exclusion: {
    opening: { no_headcount: '岗位已招满', closed: '岗位已截止' },
    certificates: { missing: '缺少必需证书：{{missing}}' },
    wage: { below_minimum: '月薪低于本人坚持的最低工资' },
  },
  warning: { age_outside_range: '年龄不符', already_referred: '已推荐过' },
  warningHint: {
    age_outside_range: '年龄不在岗位要求的范围内（匹配分不计年龄，请人工确认）',
    already_referred: '该劳动力已有到这个岗位的推荐记录，确认时会被拒绝',
  },
  explain: { title: '匹配分说明', total: '合计', excluded: '不能匹配' },
  mode: { stable: '稳定匹配', optimal: '总分最优' },
  rec: {
    postingsTitle: '推荐岗位',
    workersTitle: '推荐人员',
    hint: '按匹配分排序，悬停分数查看原因',
    none: '暂无合适的匹配',
    refer: '推荐',
    referConfirm: '生成一条推荐记录？',
    referred: '已推荐',
    note: '系统推荐（匹配分 {{score}}）',
    more: '展开全部 {{count}} 条',
    less: '收起',
  },
};

export default matching;
