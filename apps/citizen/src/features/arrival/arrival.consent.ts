// The person's choice, on this phone, to share where the app is opened (decision 0025). Off unless turned on here:
// the position is a property of this device, and another phone of the same person asks again.
const KEY = 'homeward.arrival-consent';

export function hasArrivalConsent(): boolean {
  try {
    return localStorage.getItem(KEY) === 'yes';
  } catch {
    return false;
  }
}

export function setArrivalConsent(on: boolean): void {
  try {
    if (on) localStorage.setItem(KEY, 'yes');
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the setting stays off, which is the safe side.
  }
}
