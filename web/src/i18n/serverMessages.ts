import type { Locale } from '../api/types';

// The API writes its messages in English (the contract's error codes are the stable part). For the Chinese UI the
// messages people meet often are translated here; anything unknown is shown as the server wrote it.

const FIELD_ZH: Record<string, string> = {
  name: '名称',
  kind: '类型',
  regionCode: '区划代码',
  uscc: '统一社会信用代码',
  contactName: '联系人',
  address: '地址',
  username: '登录名',
  displayName: '姓名',
  phone: '手机号',
  password: '密码',
  'Username': '登录名',
  'Initial password': '初始密码',
  'Mobile phone': '手机号',
};

type Rule = [RegExp, (m: RegExpExecArray) => string];

const RULES: Rule[] = [
  [/^Too small: expected string to have >=1 characters?$/, () => '不能为空'],
  [/^Too small: expected string to have >=(\d+) characters$/, (m) => `至少 ${m[1]} 个字符`],
  [/^Too big: expected string to have <=(\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
  [/^at least (\d+) characters$/, (m) => `至少 ${m[1]} 个字符`],
  [/^Invalid option: expected one of .*$/, () => '请选择有效的选项'],
  [/^Invalid input.*$/, () => '输入无效'],
  [/^wrong password$/, () => '当前密码错误'],
  [/^The current password is wrong$/, () => '当前密码错误'],
  [/^same as the current password$/, () => '新密码不能与当前密码相同'],
  [/^The new password must differ from the current one$/, () => '新密码不能与当前密码相同'],
  [/^must be an 11-digit mainland mobile number$/, () => '请输入 11 位中国大陆手机号'],
  [/^region code must be 6, 9 or 12 digits$/, () => '区划代码应为 6、9 或 12 位数字'],
  [/^must be an 18-character unified social credit code$/, () => '统一社会信用代码应为 18 位'],
  [/^3–40 letters, digits, dot, dash or underscore$/, () => '3–40 位字母、数字、点、横线或下划线'],
  [/^lower-case letters, digits and underscores$/, () => '以小写字母开头，只能包含小写字母、数字和下划线'],
  [/^already taken$/, () => '已被占用，请更换'],
  [/^already exists$/, () => '已存在'],
  [/^(\w+) is already taken$/, (m) => `${FIELD_ZH[m[1]] ?? m[1]}已被占用，请更换`],
  [/^A record with these values already exists$/, () => '已存在相同的记录'],
  [/^unknown region code$/, () => '未知的区划代码'],
  [/^Unknown region code (\d+)$/, (m) => `未知的区划代码 ${m[1]}`],
  [/^Unknown region code$/, () => '未知的区划代码'],
  [/^parent region does not exist$/, () => '上级区划不存在'],
  [/^Parent region (\d+) does not exist$/, (m) => `上级区划 ${m[1]} 不存在`],
  [/^Region (\d+) already exists$/, (m) => `区划 ${m[1]} 已存在`],
  [/^unknown role$|^Unknown role$/, () => '未知的角色'],
  [/^unknown organisation$|^Unknown organisation$/, () => '未知的组织'],
  [/^role of another organisation$|^That role belongs to another organisation$/, () => '该角色属于其他组织'],
  [/^Wrong username or password$/, () => '用户名或密码错误'],
  [/^Sign in first$/, () => '请先登录'],
  [/^Missing permission (.+)$/, (m) => `缺少权限 ${m[1]}`],
  [/^This record belongs to an organisation outside your scope$/, () => '该记录属于您管辖范围之外的组织'],
  [/^You may register organisations only in the regions you are responsible for$/, () => '只能在您管辖的区划内登记组织'],
  [/^You may move an organisation only within the regions you are responsible for$/, () => '只能在您管辖的区划内调整组织所在区划'],
  [/^You may add users only to organisations in your scope$/, () => '只能在您管辖范围内的组织中添加用户'],
  [/^You may grant region scopes only inside your own regions$/, () => '只能在您管辖的区划内授权'],
  [/^You cannot grant role (.+): it holds permissions you do not have$/, (m) => `不能授予角色 ${m[1]}：它包含您自己没有的权限`],
  [/^You cannot give a role permissions you do not have: (.+)$/, (m) => `不能授予您自己没有的权限：${m[1]}`],
  [/^You cannot disable yourself or change your own roles; ask another administrator$/, () => '不能停用自己或修改自己的角色，请联系其他管理员'],
  [/^Built-in roles come with the platform and cannot be changed$/, () => '内置角色随平台提供，不可修改或删除'],
  [/^The role is still granted to users; remove it from them first$/, () => '该角色仍授予了用户，请先移除后再删除'],
  [/^Unknown permissions: (.+)$|^unknown: (.+)$/, (m) => `未知的权限：${m[1] ?? m[2]}`],
  [/^Missing or wrong CSRF token.*$/, () => '页面已过期，请刷新后重试'],
  // Factory: shift calendar, andon, alarm rules
  [/^The shift calendar is not valid: (.+)$/, (m) => `班次日历无效：${localizeCalendarProblem(m[1])}`],
  [/^This alarm is already acknowledged$/, () => '该报警已被其他人确认'],
  [/^This alarm is already resolved$/, () => '该报警已经解决'],
  [/^A rule is for one device or for a kind of device, not both$/, () => '规则只能针对一台设备或一类设备，不能同时指定'],
  [/^Unknown device$|^unknown device$/, () => '未知的设备'],
  [/^A rule stays in its organisation$/, () => '规则不能移到其他单位的设备上'],
  [/^At most 31 days per request$/, () => '一次最多查询 31 天'],
  // Factory: the plant model (sites, areas, lines, work cells, Sparkplug groups)
  [/^A site with this code already exists in this organisation$/, () => '本单位已有相同代码的厂区'],
  [/^An area with this code already exists on this site$/, () => '该厂区已有相同代码的车间'],
  [/^A line with this code already exists in this organisation$/, () => '本单位已有相同代码的产线'],
  [/^A work cell with this code already exists on this line$/, () => '该产线已有相同代码的工位'],
  [/^This Sparkplug group is already mapped to a site$/, () => '该 Sparkplug 分组已对应到厂区'],
  [/^This (site|area|line|work cell|Sparkplug group) still has (.+); move or remove them first$/, (m) => `该${MODEL_LEVEL_ZH[m[1]]}下仍有 ${localizeModelChildren(m[2])}，请先移走或删除`],
  [/^The equipment model changed meanwhile; reload and try again$/, () => '设备模型刚被其他人修改，请刷新后重试'],
  [/^A line moves only between areas of its own site$/, () => '产线只能在本厂区的车间之间移动'],
  [/^area of another site$/, () => '该车间属于其他厂区'],
  [/^Unknown (site|area|line)$|^unknown (site|area|line)$/, (m) => `未知的${MODEL_LEVEL_ZH[m[1] ?? m[2]]}`],
  [/^(Site|Area|Line|Work cell|Sparkplug group) not found$/, (m) => `${(MODEL_LEVEL_ZH[m[1].toLowerCase()] ?? m[1]).trim()}不存在，可能已被删除`],
  [/^1–20 letters, digits, - or _$/, () => '1–20 位字母、数字、- 或 _'],
  [/^1–64 characters without spaces, \/, \+ or #$/, () => '1–64 个字符，不能包含空格、/、+ 或 #'],
  // Import row messages
  [/^(.+) \((.+)\) is required$/, (m) => `${m[1]}为必填项`],
  [/^An organisation named (.+) already exists$/, (m) => `已存在名为“${m[1]}”的组织`],
  [/^Same name as row (\d+)$/, (m) => `与第 ${m[1]} 行名称重复`],
  [/^Credit code (.+) is already registered$/, (m) => `统一社会信用代码 ${m[1]} 已被登记`],
  [/^Same credit code as row (\d+)$/, (m) => `与第 ${m[1]} 行统一社会信用代码重复`],
  [/^Unknown kind "(.*)"; use one of (.+)$/, (m) => `未知的类型“${m[1]}”，可选：${m[2]}`],
  [/^Region (\d+) is outside the regions you are responsible for$/, (m) => `区划 ${m[1]} 不在您的管辖范围内`],
  [/^Username (.+) is already taken$/, (m) => `登录名 ${m[1]} 已被占用`],
  [/^Same username as row (\d+)$/, (m) => `与第 ${m[1]} 行登录名重复`],
  [/^No organisation named (.+)$/, (m) => `找不到名为“${m[1]}”的组织`],
  [/^Unknown role code (.+)$/, (m) => `未知的角色代码 ${m[1]}`],
  [/^The sheet lacks required columns: (.+)\. Download the template to see them\.$/, (m) => `表格缺少必填列：${m[1]}。请下载模板查看。`],
  [/^missing columns: (.+)$/, (m) => `缺少必填列：${m[1]}`],
];

const MODEL_LEVEL_ZH: Record<string, string> = { site: '厂区', area: '车间', line: '产线', 'work cell': '工位', 'Sparkplug group': ' Sparkplug 分组', 'sparkplug group': ' Sparkplug 分组' };
const MODEL_CHILD_ZH: Record<string, string> = { area: '个车间', line: '条产线', 'work cell': '个工位', device: '台设备', 'Sparkplug group': '个 Sparkplug 分组' };

/** "1 area, 26 devices and 1 Sparkplug group" (server plant-model.service.ts) → "1 个车间、26 台设备、1 个 Sparkplug 分组". */
function localizeModelChildren(list: string): string {
  return list
    .split(/, | and /)
    .map((part) => {
      const m = /^(\d+) (.+?)s?$/.exec(part);
      const unit = m && MODEL_CHILD_ZH[m[2]];
      return unit ? `${m[1]} ${unit}` : part;
    })
    .join('、');
}

/** The calendar checks' reasons (server oee/calendar.ts), after "The shift calendar is not valid: ". */
function localizeCalendarProblem(p: string): string {
  let m = /^shifts (\S+) and (\S+) overlap$/.exec(p);
  if (m) return `班次 ${m[1]} 与 ${m[2]} 时间重叠`;
  m = /^break (\S+)–(\S+) lies outside shift (\S+) (\S+)–(\S+)$/.exec(p);
  if (m) return `休息 ${m[1]}–${m[2]} 不在班次 ${m[3]}（${m[4]}–${m[5]}）之内`;
  m = /^shift (\S+) runs into the next day's (\S+)$/.exec(p);
  if (m) return `班次 ${m[1]} 延续到次日，与班次 ${m[2]} 重叠`;
  if (p === 'shift codes must be unique') return '班次代码不能重复';
  m = /^not a time of day: (.*)$/.exec(p);
  if (m) return `不是有效的时间：${m[1]}`;
  return p;
}

/** Translates one server message for the Chinese interface; other languages get it unchanged. */
export function localizeServerMessage(message: string, locale: Locale): string {
  if (locale !== 'zh-CN') return message;
  const text = message.trim();
  for (const [re, f] of RULES) {
    const m = re.exec(text);
    if (m) return f(m);
  }
  // "field: message" as the import checks write it.
  const prefixed = /^([A-Za-z][\w ]*): (.+)$/.exec(text);
  if (prefixed && FIELD_ZH[prefixed[1]]) return `${FIELD_ZH[prefixed[1]]}：${localizeServerMessage(prefixed[2], locale)}`;
  return message;
}
