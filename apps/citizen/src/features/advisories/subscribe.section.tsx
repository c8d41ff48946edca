import type { Subscription } from '@homeward/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.client.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSession } from '../accounts/session.context.tsx';
import { followCountry, SUBSCRIPTIONS_PATH, unfollowCountry } from '../registration/registration.api.ts';

/**
 * "Subscribe to this country" with the registry's own subscriptions (decision 0006). Signed-out visitors are
 * told to sign in; a citizen without a saved profile is sent to save it first, since subscriptions hang on it.
 */
export function SubscribeSection({ country, countryName }: { country: string; countryName: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <section aria-labelledby="advisory-subscribe">
      <h2 id="advisory-subscribe">{t('advisories.subscribe.heading')}</h2>
      <p>{t('advisories.subscribe.why', { country: countryName })}</p>
      {session.status === 'signed-in' ? (
        <Subscribe country={country} countryName={countryName} />
      ) : session.status === 'signed-out' ? (
        <p>
          <Link to="/sign-in">{t('advisories.subscribe.signIn')}</Link>
        </p>
      ) : null}
    </section>
  );
}

function Subscribe({ country, countryName }: { country: string; countryName: string }) {
  const { t } = useTranslation();
  const mine = useApi<{ items: Subscription[] }>(SUBSCRIPTIONS_PATH, { keepOnDevice: false });
  const [following, setFollowing] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [needsProfile, setNeedsProfile] = useState(false);
  const profileMissing = needsProfile || (mine.status === 'error' && mine.error.problem?.code === 'profile_required');
  const isFollowing = following ?? mine.data?.items.some((s) => s.countryCode === country) ?? false;

  const toggle = async () => {
    if (busy) return;
    setBusy(true);
    setMessage('');
    try {
      if (isFollowing) {
        await unfollowCountry(country);
        setFollowing(false);
        setMessage(t('advisories.subscribe.stopped', { country: countryName }));
      } else {
        await followCountry(country);
        setFollowing(true);
        setMessage(t('advisories.subscribe.done', { country: countryName }));
      }
    } catch (error) {
      if (error instanceof ApiError && error.problem?.code === 'profile_required') setNeedsProfile(true);
      else if (error instanceof ApiError && !error.offline) setMessage(error.message);
      else setMessage(t('advisories.subscribe.offline'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {profileMissing ? (
        <p>
          {t('advisories.subscribe.profileFirst')}{' '}
          <Link to="/registration/profile">{t('advisories.subscribe.profileLink')}</Link>
        </p>
      ) : mine.status === 'loading' ? null : (
        <button type="button" className="button button--secondary" aria-disabled={busy} onClick={toggle}>
          {isFollowing ? t('advisories.subscribe.stop') : t('advisories.subscribe.start')}
        </button>
      )}
      <p role="status">{message}</p>
    </>
  );
}
