import './alerts.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { HotlineLink } from '../meta/hotline.component.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import { answerLink, type CheckinLink, linkPath } from './alerts.api.ts';
import { CheckinButtons } from './checkin-buttons.component.tsx';

/**
 * Where the one-tap link of an e-mail, SMS or push lands: no sign-in, the signed token says who answers.
 * "Safe" is recorded on arrival; "Need help" is confirmed here first. An expired link says so and offers the
 * app and the hotline.
 */
export function CheckinLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const wanted = params.get('answer');
  const state = useApi<CheckinLink>(linkPath(token), { keepOnDevice: false });
  useDocumentTitle(t('alerts.checkin.title'));
  const link = state.data;
  if (state.status === 'error') {
    const expired = state.error.status === 410;
    const invalid = state.error.status === 404;
    if (!expired && !invalid) return <LoadFailed onRetry={state.retry} />;
    return (
      <>
        <h1>{expired ? t('alerts.checkin.expiredTitle') : t('alerts.checkin.invalidTitle')}</h1>
        <p>{state.error.problem?.title}</p>
        <p>{t('alerts.checkin.expiredHelp')}</p>
        <HotlineLink size="large" />
        <p>
          <Link to="/">{t('alerts.home')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('alerts.checkin.title')}</h1>
      {state.status === 'loading' ? <p className="loading">{t('alerts.loading')}</p> : null}
      {link ? (
        <>
          <p lang={link.language}>
            <Link to={`/alerts/${link.alertId}`}>{link.headline}</Link>
          </p>
          <CheckinButtons
            answer={link.answer}
            answeredAt={null}
            send={(body) => answerLink(token, body)}
            autoAnswer={wanted === 'safe' || wanted === 'need_help' ? wanted : null}
            showHeading={false}
          />
        </>
      ) : null}
    </>
  );
}
