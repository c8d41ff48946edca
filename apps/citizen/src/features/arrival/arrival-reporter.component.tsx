import { useEffect } from 'react';
import { useSession } from '../accounts/session.context.tsx';
import { coarsePosition, reportPosition } from './arrival.api.ts';
import { hasArrivalConsent } from './arrival.consent.ts';

// Once per opening of the app (a page load), not on every page it shows.
let reported = false;

/**
 * With the person's consent (the setting on /account/location, off by default), reports where the app was opened,
 * rounded to about 10 km; the server sends the on-arrival message when the country is new. Renders nothing and
 * never gets in the way: a refusal or a failure is silent, and the app works the same without it.
 */
export function ArrivalReporter() {
  const { session } = useSession();
  const citizen = session.status === 'signed-in' && session.user.role === 'citizen';
  useEffect(() => {
    if (!citizen || reported || !hasArrivalConsent()) return;
    reported = true;
    coarsePosition()
      .then(reportPosition)
      .catch(() => undefined);
  }, [citizen]);
  return null;
}
