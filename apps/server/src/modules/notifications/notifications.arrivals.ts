import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import type { JobHandler } from '../../jobs/jobs.worker.ts';
import { listInForce } from '../advisories/advisories.repo.ts';
import { countryNameOf } from '../registry/registry.presenter.ts';
import { enqueuePersonNotification, type NotificationContent } from './notifications.service.ts';

export const NOTIFY_ARRIVALS_JOB = 'notify.arrivals';
/** How often the worker looks for presences that started (the recurring scheduler enqueues it). */
export const ARRIVALS_EVERY_MS = 10 * 60_000;
/** A presence that started up to this many days ago still gets its message (a worker that was down catches up). */
const CATCH_UP_DAYS = 2;
const PER_RUN = 500;

const LEVEL_WORDS = {
  en: {
    1: 'Blue · no safety reminder',
    2: 'Yellow · stay alert',
    3: 'Orange · travel with great caution',
    4: 'Red · do not travel for now',
  },
  'zh-CN': { 1: '蓝色 · 无安全提醒', 2: '黄色 · 注意安全', 3: '橙色 · 谨慎前往', 4: '红色 · 暂勿前往' },
} as const;

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Registered persons' own presences that started in the last days and have had no arrival message yet. */
async function startedPresences(db: Db, today: string, from: string) {
  return db
    .selectFrom('presences as p')
    .select(['p.id', 'p.personId', 'p.countryCode'])
    .where('p.dependentId', 'is', null)
    .where('p.arrivalOn', '<=', today)
    .where('p.arrivalOn', '>=', from)
    .where((eb) => eb.or([eb('p.departureOn', 'is', null), eb('p.departureOn', '>=', today)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notificationMessages as m')
            .select('m.id')
            .where('m.sourceKind', '=', 'arrival')
            .whereRef('m.sourceId', '=', 'p.id'),
        ),
      ),
    )
    .orderBy('p.arrivalOn')
    .orderBy('p.id')
    .limit(PER_RUN)
    .execute();
}

/**
 * What an arrival message says, in both languages: the country's advisory level in force (or that there is none),
 * its summary, and the hotline with how to reach a person on it.
 */
export async function arrivalContent(db: Db, config: Config, country: string, now: Date): Promise<NotificationContent> {
  const advisory = (await listInForce(db, now.toISOString(), country)).find((a) => a.region === '');
  const name = countryNameOf(country);
  const hotline = config.state.hotline.display;
  const guidance = config.state.hotlineGuidance;
  const level = advisory ? (advisory.level as 1 | 2 | 3 | 4) : null; // boundary: levels are validated on publish
  const url = `/advisories/${country}`;
  return {
    en: {
      title: level ? `Welcome to ${name.en}: travel advisory level ${level}` : `Welcome to ${name.en}`,
      body: [
        level
          ? `The travel advisory for ${name.en} is level ${level} (${LEVEL_WORDS.en[level]}). ${advisory?.summaryEn ?? ''}`
          : `There is no travel advisory for ${name.en} at the moment. Exercise normal precautions.`,
        'You are first responsible for your own safety abroad: keep your passport safe, follow local news and register where you stay.',
        `In an emergency, call the consular protection hotline ${hotline}, day and night.${guidance ? ` ${guidance.en}` : ''}`,
      ].join('\n\n'),
      url,
    },
    'zh-CN': {
      title: level ? `欢迎来到${name['zh-CN']}：旅行风险等级${level}级` : `欢迎来到${name['zh-CN']}`,
      body: [
        level
          ? `${name['zh-CN']}的旅行风险等级为${level}级（${LEVEL_WORDS['zh-CN'][level]}）。${advisory?.summaryZh ?? ''}`
          : `${name['zh-CN']}目前没有旅行风险提醒，请注意一般安全。`,
        '您是自身海外安全第一责任人：请妥善保管护照，关注当地新闻，并登记您的住址。',
        `遇到紧急情况，请拨打领事保护热线 ${hotline}（24小时）。${guidance ? guidance['zh-CN'] : ''}`,
      ].join('\n\n'),
      url,
    },
  };
}

/**
 * The on-arrival message (issue 6, item 6): once per presence, when it starts (its arrival date is reached, or it
 * is registered already started), the country's advisory level, key guidance and the hotline, through the
 * normal delivery (inbox and the person's channels, in their language). "Once" is the message's unique source
 * (`arrival`, presence id): a run that overlaps another publishes nothing twice.
 */
export function arrivalHandlers(config: Config) {
  const run: JobHandler = async ({ db, log }) => {
    const now = new Date();
    const today = dayOf(now);
    const from = dayOf(new Date(now.getTime() - CATCH_UP_DAYS * 86_400_000));
    const started = await startedPresences(db, today, from);
    for (const presence of started) {
      const content = await arrivalContent(db, config, presence.countryCode, now);
      await enqueuePersonNotification(db, {
        source: { kind: 'arrival', id: presence.id },
        personIds: [presence.personId],
        content,
      });
    }
    if (started.length > 0) log.info({ messages: started.length }, 'arrival messages published');
  };
  return { [NOTIFY_ARRIVALS_JOB]: run } satisfies Record<string, JobHandler>;
}
