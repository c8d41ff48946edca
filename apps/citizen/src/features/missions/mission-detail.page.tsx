import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { LoadFailed, SavedAge } from '../offline/offline.component.tsx';
import { District, MissionPhone } from './mission-card.component.tsx';
import { MissionLocalTime } from './mission-local-time.component.tsx';
import { COUNTRIES_PATH, type Country, type Mission, missionPath } from './missions.api.ts';

/** One mission: how to reach it, its local time and which places it serves. */
export function MissionDetailPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { code = '' } = useParams();
  const mission = useApi<Mission>(missionPath(code));
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const data = mission.data;
  const notFound = mission.status === 'error' && mission.error.status === 404;
  useDocumentTitle(data ? data.name[locale] : notFound ? t('notFound.title') : '');

  return (
    <>
      <p>
        <Link to="/missions" className="back-link">
          {t('mission.back')}
        </Link>
      </p>
      {notFound ? (
        <>
          <h1>{t('notFound.title')}</h1>
          <p>{t('mission.notFound')}</p>
        </>
      ) : null}
      {mission.status === 'error' && !notFound ? <LoadFailed onRetry={mission.retry} /> : null}
      {data ? (
        <>
          <span className="caption">{t(`mission.kind.${data.kind}`)}</span>
          <h1>{data.name[locale]}</h1>
          {mission.savedAt !== null ? <SavedAge savedAt={mission.savedAt} /> : null}
          <MissionPhone mission={data} />
          <dl className="summary-list">
            <div>
              <dt>{t('mission.kindLabel')}</dt>
              <dd>{t(`mission.kind.${data.kind}`)}</dd>
            </div>
            <div>
              <dt>{t('mission.city')}</dt>
              <dd>{data.city[locale]}</dd>
            </div>
            <div>
              <dt>{t('mission.localTime')}</dt>
              <dd>
                <MissionLocalTime timeZone={data.timezone} />
              </dd>
            </div>
            <div>
              <dt>{t('mission.district')}</dt>
              <dd>
                <District mission={data} countries={countries.data} />
              </dd>
            </div>
          </dl>
        </>
      ) : null}
    </>
  );
}
