import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

// Only the account pages format phone numbers; the metadata (~30 KB gz) stays out of the first load.

/** An E.164 number as people write it, "+86 138 0013 8000"; unreadable input comes back as it was. */
export function phoneForPeople(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
