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
};

type Rule = [RegExp, (m: RegExpExecArray) => string];

const RULES: Rule[] = [
  [/^Too small: expected string to have >=1 characters?$/, () => '不能为空'],
  [/^Too small: expected string to have >=(\d+) characters$/, (m) => `至少 ${m[1]} 个字符`],
  [/^Too big: expected string to have <=(\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
  [/^at least (\d+) characters$/, (m) => `至少 ${m[1]} 个字符`],
  [/^Invalid option: expected one of .*$/, () => '请选择有效的选项'],
  [/^Invalid input.*$/, () => '输入无效'],
  [/^must be an 11-digit mainland mobile number$/, () => '请输入 11 位中国大陆手机号'],
  [/^must be an 18-character unified social credit code$/, () => '统一社会信用代码应为 18 位'],
  [/^lower-case letters, digits and underscores$/, () => '以小写字母开头，只能包含小写字母、数字和下划线'],
  [/^already taken$/, () => '已被占用，请更换'],
  [/^not a partner organisation of (.+)$/, (m) => `不是${m[1]}的协作单位：只能共享给与其所在地区结对的地区的单位`],
  [/^(\w+) is already taken$/, (m) => `${FIELD_ZH[m[1]] ?? m[1]}已被占用，请更换`],
  [/^A record with these values already exists$/, () => '已存在相同的记录'],
  [/^unknown organisation$|^Unknown organisation$/, () => '未知的组织'],
  [/^Sign in first$/, () => '请先登录'],
  [/^Missing permission (.+)$/, (m) => `缺少权限 ${m[1]}`],
  [/^This record belongs to an organisation outside your scope$/, () => '该记录属于您管辖范围之外的组织'],
  [/^Missing or wrong CSRF token.*$/, () => '页面已过期，请刷新后重试'],
  // Labour: workers, status, consent, reveal, postings, shares, referrals (server modules/labor)
  [/^A worker with this ID number is already registered$/, () => '该身份证号已登记，不能重复登记'],
  [/^already registered$/, () => '已登记'],
  [/^ID number must be 17 digits followed by a digit or X$/, () => '身份证号应为 17 位数字加 1 位数字或 X'],
  [/^ID number region code (\d+) is not a known division$/, (m) => `身份证号前 6 位 ${m[1]} 不是有效的行政区划`],
  [/^ID number birth date (\d+) is not a possible date$/, (m) => `身份证号中的出生日期 ${m[1]} 不存在`],
  [/^ID number check digit is wrong$/, () => '身份证号校验位错误，请核对'],
  [/^unknown occupation code (.+)$/, (m) => `未知的职业编码 ${m[1]}`],
  [/^unknown region code (\d+)$/, (m) => `未知的区划代码 ${m[1]}`],
  [/^region (\d+) is outside (.+)'s region (\d+)$/, (m) => `区划 ${m[1]} 不在${m[2]}的辖区（${m[3]}）内`],
  [/^must not be in the future$/, () => '不能晚于今天'],
  [/^must not be in the past$/, () => '不能早于今天'],
  [/^must be on or after (.+)$/, (m) => `不能早于 ${m[1]}`],
  [/^The change cannot take effect in the future$/, () => '变更日期不能晚于今天'],
  [/^The change cannot take effect before the latest recorded change \((.+)\)$/, (m) => `变更日期不能早于最近一次记录的变更（${m[1]}）`],
  [/^The worker's status is already (\w+)$/, (m) => `该劳动力当前已是“${STATUS_ZH[m[1]] ?? m[1]}”`],
  [/^unchanged$/, () => '与当前状态相同'],
  [/^Only the owning organisation's side reads a worker's status history$/, () => '只有劳动力所属单位可以查看就业轨迹'],
  [/^The worker has not consented to sharing personal data with the partner region$/, () => '本人未同意向协作地区提供个人信息，不能查看'],
  [/^This worker belongs to an organisation outside your scope$/, () => '该劳动力属于您管辖范围之外的单位'],
  [/^This posting belongs to an employer outside your scope$/, () => '该岗位的用工单位不在您的管辖范围内'],
  [/^This posting is neither in your scope nor shared with it$/, () => '该岗位既不在您的管辖范围内，也未共享给您'],
  [/^This referral is outside your scope$/, () => '该推荐记录不在您的管辖范围内'],
  [/^You may import workers only into your own organisation$/, () => '只能把劳动力导入到本单位'],
  [/^You may share only records of organisations in your scope$/, () => '只能共享本单位（或管辖范围内单位）的记录，协作地区共享来的记录不能再次共享'],
  [/^This share is already revoked$/, () => '该共享已被撤回'],
  [/^Unknown partner organisation$/, () => '未知的协作单位'],
  [/^Unknown (posting|worker)$|^unknown (posting|worker)$/, (m) => ((m[1] ?? m[2]) === 'posting' ? '未知的岗位' : '未知的劳动力')],
  [/^Some records cannot be shared: (.+)$/, () => '部分记录不能共享，请检查所选记录'],
  [/^already belongs to that organisation$/, () => '该记录本来就属于该单位'],
  [/^The (posting|worker) has invalid fields: (.+)$/, (m) => `${m[1] === 'posting' ? '岗位' : '劳动力'}信息有误：${m[2].split(', ').map((f) => LABOR_FIELD_ZH[f.split('.')[0]] ?? f).join('、')}`],
  [/^must not be below the minimum wage$/, () => '不能低于月薪下限'],
  [/^must not be below the minimum age$/, () => '不能低于最低年龄'],
  [/^must not be before the start of validity$/, () => '不能早于有效期开始日期'],
  [/^must be an employer \(enterprise, hospital, school or training provider\)$/, () => '须为用工单位（企业、医院、学校或培训机构）'],
  [/^(\d+) places are already filled; the headcount cannot go below that$/, (m) => `已录用 ${m[1]} 人，招聘人数不能少于已录用人数`],
  [/^below the places already filled$/, () => '不能少于已录用人数'],
  [/^No open places are left on this posting$|^no open places left$/, () => '该岗位已没有剩余名额'],
  [/^The posting takes no referrals: it is closed, outside its validity, or has no open places$/, () => '该岗位已关闭、不在有效期内或已招满，不能推荐'],
  [/^not open$/, () => '岗位未在招聘'],
  [/^This worker is already referred to this posting$|^already referred$/, () => '该劳动力已推荐到这个岗位'],
  [/^A referral cannot go from (\w+) to (\w+)$/, (m) => `推荐不能从“${REFERRAL_ZH[m[1]] ?? m[1]}”变为“${REFERRAL_ZH[m[2]] ?? m[2]}”，可能已被他人更新，请刷新`],
  [/^not allowed after (\w+)$/, (m) => `“${REFERRAL_ZH[m[1]] ?? m[1]}”之后不能这样操作`],
  [/^Only the worker's bureau or the employer's side may move this referral on$/, () => '只有劳动力所属单位或用工单位一方可以推进该推荐'],
  [/^Say why the referral is declined$|^required when declining$/, () => '请填写未成功的原因'],
  [/^(Worker|Posting|Referral|Share) not found$/, (m) => `${{ Worker: '劳动力', Posting: '岗位', Referral: '推荐记录', Share: '共享记录' }[m[1]]}不存在，可能已被删除`],
  // Labour placement: allocations, follow-ups, alerts, training, workshops, public-welfare posts (server modules/labor)
  [/^The draft is out of date \((\d+) changes since it was made\): adjust it, then confirm again$/, (m) => `方案生成后有 ${m[1]} 处变化，已过期：请调整后再确认`],
  [/^no longer shared with you$/, () => '已不再共享给您'],
  [/^closed$/, () => '岗位已关闭'],
  [/^outside its validity$/, () => '岗位不在有效期内'],
  [/^(\d+) open places left for (\d+) allocated$/, (m) => `只剩 ${m[1]} 个空缺，却分配了 ${m[2]} 人`],
  [/^already referred to this posting$/, () => '已推荐到这个岗位'],
  [/^A worker of the draft was referred to the same posting meanwhile: confirm again to see which$/, () => '方案中有劳动力刚被推荐到同一岗位，请再次确认以查看是谁'],
  [/^No place is left on this posting in the draft$/, () => '该岗位在本方案中已没有空缺名额'],
  [/^This worker cannot take this posting: (.+)$/, () => '该劳动力不符合这个岗位的硬性条件（已招满、已截止、缺少必需证书或工资低于本人底线）'],
  [/^The draft holds no pair to confirm$/, () => '方案中没有可确认的人岗对'],
  [/^This allocation is already confirmed: its referrals exist$/, () => '该方案已确认，推荐记录已生成'],
  [/^This allocation was discarded$/, () => '该方案已放弃'],
  [/^Some postings take nobody now$/, () => '部分岗位现在不再招人'],
  [/^Some postings are neither in your scope nor shared with it$/, () => '部分岗位既不在您的管辖范围内，也未共享给您'],
  [/^Some workers of this draft are no longer in your scope$/, () => '方案中部分劳动力已不在您的管辖范围内'],
  [/^You may allocate only workers of organisations in your scope$/, () => '只能分配本单位（或管辖范围内单位）的劳动力'],
  [/^No active posting matches the selection$/, () => '没有符合条件的在招岗位'],
  [/^No worker matches the selection$/, () => '没有符合条件的劳动力'],
  [/^More than (\d+) workers: narrow the selection$/, (m) => `劳动力超过 ${m[1]} 人，请缩小范围`],
  [/^This follow-up is already recorded$/, () => '这次回访已记录过'],
  [/^This follow-up is due on (\S+); it can be recorded from (\S+)$/, (m) => `这次回访应于 ${m[1]} 进行，${m[2]} 起才能记录`],
  [/^This alert is already acknowledged$/, () => '该预警已被确认'],
  [/^This alert is already closed$/, () => '该预警已关闭'],
  [/^The class is full \((\d+) places\)$/, (m) => `培训班已满（${m[1]} 人）`],
  [/^The class ended on (\S+)$/, (m) => `培训班已于 ${m[1]} 结束`],
  [/^The worker is already enrolled in this class$/, () => '该劳动力已报名这个培训班'],
  [/^The training is already recorded as (\w+)$/, (m) => `培训结果已记录为“${{ passed: '合格', failed: '不合格', dropped: '退出' }[m[1]] ?? m[1]}”`],
  [/^Only a participant who passed receives a certificate$/, () => '只有培训合格的学员才能登记证书'],
  [/^This participant already has a certificate$/, () => '该学员已登记过证书'],
  [/^(\d+) participants are enrolled; the capacity cannot go below that$/, (m) => `已有 ${m[1]} 人报名，计划人数不能少于报名人数`],
  [/^below the participants enrolled$/, () => '不能少于已报名人数'],
  [/^The (class|workshop|post) has invalid fields: (.+)$/, (m) => `${{ class: '培训班', workshop: '帮扶车间', post: '公益性岗位' }[m[1]]}信息有误，请检查标出的项`],
  [/^must not be before the start$/, () => '不能早于开始日期'],
  [/^must not be before the start of the term$/, () => '不能早于聘期开始日期'],
  [/^a provider organisation or name is required$/, () => '请选择或填写培训机构'],
  [/^must be a training provider or a school$/, () => '须为培训机构或学校'],
  [/^an enterprise organisation or name is required$/, () => '请填写所属企业'],
  [/^must be an enterprise$/, () => '须为企业'],
  [/^holds another post in this term$/, () => '此聘期内已在其他公益性岗位'],
  [/^The worker already works in this workshop$/, () => '该劳动力已在这个车间工作'],
  [/^The worker holds another post \((.+)\) in this term$/, (m) => `该劳动力在此聘期内已在其他公益性岗位（${m[1]}）`],
  [/^(Allocation|Follow-up|Alert|Participant|Training class|Workshop|Public-welfare post|Worker in this allocation|Worker in this workshop) not found$/, (m) => `${{ Allocation: '匹配方案', 'Follow-up': '回访记录', Alert: '预警', Participant: '培训学员', 'Training class': '培训班', Workshop: '帮扶车间', 'Public-welfare post': '公益性岗位', 'Worker in this allocation': '方案中的该劳动力', 'Worker in this workshop': '车间中的该劳动力' }[m[1]]}不存在，可能已被删除`],
  // Labour roll import rows
  [/^Already registered: this worker exists, the row is left unchanged$/, () => '已登记：该劳动力已存在，本行不做修改'],
  [/^Same ID number as row (\d+)$/, (m) => `与第 ${m[1]} 行身份证号重复`],
  [/^A worker in this file was registered meanwhile; nothing was written\. Upload the file again\.$/, () => '文件中有劳动力刚被他人登记，本次未写入任何数据，请重新上传'],
  [/^unknown value "(.*)"; use (.+)$/, (m) => `无法识别“${m[1]}”，可填：${m[2]}`],
  [/^"(.*)" is not 是 or 否$/, (m) => `“${m[1]}”应为 是 或 否`],
  [/^skill (\d+): unknown level "(.*)"$/, (m) => `第 ${m[1]} 项技能的等级“${m[2]}”无法识别`],
  [/^"(.*)" is not a whole number of yuan$/, (m) => `“${m[1]}”不是整数金额（元）`],
  // Import row messages
  [/^(.+) \((.+)\) is required$/, (m) => `${m[1]}为必填项`],
  [/^The sheet lacks required columns: (.+)\. Download the template to see them\.$/, (m) => `表格缺少必填列：${m[1]}。请下载模板查看。`],
  [/^missing columns: (.+)$/, (m) => `缺少必填列：${m[1]}`],
];

const STATUS_ZH: Record<string, string> = {
  unemployed: '未就业',
  employed_local: '本地就业',
  employed_out_of_province: '省外就业',
  self_employed: '自主创业',
  public_welfare_post: '公益性岗位',
  in_training: '参加培训',
  unable_to_work: '无法就业',
};
const REFERRAL_ZH: Record<string, string> = { recommended: '已推荐', contacted: '已联系', interviewed: '已面试', hired: '已录用', declined: '未成功', started: '已入职' };
const LABOR_FIELD_ZH: Record<string, string> = {
  idNumber: '身份证号',
  homeRegionCode: '户籍所在地',
  skills: '技能',
  certificates: '证书',
  needs: '就业需求',
  statusSince: '状态起始日期',
  occupationCode: '职业',
  workRegionCode: '工作地点',
  wageMax: '月薪上限',
  ageMax: '最高年龄',
  validTo: '有效期',
  orgId: '用工单位',
};

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
