import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { HotlineLink } from '../meta/hotline.component.tsx';
import { useMeta } from '../meta/meta.context.tsx';
import { SavedAge } from '../offline/offline.component.tsx';

/** Home: emergency help comes first and largest, because someone in trouble has no time to search. */
export function LandingPage() {
  const { t } = useTranslation();
  const { savedAt } = useMeta();
  useDocumentTitle('');

  return (
    <>
      <h1 className="landing-title">{t('landing.title')}</h1>
      <section className="emergency" aria-label={t('landing.needHelp')}>
        <Link to="/help" className="help-button">
          <span className="help-button__label">{t('landing.needHelp')}</span>
          <span className="help-button__hint">{t('landing.needHelpHint')}</span>
        </Link>
        <p className="emergency__or">{t('landing.orCall')}</p>
        <HotlineLink size="large" />
        {savedAt !== null ? <SavedAge savedAt={savedAt} /> : null}
      </section>

      <section aria-labelledby="services-heading">
        <h2 id="services-heading">{t('landing.servicesHeading')}</h2>
        <ul className="service-list">
          <li>
            <Link to="/cases" className="service-link">
              <span className="service-link__title">{t('help.header.myCases')}</span>
              <span className="service-link__hint">{t('help.header.myCasesHint')}</span>
            </Link>
          </li>
          <li>
            <Link to="/services" className="service-link">
              <span className="service-link__title">{t('services.landing.title')}</span>
              <span className="service-link__hint">{t('services.landing.hint')}</span>
            </Link>
          </li>
          <li>
            <Link to="/appointments" className="service-link">
              <span className="service-link__title">{t('appointments.mine.title')}</span>
              <span className="service-link__hint">{t('appointments.landing.hint')}</span>
            </Link>
          </li>
          <li>
            <Link to="/campaigns" className="service-link">
              <span className="service-link__title">{t('campaigns.landing.title')}</span>
              <span className="service-link__hint">{t('campaigns.landing.hint')}</span>
            </Link>
          </li>
          <li>
            <Link to="/advisories" className="service-link">
              <span className="service-link__title">{t('advisories.nav')}</span>
              <span className="service-link__hint">{t('advisories.landingHint')}</span>
            </Link>
          </li>
          <li>
            <Link to="/guidance" className="service-link">
              <span className="service-link__title">{t('guidance.nav')}</span>
              <span className="service-link__hint">{t('guidance.landingHint')}</span>
            </Link>
          </li>
          <li>
            <Link to="/missions" className="service-link">
              <span className="service-link__title">{t('landing.findMission')}</span>
              <span className="service-link__hint">{t('landing.findMissionHint')}</span>
            </Link>
          </li>
          <li>
            <Link to="/wallet" className="service-link">
              <span className="service-link__title">{t('certificates.landing.wallet')}</span>
              <span className="service-link__hint">{t('certificates.landing.walletHint')}</span>
            </Link>
          </li>
          <li>
            <Link to="/verify" className="service-link">
              <span className="service-link__title">{t('certificates.landing.verify')}</span>
              <span className="service-link__hint">{t('certificates.landing.verifyHint')}</span>
            </Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="travel-heading">
        <h2 id="travel-heading">{t('landing.beforeTravelHeading')}</h2>
        <p>{t('landing.beforeTravelText')}</p>
        <p>
          <Link to="/missions">{t('landing.beforeTravelLink')}</Link>
        </p>
      </section>
    </>
  );
}
