import type { ThrottleRule } from '../auth/throttle.ts';

// Requests that send mail (sign-up, resend, reset) are counted whether or not they succeed: each one
// costs a mail to someone's inbox. A block always ends (throttle.ts), so nobody is locked out for good.

/** Per address: a family or a mission's shared Wi-Fi signs several people up. */
export const MAIL_PER_ADDRESS: ThrottleRule = {
  freeFailures: 20,
  windowMs: 60 * 60_000,
  baseBlockMs: 60_000,
  maxBlockMs: 60 * 60_000,
};

/** Per email address, per kind of request: enough for a lost mail and a retry, not for mail-bombing. */
export const MAIL_PER_ACCOUNT: ThrottleRule = {
  freeFailures: 3,
  windowMs: 60 * 60_000,
  baseBlockMs: 5 * 60_000,
  maxBlockMs: 60 * 60_000,
};
