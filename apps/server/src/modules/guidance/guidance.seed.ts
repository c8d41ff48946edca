import type { GuidanceRiskType } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { countGuidanceArticles } from './guidance.repo.ts';
import { createGuidanceArticle } from './guidance.service.ts';

interface SeedArticle {
  slug: string;
  country: string;
  riskType: GuidanceRiskType;
  title: { 'zh-CN': string; en: string };
  body: { 'zh-CN': string; en: string };
}

// Written for Homeward from common practice for companies abroad (the ministry's Security Risk Prevention Guide
// for Chinese Enterprises Overseas, GLOSSARY): practical, short, and the same advice in both languages.
const ARTICLES: readonly SeedArticle[] = [
  {
    slug: 'security-plan-first-steps',
    country: '',
    riskType: 'general',
    title: { 'zh-CN': '企业海外安全管理：从哪里开始', en: 'Security for your company abroad: where to start' },
    body: {
      'zh-CN': `企业是员工海外安全的第一责任人。以下五件事，每个项目都应做到。

## 1. 指定安全负责人
每个项目指定一名安全负责人和一名副手，可 24 小时联系，并在 Homeward 中登记为项目安全联系人。

## 2. 掌握人员情况
在机构页面导入完整的员工名单，人员到岗或离任时及时更新。使领馆只能提醒已知的人员。

## 3. 评估风险
每年至少一次、以及所在地区旅行风险等级变化时，评估项目面临的威胁和薄弱环节。可使用本应用的**安全自评**。

## 4. 制定应急预案
写明由谁决策、由谁通知谁、何时就地避险、何时撤离，并每年演练。

## 5. 与使领馆保持联系
向使领馆报备项目情况，关注安全提醒。紧急情况请拨打 **12308** 热线。`,
      en: `Your company is first responsible for the safety of its staff abroad. Every site should do these five things.

## 1. Name a security officer
Each site names a security officer and a deputy who can be reached 24 hours a day, recorded in Homeward as the site's security contact.

## 2. Know who is there
Import your full staff list on the organisation page and update it when people arrive or leave. The mission can only warn the people it knows about.

## 3. Assess the risks
At least once a year, and whenever the travel advisory level for the area changes, assess the threats and weak points of each site. The app's **self-assessment** is a good start.

## 4. Write a contingency plan
Say who decides, who calls whom, when to shelter in place and when to leave, and practise it every year.

## 5. Stay in touch with the mission
Tell the mission about your sites and follow its safety reminders. In an emergency, call the **12308** hotline.`,
    },
  },
  {
    slug: 'attack-run-hide-tell',
    country: '',
    riskType: 'terrorism',
    title: { 'zh-CN': '遇到袭击：逃离、躲藏、报警', en: 'If there is an attack: run, hide, tell' },
    body: {
      'zh-CN': `恐怖袭击或枪击事件发生时，最初几分钟的行动最重要。

## 逃离
- 如有安全路线，立即离开，不要收拾物品。
- 劝说他人一起离开，但不要因别人犹豫而停留。

## 躲藏
- 无法逃离时，躲进可以锁闭的房间，远离门窗。
- 手机调至静音，关闭振动，保持安静。

## 报警
- 安全后拨打当地报警电话，说明位置、袭击者人数和特征。
- 向项目安全负责人报平安，并在本应用中回复“我平安”。

## 企业应做的准备
- 为驻地准备安全屋，储备 72 小时所需物资。
- 员工避免在人员密集、易受袭击的场所长时间停留。`,
      en: `In an attack or a shooting, what you do in the first minutes matters most.

## Run
- If there is a safe route, leave at once. Leave your belongings.
- Urge others to come, but do not stay because they hesitate.

## Hide
- If you cannot get out, hide in a room that locks, away from doors and windows.
- Silence your phone, vibration too, and stay quiet.

## Tell
- When you are safe, call the local police: where you are, how many attackers, what they look like.
- Tell your site security officer you are safe, and answer “I’m safe” in this app.

## What the company prepares
- A safe room at each site, stocked for 72 hours.
- Staff avoid lingering in crowded places that are likely targets.`,
    },
  },
  {
    slug: 'robbery-and-cash',
    country: '',
    riskType: 'crime',
    title: { 'zh-CN': '防范抢劫：保护员工和现金', en: 'Preventing robbery: protecting staff and cash' },
    body: {
      'zh-CN': `在许多国家，中国企业和员工因被认为携带大量现金而成为抢劫目标。

## 现金管理
- 尽量使用银行转账发放工资和支付货款。
- 必须使用现金时，变换取款时间和路线，由两人以上同行。
- 现金存放于保险柜，不要在驻地之外谈论现金数额。

## 驻地防护
- 管控人员出入，做好周界照明，聘用有资质公司的安保人员。
- 新雇员工和安保人员入职前进行背景审查。

## 遭遇抢劫时
- **生命第一**：不要反抗，交出财物，不要盯视对方面部。
- 事后报警，并向使领馆报告。`,
      en: `In many countries Chinese companies and staff are targeted by robbers who assume they carry a lot of cash.

## Handling cash
- Pay wages and suppliers by bank transfer wherever you can.
- When you must use cash, vary the time and route, and never go alone.
- Keep cash in a safe, and do not talk about amounts outside the site.

## Protecting the premises
- Control who enters, light the perimeter, and use guards from a licensed company.
- Check the background of new staff and guards before they start.

## If you are robbed
- **Your life comes first**: do not resist, hand over what is asked, do not stare at faces.
- Report it to the police afterwards, and tell the mission.`,
    },
  },
  {
    slug: 'protests-and-unrest',
    country: '',
    riskType: 'civil_unrest',
    title: { 'zh-CN': '项目周边发生抗议或骚乱时', en: 'Protests and unrest near your site' },
    body: {
      'zh-CN': `选举、物价上涨或劳资纠纷都可能引发抗议，有时会演变为骚乱。

## 提前准备
- 关注当地新闻和使领馆安全提醒，了解抗议计划。
- 与社区保持良好关系，及早化解劳资纠纷。
- 储备至少一周的饮水、食物、燃油和药品。

## 发生时
- 远离人群，不围观、不拍照、不发表评论。
- 员工留在驻地内，暂停非必要外出。
- 如网络中断，使用卫星电话或对讲机保持联络。

## 局势恶化时
- 按应急预案决定就地避险或撤离。
- 及时向使领馆报告人员情况。`,
      en: `Elections, price rises or labour disputes can bring protests, which sometimes turn into riots.

## Before
- Follow local news and the mission's safety reminders to know about planned protests.
- Keep good relations with the community and settle labour disputes early.
- Keep at least a week of water, food, fuel and medicine.

## During
- Stay away from crowds: do not watch, film or comment.
- Keep staff inside the site and stop non-essential trips.
- If the network is cut, keep in touch by satellite phone or radio.

## If it gets worse
- Decide to shelter or to leave, following your contingency plan.
- Tell the mission where your staff are.`,
    },
  },
  {
    slug: 'kidnapping-risk',
    country: '',
    riskType: 'kidnapping',
    title: { 'zh-CN': '降低绑架风险', en: 'Reducing the risk of kidnapping' },
    body: {
      'zh-CN': `在部分地区，外国企业员工是绑架勒索的目标。

## 预防
- 变换出行路线和时间，避免形成规律。
- 保持低调：不炫富，不在社交媒体上发布行程和位置。
- 前往高风险地区须经审批，配备安保护送。

## 如果被绑架
- 保持冷静，服从指令，不要试图逃跑，除非有绝对把握。
- 尽量保存体力，记住周围环境和声音。

## 企业应急
- 预先明确由谁负责与绑匪沟通、由谁联系家属和使领馆。
- 立即报告使领馆，不要自行公开消息。`,
      en: `In some areas, staff of foreign companies are targets for kidnapping for ransom.

## Prevention
- Vary routes and times: avoid routines.
- Keep a low profile: no show of wealth, no travel plans or locations on social media.
- Trips to high-risk areas need approval and an escort.

## If you are kidnapped
- Stay calm and follow instructions. Do not try to escape unless you are certain.
- Save your strength, and remember your surroundings and sounds.

## The company's response
- Decide in advance who talks to the kidnappers and who contacts the family and the mission.
- Tell the mission at once, and do not make anything public yourself.`,
    },
  },
  {
    slug: 'earthquake-japan',
    country: 'JP',
    riskType: 'natural_disaster',
    title: { 'zh-CN': '日本：地震和海啸应对', en: 'Japan: earthquakes and tsunamis' },
    body: {
      'zh-CN': `日本地震频发，沿海地区还面临海啸风险。

## 平时准备
- 固定办公室和宿舍的家具，储备 3 天的饮水和食物。
- 员工手机安装当地防灾应用，开启紧急地震速报。
- 确认驻地附近的避难场所和海啸疏散路线。

## 地震时
- **趴下、掩护、抓牢**，待摇晃停止后再行动。
- 沿海地区感到强烈摇晃时，不要等待警报，立即向高处撤离。

## 震后
- 清点人员，向使领馆和公司报平安。
- 注意余震，不要进入受损建筑。`,
      en: `Japan has frequent earthquakes, and coastal areas also face tsunamis.

## Be ready
- Fix furniture in offices and dormitories; keep water and food for 3 days.
- Staff install a local disaster app on their phones and turn on earthquake early warnings.
- Know the evacuation site and tsunami route nearest each site.

## During an earthquake
- **Drop, cover and hold on** until the shaking stops.
- On the coast, after strong shaking, do not wait for a warning: go to high ground at once.

## After
- Count your people and tell the mission and the company they are safe.
- Expect aftershocks, and do not enter damaged buildings.`,
    },
  },
  {
    slug: 'epidemics-and-medical',
    country: '',
    riskType: 'health',
    title: { 'zh-CN': '疫情和突发疾病应对', en: 'Epidemics and medical emergencies' },
    body: {
      'zh-CN': `医疗条件差的地区，一次急病或疫情就可能危及员工生命。

## 出发前
- 按所在国要求接种疫苗，携带常用药品。
- 为员工购买包含医疗转运的境外医疗保险。

## 在项目
- 列出附近可靠的医院和诊所，以及转运方案。
- 配备急救包，培训员工掌握急救技能。
- 疟疾流行地区做好防蚊措施。

## 疫情暴发时
- 关注世卫组织和当地卫生部门信息以及使领馆提醒。
- 做好驻地卫生管理，出现症状的员工及时隔离和就医。`,
      en: `Where medical care is poor, one sudden illness or an epidemic can put lives at risk.

## Before departure
- Get the vaccinations the country requires, and carry common medicines.
- Buy staff medical insurance abroad that covers medical evacuation.

## On site
- List the reliable hospitals and clinics nearby, and how a patient would be moved.
- Keep first-aid kits and train staff in first aid.
- In malaria areas, protect against mosquitoes.

## In an outbreak
- Follow the WHO, the local health authority and the mission's reminders.
- Keep the site clean, and isolate and treat staff with symptoms promptly.`,
    },
  },
  {
    slug: 'cyber-security-small-office',
    country: '',
    riskType: 'cyber',
    title: { 'zh-CN': '海外办公室的网络安全', en: 'Cyber security for an office abroad' },
    body: {
      'zh-CN': `网络诈骗和数据泄露造成的损失，往往比盗窃更大。

## 基本措施
- 邮箱和财务系统使用强密码并开启两步验证。
- 设备和软件自动更新，安装正版安全软件。
- 重要数据定期离线备份。

## 防范诈骗
- 对要求紧急转账或更改收款账户的邮件，一律电话核实。
- 不点击陌生链接，不打开可疑附件。

## 信息保密
- 不在社交媒体上发布实时位置、行程和显示安保设施的照片。
- 在公共网络上处理敏感工作时使用公司提供的安全连接。`,
      en: `Losses from online fraud and data leaks are often larger than from theft.

## The basics
- Use strong passwords and two-step sign-in for e-mail and finance systems.
- Update devices and software automatically; use licensed security software.
- Back up important data offline, regularly.

## Against fraud
- Check by phone any e-mail that asks for an urgent payment or a change of bank account.
- Do not click unknown links or open suspicious attachments.

## Keeping information private
- No live locations, travel plans or photos of security measures on social media.
- Use the company's secure connection for sensitive work on public networks.`,
    },
  },
  {
    slug: 'road-travel-between-sites',
    country: '',
    riskType: 'transport',
    title: { 'zh-CN': '项目之间的道路出行安全', en: 'Safe road travel between sites' },
    body: {
      'zh-CN': `交通事故是海外中国员工伤亡的主要原因之一。

## 出行前
- 外出须经审批，告知路线、同行人员和预计到达时间。
- 车辆按计划保养，随车携带急救包、备用燃油和通讯设备。

## 途中
- 全程系好安全带，不超速，不疲劳驾驶。
- 天黑后不在城镇之间行车。
- 遇到非官方路障时保持冷静，按预案处置。

## 到达后
- 按时报平安。未按时报平安时，项目立即启动应急程序。`,
      en: `Road accidents are one of the main causes of death and injury among Chinese staff abroad.

## Before you go
- Every trip is approved: share the route, who is travelling and when you expect to arrive.
- Service vehicles on schedule; carry a first-aid kit, spare fuel and a way to communicate.

## On the road
- Always wear seat belts; do not speed or drive tired.
- Do not drive between towns after dark.
- At an unofficial roadblock, stay calm and follow the plan.

## On arrival
- Check in on time. When a check-in is missed, the site starts its emergency procedure at once.`,
    },
  },
  {
    slug: 'united-states-personal-safety',
    country: 'US',
    riskType: 'crime',
    title: { 'zh-CN': '美国：人身安全和枪支暴力', en: 'United States: personal safety and gun violence' },
    body: {
      'zh-CN': `美国部分城市枪击和抢劫案件多发。

## 日常防范
- 了解驻地和住处周边的治安情况，夜间避免前往人员稀少的街区。
- 不要在车内留下可见的贵重物品。
- 遇到警察盘查时保持冷静，双手可见，配合检查。

## 遇到枪击
- **逃离、躲藏**，安全后拨打 911。
- 向公司和使领馆报平安。

## 证件
- 妥善保管护照，复印件与原件分开存放。`,
      en: `Some cities in the United States have frequent shootings and robberies.

## Every day
- Know how safe the area around your site and home is; avoid empty streets at night.
- Leave no valuables in sight in a car.
- If police stop you, stay calm, keep your hands visible and cooperate.

## In a shooting
- **Run, hide**, and call 911 when you are safe.
- Tell your company and the mission that you are safe.

## Documents
- Keep your passport safe, and its copy apart from it.`,
    },
  },
];

/** The demo library (once: skipped when any article exists). */
export async function seedDemoGuidance(db: Db): Promise<void> {
  if ((await countGuidanceArticles(db)) > 0) return;
  for (const article of ARTICLES) {
    await createGuidanceArticle(db, null, { ...article, status: 'published' }, { actor: null, ip: null }, 'en');
  }
}
