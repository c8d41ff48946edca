import type { GuidanceRiskType, LocalizedText } from '@homeward/shared';

/**
 * The enterprise security self-assessment (decision 0023), as data: each question has a weight (how much a
 * gap matters), the risk type whose articles the recommendation links to, and what to do when the answer is
 * "no" or "partly". Written from the ministry's Security Risk Prevention Guide for Chinese Enterprises
 * Overseas (GLOSSARY). A change to the questions raises `version`; stored assessments keep the version they
 * answered.
 */
export interface ChecklistQuestion {
  id: string;
  category: string;
  weight: 1 | 2 | 3;
  riskType: GuidanceRiskType;
  text: LocalizedText;
  recommendation: LocalizedText;
}

export const CHECKLIST_VERSION = 1;

export const CHECKLIST_CATEGORIES: readonly { id: string; name: LocalizedText }[] = [
  { id: 'personnel', name: { en: 'People', 'zh-CN': '人员' } },
  { id: 'sites', name: { en: 'Sites and premises', 'zh-CN': '项目与驻地' } },
  { id: 'travel', name: { en: 'Travel and movement', 'zh-CN': '出行' } },
  { id: 'crisis', name: { en: 'Crisis plan', 'zh-CN': '应急预案' } },
  { id: 'communications', name: { en: 'Communications', 'zh-CN': '通讯联络' } },
  { id: 'cyber', name: { en: 'Cyber and information', 'zh-CN': '网络与信息' } },
];

export const CHECKLIST: readonly ChecklistQuestion[] = [
  {
    id: 'staff-registered',
    category: 'personnel',
    weight: 3,
    riskType: 'general',
    text: {
      en: 'Is every national working abroad on your staff list in Homeward, with a phone number that works there?',
      'zh-CN': '所有驻外中国员工是否都已登记在 Homeward 的员工名单中，并留有当地可用的电话号码？',
    },
    recommendation: {
      en: 'Import your full staff list from the organisation page and keep it current when people arrive or leave. The mission can only warn the people it knows about.',
      'zh-CN': '请在机构页面导入完整的员工名单，人员到岗或离任时及时更新。使领馆只能提醒已知的人员。',
    },
  },
  {
    id: 'security-officer',
    category: 'personnel',
    weight: 3,
    riskType: 'general',
    text: {
      en: 'Has each site named a security officer, with a deputy, who can be reached 24 hours a day?',
      'zh-CN': '每个项目是否都指定了安全负责人及其副手，并可 24 小时联系？',
    },
    recommendation: {
      en: 'Name a security officer and a deputy for every site, give them time and authority for the job, and record them as the site’s security contact.',
      'zh-CN': '为每个项目指定安全负责人和副手，给予其履职所需的时间和权限，并登记为项目安全联系人。',
    },
  },
  {
    id: 'pre-departure-training',
    category: 'personnel',
    weight: 2,
    riskType: 'general',
    text: {
      en: 'Do staff receive security training for the country before they leave, and a briefing on arrival?',
      'zh-CN': '员工出国前是否接受针对所在国的安全培训，到达后是否有安全情况介绍？',
    },
    recommendation: {
      en: 'Give a short pre-departure course (local risks, laws and customs, who to call) and a briefing within the first day on site.',
      'zh-CN': '出国前开展简短培训（当地风险、法律和风俗、紧急联系人），到岗第一天内进行安全情况介绍。',
    },
  },
  {
    id: 'local-relations',
    category: 'personnel',
    weight: 1,
    riskType: 'civil_unrest',
    text: {
      en: 'Do you respect local labour law and customs, and keep good relations with the community around your sites?',
      'zh-CN': '是否遵守当地劳动法律和风俗习惯，与项目周边社区保持良好关系？',
    },
    recommendation: {
      en: 'Hire and pay by local law, hear complaints early, and take part in the community. Most protests against companies start with a dispute that was left to grow.',
      'zh-CN': '依法雇用和支付薪酬，及早倾听投诉，积极参与社区事务。大多数针对企业的抗议源于未及时化解的纠纷。',
    },
  },
  {
    id: 'risk-assessment',
    category: 'sites',
    weight: 3,
    riskType: 'general',
    text: {
      en: 'Have you assessed the security risks of each site in the last 12 months?',
      'zh-CN': '过去 12 个月内是否对每个项目进行过安全风险评估？',
    },
    recommendation: {
      en: 'Assess each site at least once a year and whenever the travel advisory level for its area changes: threats, weak points, and what you will do about each.',
      'zh-CN': '每年至少评估一次，所在地区旅行风险等级变化时再次评估：威胁、薄弱环节以及应对措施。',
    },
  },
  {
    id: 'physical-protection',
    category: 'sites',
    weight: 2,
    riskType: 'crime',
    text: {
      en: 'Do your premises have controlled entry, lighting, fencing and guards suited to the risk?',
      'zh-CN': '驻地是否有与风险相适应的出入管控、照明、围墙和安保人员？',
    },
    recommendation: {
      en: 'Control who enters, light the perimeter, and use vetted guards from a licensed company. Keep cash and valuables out of sight and in a safe.',
      'zh-CN': '管控人员出入，做好周界照明，聘用有资质公司经审查的安保人员。现金和贵重物品存放于保险柜，不要外露。',
    },
  },
  {
    id: 'safe-room',
    category: 'sites',
    weight: 2,
    riskType: 'terrorism',
    text: {
      en: 'Does each site have a safe room or shelter, with water, food, first aid and a way to call out?',
      'zh-CN': '每个项目是否设有安全屋或避难场所，备有饮水、食物、急救用品和对外联络手段？',
    },
    recommendation: {
      en: 'Prepare a room that locks from inside, stock it for 72 hours, and practise going there.',
      'zh-CN': '准备一个可从内部锁闭的房间，储备 72 小时所需物资，并组织演练。',
    },
  },
  {
    id: 'natural-hazards',
    category: 'sites',
    weight: 2,
    riskType: 'natural_disaster',
    text: {
      en: 'Do you know the natural hazards at each site (earthquake, flood, storm) and how to evacuate?',
      'zh-CN': '是否了解各项目面临的自然灾害（地震、洪水、风暴）以及撤离方法？',
    },
    recommendation: {
      en: 'Find out the hazards from local authorities, mark the assembly point and evacuation routes, and follow local warnings.',
      'zh-CN': '向当地政府了解灾害风险，标明集合点和撤离路线，关注当地预警。',
    },
  },
  {
    id: 'travel-approval',
    category: 'travel',
    weight: 2,
    riskType: 'transport',
    text: {
      en: 'Are trips outside town approved in advance, with a route, a check-in time and someone who follows them?',
      'zh-CN': '外出是否事先审批，有明确路线、报平安时间和专人跟踪？',
    },
    recommendation: {
      en: 'Approve every trip outside town, share the route and expected arrival, and raise the alarm when a check-in is missed.',
      'zh-CN': '外出须经审批，告知路线和预计到达时间，未按时报平安时立即启动应急程序。',
    },
  },
  {
    id: 'vehicles-drivers',
    category: 'travel',
    weight: 2,
    riskType: 'transport',
    text: {
      en: 'Are your vehicles maintained and your drivers trained, and do they avoid travel at night on risky roads?',
      'zh-CN': '车辆是否定期保养、驾驶员是否经过培训，是否避免夜间在危险路段行驶？',
    },
    recommendation: {
      en: 'Service vehicles on a schedule, carry a first-aid kit and spare fuel, use seat belts always, and do not drive between towns after dark.',
      'zh-CN': '按计划保养车辆，随车携带急救包和备用燃油，全程系好安全带，天黑后不在城镇之间行车。',
    },
  },
  {
    id: 'kidnap-awareness',
    category: 'travel',
    weight: 2,
    riskType: 'kidnapping',
    text: {
      en: 'Do staff vary their routes and times, and know what to do if they are kidnapped?',
      'zh-CN': '员工是否会变换出行路线和时间，是否知道遭绑架时如何应对？',
    },
    recommendation: {
      en: 'Avoid routines, keep a low profile, and brief staff on how to behave if taken. Keep a plan for who negotiates and who calls the mission.',
      'zh-CN': '避免规律性出行，保持低调，向员工讲解被绑架时的应对方法。预先明确由谁负责沟通、由谁联系使领馆。',
    },
  },
  {
    id: 'crisis-plan',
    category: 'crisis',
    weight: 3,
    riskType: 'general',
    text: {
      en: 'Do you have a written contingency plan for the main risks, with who decides and who does what?',
      'zh-CN': '是否制定了针对主要风险的书面应急预案，明确由谁决策、由谁执行？',
    },
    recommendation: {
      en: 'Write a contingency plan covering attack, unrest, kidnapping, disaster and epidemic: who decides, who calls whom, and when to shelter or leave.',
      'zh-CN': '制定涵盖袭击、动荡、绑架、灾害和疫情的应急预案：由谁决策、由谁通知谁、何时就地避险或撤离。',
    },
  },
  {
    id: 'evacuation-plan',
    category: 'crisis',
    weight: 3,
    riskType: 'civil_unrest',
    text: {
      en: 'Does the plan say how you would evacuate staff, with routes, transport and travel documents ready?',
      'zh-CN': '预案中是否明确了人员撤离方式，路线、交通工具和旅行证件是否已准备好？',
    },
    recommendation: {
      en: 'Plan at least two ways out, keep passports and visas valid and at hand, and keep cash and fuel for a sudden departure.',
      'zh-CN': '至少规划两条撤离路线，确保护照和签证有效并随手可取，备好应急现金和燃油。',
    },
  },
  {
    id: 'drills',
    category: 'crisis',
    weight: 2,
    riskType: 'general',
    text: {
      en: 'Have you practised the plan with a drill in the last 12 months?',
      'zh-CN': '过去 12 个月内是否组织过应急演练？',
    },
    recommendation: {
      en: 'Run a drill at least once a year (fire, shelter, evacuation), then fix what did not work.',
      'zh-CN': '每年至少组织一次演练（火灾、就地避险、撤离），并改进暴露出的问题。',
    },
  },
  {
    id: 'medical',
    category: 'crisis',
    weight: 2,
    riskType: 'health',
    text: {
      en: 'Do you know the nearest good hospital, and do staff have medical insurance that covers evacuation?',
      'zh-CN': '是否了解附近可靠的医院，员工是否有包含医疗转运的医疗保险？',
    },
    recommendation: {
      en: 'List the hospitals you would use, buy insurance with medical evacuation, keep first-aid kits, and follow vaccination advice for the country.',
      'zh-CN': '列出可就医的医院，购买含医疗转运的保险，配备急救包，并按所在国要求接种疫苗。',
    },
  },
  {
    id: 'emergency-contacts',
    category: 'communications',
    weight: 3,
    riskType: 'general',
    text: {
      en: 'Does every employee carry the numbers of the site security officer, the mission and the 12308 hotline?',
      'zh-CN': '每位员工是否随身携带项目安全负责人、使领馆和 12308 热线的电话？',
    },
    recommendation: {
      en: 'Give every employee a card with the security officer’s, the mission’s and the 12308 hotline’s numbers, and the local police and ambulance.',
      'zh-CN': '为每位员工发放联络卡，写明安全负责人、使领馆、12308 热线以及当地报警和急救电话。',
    },
  },
  {
    id: 'backup-comms',
    category: 'communications',
    weight: 2,
    riskType: 'civil_unrest',
    text: {
      en: 'Do you have a way to communicate when mobile networks or the internet are cut (satellite phone, radio)?',
      'zh-CN': '移动网络或互联网中断时，是否有其他通讯手段（卫星电话、对讲机）？',
    },
    recommendation: {
      en: 'Keep a satellite phone or radio at each remote site, charged and tested each month, and agree a fallback meeting point.',
      'zh-CN': '偏远项目配备卫星电话或对讲机，每月充电测试，并约定备用集合地点。',
    },
  },
  {
    id: 'mission-contact',
    category: 'communications',
    weight: 2,
    riskType: 'general',
    text: {
      en: 'Are you in regular touch with the Chinese embassy or consulate and do you follow its safety reminders?',
      'zh-CN': '是否与中国驻当地使领馆保持经常联系，并关注其发布的安全提醒？',
    },
    recommendation: {
      en: 'Tell the mission about your sites and staff, follow its safety reminders and this app’s alerts, and report incidents to it at once.',
      'zh-CN': '向使领馆报备项目和人员情况，关注使领馆的安全提醒和本应用的提醒，发生事件立即报告。',
    },
  },
  {
    id: 'cyber-basics',
    category: 'cyber',
    weight: 2,
    riskType: 'cyber',
    text: {
      en: 'Do you use strong passwords with two-step sign-in, and keep devices and software updated?',
      'zh-CN': '是否使用强密码和两步验证，并及时更新设备和软件？',
    },
    recommendation: {
      en: 'Turn on two-step sign-in for e-mail and finance systems, update devices automatically, and back up important data offline.',
      'zh-CN': '为邮箱和财务系统开启两步验证，设备自动更新，重要数据离线备份。',
    },
  },
  {
    id: 'information-discipline',
    category: 'cyber',
    weight: 1,
    riskType: 'cyber',
    text: {
      en: 'Do staff avoid posting locations, travel plans and photos of sites on social media?',
      'zh-CN': '员工是否避免在社交媒体上发布位置、行程和项目照片？',
    },
    recommendation: {
      en: 'Agree rules for social media: no live locations, no travel plans, no photos showing guards, gates or cash.',
      'zh-CN': '制定社交媒体使用规定：不发布实时位置和行程，不发布显示安保、出入口或现金的照片。',
    },
  },
];
