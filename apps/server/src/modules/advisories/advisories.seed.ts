import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { countAdvisories, insertAdvisory } from './advisories.repo.ts';

interface DemoAdvisory {
  country: string;
  region?: string;
  level: 1 | 2 | 3 | 4;
  daysAgo: number;
  summary: { 'zh-CN': string; en: string };
  details: { 'zh-CN': string; en: string };
}

// Written for the demo: fictional wording about real places, so the map and the country pages are not empty.
const DEMO_ADVISORIES: readonly DemoAdvisory[] = [
  {
    country: 'JP',
    level: 1,
    daysAgo: 40,
    summary: {
      'zh-CN': '社会治安总体良好，请留意地震和台风预警。',
      en: 'Generally safe. Follow earthquake and typhoon warnings.',
    },
    details: {
      'zh-CN':
        '## 自然灾害\n\n- 下载当地防灾应用，留意**地震**和**台风**预警。\n- 熟悉住处附近的避难场所。\n\n如遇紧急情况，请拨打 12308 热线。',
      en: '## Natural hazards\n\n- Install a local disaster app and follow **earthquake** and **typhoon** warnings.\n- Know the evacuation site near where you stay.\n\nIn an emergency, call the 12308 hotline.',
    },
  },
  {
    country: 'US',
    level: 2,
    daysAgo: 60,
    summary: {
      'zh-CN': '部分城市枪击案件多发，请注意人身安全。',
      en: 'Shootings are frequent in some cities. Take care of your personal safety.',
    },
    details: {
      'zh-CN':
        '## 治安\n\n- 夜间避免前往人员稀少的街区。\n- 遇到枪击事件时，**逃离、躲藏**，安全后报警。\n\n## 证件\n\n请妥善保管护照，复印件与原件分开存放。',
      en: '## Crime\n\n- Avoid empty streets at night.\n- In a shooting, **run, hide**, and call the police once safe.\n\n## Documents\n\nKeep your passport safe and a copy apart from it.',
    },
  },
  {
    country: 'FR',
    level: 2,
    daysAgo: 20,
    summary: {
      'zh-CN': '旅游景点盗窃和抢劫案件较多，请看管好财物。',
      en: 'Theft and robbery are common at tourist sites. Watch your belongings.',
    },
    details: {
      'zh-CN': '## 财物安全\n\n- 在地铁、火车站和景点看管好随身财物。\n- 不要在车内留下贵重物品。',
      en: '## Belongings\n\n- Watch your bags on the metro, at railway stations and at tourist sites.\n- Leave nothing valuable in a car.',
    },
  },
  {
    country: 'MM',
    level: 3,
    daysAgo: 90,
    summary: {
      'zh-CN': '局势动荡，武装冲突时有发生，请谨慎前往。',
      en: 'Unrest and armed clashes continue. Travel with great caution.',
    },
    details: {
      'zh-CN': '## 安全形势\n\n- 避免前往冲突地区和示威集会场所。\n- 随时关注使馆发布的安全提醒。',
      en: '## Security\n\n- Keep away from conflict areas, protests and gatherings.\n- Follow the safety reminders the embassy publishes.',
    },
  },
  {
    country: 'MM',
    region: 'MM-12',
    level: 4,
    daysAgo: 30,
    summary: {
      'zh-CN': '该地区发生激烈冲突，暂勿前往；已在当地者请尽快撤离。',
      en: 'Heavy fighting in this region. Do not travel; if you are there, leave as soon as it is safe.',
    },
    details: {
      'zh-CN':
        '## 暂勿前往\n\n- 已在当地的中国公民请尽快转移至安全地区。\n- 撤离需要协助时，请拨打 12308 热线或联系使馆。',
      en: '## Do not travel\n\n- Chinese citizens there should move to a safe area as soon as they can.\n- For help to leave, call the 12308 hotline or contact the embassy.',
    },
  },
  {
    country: 'SD',
    level: 4,
    daysAgo: 120,
    summary: { 'zh-CN': '武装冲突持续，暂勿前往。', en: 'Armed conflict continues. Do not travel.' },
    details: {
      'zh-CN': '## 暂勿前往\n\n全国范围内武装冲突持续，机场和边境口岸可能随时关闭。已在当地者请与使馆保持联系。',
      en: '## Do not travel\n\nArmed conflict continues across the country; airports and border crossings may close at any time. If you are there, stay in touch with the embassy.',
    },
  },
  {
    country: 'TH',
    level: 2,
    daysAgo: 15,
    summary: {
      'zh-CN': '雨季多发洪水，出行前请关注天气预报。',
      en: 'Floods are frequent in the rainy season. Check the forecast before you travel.',
    },
    details: {
      'zh-CN': '## 洪水\n\n- 雨季（5月至10月）请关注当地气象部门预警。\n- 参加水上项目时务必穿好救生衣。',
      en: '## Floods\n\n- In the rainy season (May to October) follow the weather service’s warnings.\n- Always wear a life jacket for water activities.',
    },
  },
];

/** The demo advisories, once: nothing is added when any advisory exists (HQ's own publications stay as they are). */
export async function seedDemoAdvisories(db: Db, now: Date = new Date()): Promise<number> {
  if ((await countAdvisories(db)) > 0) return 0;
  for (const advisory of DEMO_ADVISORIES) {
    const at = isoNow(new Date(now.getTime() - advisory.daysAgo * 86_400_000));
    await insertAdvisory(db, {
      id: newId(),
      country: advisory.country,
      region: advisory.region ?? '',
      level: advisory.level,
      summaryZh: advisory.summary['zh-CN'],
      summaryEn: advisory.summary.en,
      detailsZh: advisory.details['zh-CN'],
      detailsEn: advisory.details.en,
      effectiveFrom: at,
      effectiveUntil: null,
      publishedBy: null,
      publishedAt: at,
      supersededAt: null,
    });
  }
  return DEMO_ADVISORIES.length;
}
