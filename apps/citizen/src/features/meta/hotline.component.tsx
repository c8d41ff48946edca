import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { telHref } from '../../lib/format.ts';
import { useMeta } from './meta.context.tsx';

/** The tap-to-call hotline link: the one thing every page, online or not, must offer (WCAG 3.2.6). */
export function HotlineLink({ size = 'normal' }: { size?: 'normal' | 'large' }) {
  const { t } = useTranslation();
  const { meta } = useMeta();
  if (!meta) return <p className="hint">{t('hotline.unavailable')}</p>;
  const { e164, display } = meta.hotline;
  return (
    <a className={size === 'large' ? 'call-button call-button--large' : 'call-link'} href={telHref(e164)}>
      <PhoneIcon />
      <span>
        {size === 'large' ? (
          <>
            <span className="call-button__label">{t('hotline.callHotline')}</span>
            <span className="call-button__number">{display}</span>
          </>
        ) : (
          t('hotline.call', { number: display })
        )}
      </span>
    </a>
  );
}

export function SpareHotline() {
  const { t } = useTranslation();
  const { meta } = useMeta();
  if (!meta?.hotline.spareE164 || !meta.hotline.spareDisplay) return null;
  return (
    <p>
      {t('hotline.spare')}
      <a className="call-link" href={telHref(meta.hotline.spareE164)}>
        {meta.hotline.spareDisplay}
      </a>
    </p>
  );
}

/** The long official name of the hotline, with the ministry from configuration. */
export function useHotlineName(): string {
  const { t } = useTranslation();
  const { meta } = useMeta();
  const ministry = meta ? meta.sendingState.ministry[currentLocale()] : '';
  return t('hotline.full', { ministry }).trim();
}

export function PhoneIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.46.57 3.6a1 1 0 0 1-.25 1z"
      />
    </svg>
  );
}
