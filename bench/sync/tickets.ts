/**
 * Realistic ticket fields for the benchmarks: a mix of Chinese and English calls to a telecom /
 * IT service desk, with subjects and descriptions of the lengths agents really type (a line
 * for the subject, one to several sentences for the description). Deterministic: the same
 * seed gives the same 10,000 tickets on every run, so figures are comparable across runs.
 * Every value is valid for `editableFieldsSchema` and every touchpoint is in the desk's
 * default lists (the server checks both).
 */
import { DEFAULT_TOUCHPOINTS } from '../../src-shared/desk/touchpoint';
import { editableFieldsSchema, type EditableFields, type TicketType } from '../../src-shared/ticket/model';
import type { Level } from '../../src-shared/ticket/priority';

/** mulberry32: small, fast, good enough to pick words. */
export const rng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const ZH_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const ZH_GIVEN = ['静', '伟', '芳', '娜', '敏', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '丽华', '建国', '海燕', '志强', '晓东'];
const EN_FIRST = ['James', 'Mary', 'Robert', 'Linda', 'Michael', 'Sarah', 'David', 'Emma', 'Daniel', 'Olivia', 'Thomas', 'Sophie', 'Wei', 'Mei'];
const EN_LAST = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Clarke', 'Walker', 'Wright', 'Hughes', 'Chen', 'Wong', 'Patel'];
const ZH_ORGS = ['财务部', '人力资源部', '市场部', '信息中心', '华东分公司', '客户服务中心', '北京营业厅', '上海研发中心', '物流部', '法务部', '采购部', '深圳分行'];
const EN_ORGS = ['Finance', 'Human Resources', 'Marketing', 'IT Operations', 'East China Branch', 'Customer Care', 'Logistics', 'Legal', 'Procurement', 'R&D Shanghai'];
const DEVICES: readonly (readonly [string, string])[] = [
  ['HP LaserJet M404', 'PHB'],
  ['Lenovo ThinkPad T14', 'PF3'],
  ['Dell OptiPlex 7090', 'DL7'],
  ['Huawei MateBook 14', 'HW2'],
  ['Cisco IP Phone 8841', 'FCH'],
  ['Yealink T54W', 'YL5'],
  ['Huawei B535 CPE', 'B53'],
  ['ZTE F650 ONT', 'ZTE'],
  ['iPhone 15', 'F2L'],
  ['Xiaomi 14', 'XM4'],
];

type Topic = { type: TicketType; business: string; zh: [string, string[]]; en: [string, string[]] };

/** Subjects and sentence pools per business (touchpoint WXYZ) and ticket type. */
const TOPICS: readonly Topic[] = [
  {
    type: 'service_request', business: '1001',
    zh: ['新开手机号码并办理实名认证', ['客户来电要求为新入职员工开通一个手机号码。', '已核对身份证信息，客户要求选择尾号不含4的号码。', '需要同时开通国际漫游功能，出差日期为下周一。', '客户要求将新号码加入公司集团网。']],
    en: ['New mobile line for a new starter', ['Caller asks for a new mobile line for an employee starting on Monday.', 'ID documents were checked on the call.', 'They would like international roaming enabled before a trip next week.', 'The line should be added to the corporate group plan.']],
  },
  {
    type: 'service_request', business: '1002',
    zh: ['员工离职，申请停机保号', ['客户所在部门有员工离职，申请对该号码办理停机保号。', '客户确认号码内没有未结清的费用。', '要求保留号码六个月，之后再决定是否销户。']],
    en: ['Suspend the line of a leaver, keep the number', ['An employee has left and the department wants the line suspended but the number kept.', 'The caller confirmed there is no outstanding balance.', 'Keep the number for six months, then decide whether to close it.']],
  },
  {
    type: 'service_request', business: '1003',
    zh: ['套餐变更为5G畅享套餐', ['客户反映当前套餐流量不够用，每月都会超出。', '希望变更为5G畅享套餐，下个账期生效。', '已向客户说明变更后的月费和合约期限，客户同意。']],
    en: ['Change plan to the 5G unlimited plan', ['The caller runs out of data every month on the current plan.', 'They want to move to the 5G unlimited plan from the next billing cycle.', 'Monthly fee and contract term were explained and accepted.']],
  },
  {
    type: 'consultation', business: '2001',
    zh: ['查询上月话费明细', ['客户对上月话费金额有疑问，要求查询明细。', '已通过短信发送电子账单链接。', '客户表示会核对后再来电。']],
    en: ['Query last month\'s bill', ['The caller wants an itemised view of last month\'s bill.', 'An e-bill link was sent by SMS.', 'They will check it and call back if needed.']],
  },
  {
    type: 'consultation', business: '2002',
    zh: ['查询本月剩余流量', ['客户询问本月剩余流量和通话分钟数。', '已告知剩余流量12.5GB，通话剩余320分钟。', '客户询问是否可以购买流量加油包。']],
    en: ['Remaining data this month', ['Caller asked how much data and how many minutes are left this month.', 'Told them 12.5 GB and 320 minutes remain.', 'They asked whether a data top-up can be bought.']],
  },
  {
    type: 'complaint', business: '3001',
    zh: ['话费查对：国际长途费用异常', ['客户反映账单中出现多笔国际长途费用，但本人没有拨打过国际电话。', '经初步查询，通话记录显示为凌晨时段呼出。', '客户怀疑号码被盗用，要求核查并退还费用。', '已提交话费查对申请，承诺三个工作日内回复。']],
    en: ['Bill check: unexpected international calls', ['The caller sees several international calls on the bill that they did not make.', 'Call records show the calls were made in the early morning.', 'They suspect the number was misused and ask for a refund.', 'A bill verification request was raised; reply promised within three working days.']],
  },
  {
    type: 'consultation', business: '4001',
    zh: ['咨询企业宽带套餐资费', ['客户咨询企业宽带的资费和安装周期。', '客户办公地点在园区三号楼，约有五十名员工。', '已介绍300M和1000M两档套餐，客户需要内部审批后再决定。']],
    en: ['Business broadband prices', ['Caller asked about business broadband prices and installation lead time.', 'The office is in building 3 of the business park, about fifty staff.', 'Explained the 300M and 1000M plans; they need internal approval first.']],
  },
  {
    type: 'incident', business: '4002',
    zh: ['办公室网络频繁掉线', ['客户反映办公室网络从今天上午开始频繁掉线，每隔十几分钟断开一次。', '已指导客户重启光猫和路由器，问题仍然存在。', '光猫指示灯LOS闪红灯，疑似光纤线路故障。', '影响整个部门约二十人办公，客户要求尽快上门处理。', '已记录设备型号和序列号，转派装维人员。']],
    en: ['Office network keeps dropping', ['The office network has been dropping every ten to fifteen minutes since this morning.', 'Caller restarted the ONT and the router with my guidance; no change.', 'The LOS light on the ONT is blinking red, which points at the fibre line.', 'About twenty people in the department cannot work properly.', 'Device model and serial recorded; passing to field engineers.']],
  },
  {
    type: 'incident', business: '4002',
    zh: ['打印机卡纸无法打印', ['三楼财务部打印机持续卡纸，无法打印报销单据。', '客户已按提示取出卡纸，但再次打印时仍然报错。', '打印机面板显示错误代码13.B2。', '月底结账在即，客户希望今天内解决。']],
    en: ['Printer jams and will not print', ['The finance printer on the third floor keeps jamming.', 'Paper was removed as prompted but the error returns on the next job.', 'The panel shows error 13.B2.', 'Month-end close is this week, so they need it fixed today.']],
  },
  {
    type: 'complaint', business: '5001',
    zh: ['投诉营业厅服务态度差', ['客户投诉昨天下午在营业厅办理业务时等待超过一个小时。', '营业员态度冷淡，没有解释等待原因。', '客户要求营业厅负责人给出书面答复，并表示如不处理将向工信部投诉。', '已安抚客户情绪，告知投诉将在48小时内处理。']],
    en: ['Complaint about service at a retail store', ['The caller waited more than an hour at the store yesterday afternoon.', 'Staff were curt and did not explain the delay.', 'They want a written reply from the store manager and will escalate to the regulator otherwise.', 'Acknowledged; told them the complaint will be handled within 48 hours.']],
  },
  {
    type: 'complaint', business: '5002',
    zh: ['投诉家中手机信号差', ['客户反映在家中手机信号很弱，经常无法接通电话。', '客户住址为朝阳区某小区18号楼12层，问题已持续两周。', '邻居使用同一运营商也有同样的问题。', '客户要求尽快优化基站覆盖，否则将携号转网。']],
    en: ['Poor mobile coverage at home', ['The caller has very weak signal at home and calls often fail.', 'Address is on the 12th floor of building 18; the problem started two weeks ago.', 'Neighbours on the same network have the same issue.', 'They will port out unless coverage is improved soon.']],
  },
  {
    type: 'praise', business: '4001',
    zh: ['表扬上门装维人员', ['客户来电表扬昨天上门安装宽带的工程师。', '工程师准时到达，安装规范，并耐心讲解了路由器设置。', '客户希望将表扬转达给其主管。']],
    en: ['Praise for the field engineer', ['Caller wants to thank the engineer who installed broadband yesterday.', 'He was on time, tidy, and patiently explained the router set-up.', 'Please pass the praise on to his manager.']],
  },
];

const LEVEL_LIST: readonly Level[] = ['high', 'medium', 'low'];

const zhName = (r: () => number): string => pick(r, ZH_SURNAMES) + pick(r, ZH_GIVEN);
const enName = (r: () => number): string => `${pick(r, EN_FIRST)} ${pick(r, EN_LAST)}`;
const phone = (r: () => number): string =>
  r() < 0.6 ? `1${int(r, 30, 99)}${String(int(r, 0, 99_999_999)).padStart(8, '0')}` : `0${int(r, 10, 29)}-${int(r, 5000, 8999)} ${String(int(r, 0, 9999)).padStart(4, '0')}`;

/** A description of 1–N sentences from the topic's pool plus a call reference, 40–600 characters. */
const describe = (r: () => number, pool: string[], zh: boolean, i: number): string => {
  const n = int(r, 1, pool.length);
  const start = int(r, 0, pool.length - 1);
  const parts: string[] = [];
  for (let k = 0; k < n; k++) parts.push(pool[(start + k) % pool.length]!);
  const ref = zh ? `来电流水号 CR${String(100000 + i)}。` : `Call ref CR${String(100000 + i)}.`;
  return parts.join(zh ? '' : ' ') + (zh ? '' : ' ') + ref;
};

/** The i-th ticket's fields (validated against the shared schema). */
export const ticketFields = (i: number, seed = 20261123): EditableFields => {
  const r = rng(seed + i * 7919);
  const topic = pick(r, TOPICS);
  const zh = r() < 0.65;
  const [subject, pool] = zh ? topic.zh : topic.en;
  const channel = pick(r, DEFAULT_TOUCHPOINTS.channels.filter((c) => c.letter !== 'B')).letter; // IVR self-service makes no ticket
  const brand = pick(r, DEFAULT_TOUCHPOINTS.brands).letter;
  const device = topic.type === 'incident' || r() < 0.2 ? pick(r, DEVICES) : null;
  const name = zh ? zhName(r) : enName(r);
  const fields: EditableFields = {
    type: topic.type,
    touchpoint: `${channel}${brand}${topic.business}`,
    impact: pick(r, LEVEL_LIST),
    urgency: pick(r, LEVEL_LIST),
    callerName: name,
    organisation: zh ? pick(r, ZH_ORGS) : pick(r, EN_ORGS),
    phone: phone(r),
    email: r() < 0.7 ? `user${i}.${int(r, 1, 999)}@example.com` : '',
    deviceModel: device ? device[0] : '',
    deviceSerial: device ? `${device[1]}${String(int(r, 0, 9_999_999)).padStart(7, '0')}` : '',
    subject: r() < 0.3 ? `${subject}${zh ? '（' : ' ('}${name}${zh ? '）' : ')'}` : subject,
    description: describe(r, pool, zh, i),
  };
  return editableFieldsSchema.parse(fields);
};

/** Average JSON size of the fields, for the environment notes. */
export const averageFieldsBytes = (n: number): number => {
  const enc = new TextEncoder(); // runs in Node and in the save bench's page
  let total = 0;
  for (let i = 0; i < n; i++) total += enc.encode(JSON.stringify(ticketFields(i))).length;
  return Math.round(total / n);
};
