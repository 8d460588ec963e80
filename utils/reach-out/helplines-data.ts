/**
 * Crisis and support lines bundled with Aftercare, so the list works with no network at all.
 * Versioned: bump HELPLINES_VERSION whenever an entry changes, and re-check every entry against its
 * source (the date goes in `checked`). Only long-established national lines are listed; for
 * everywhere else Aftercare links to findahelpline.com, which keeps a checked worldwide directory.
 *
 * A helpline is not an emergency service: the interface says so next to this list.
 */

export const HELPLINES_VERSION = 1;

export interface Helpline {
  id: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  name: string;
  /** As people write it; dialled with tel: (spaces dropped). */
  phone: string;
  /** A number that also takes text messages, when the line offers it. */
  sms?: string;
  /** `always` = 24 hours a day, 7 days a week. */
  hours: 'always';
  /** Where the details were checked, and when (YYYY-MM-DD). */
  source: string;
  checked: string;
}

export const FIND_A_HELPLINE_URL = 'https://findahelpline.com/';

export const BUNDLED_HELPLINES: readonly Helpline[] = [
  {
    id: 'us-988',
    country: 'US',
    name: '988 Suicide & Crisis Lifeline',
    phone: '988',
    sms: '988',
    hours: 'always',
    source: 'https://988lifeline.org/',
    checked: '2026-11-24',
  },
  {
    id: 'ca-988',
    country: 'CA',
    name: '9-8-8 Suicide Crisis Helpline',
    phone: '988',
    sms: '988',
    hours: 'always',
    source: 'https://988.ca/',
    checked: '2026-11-24',
  },
  {
    id: 'gb-samaritans',
    country: 'GB',
    name: 'Samaritans',
    phone: '116 123',
    hours: 'always',
    source: 'https://www.samaritans.org/how-we-can-help/contact-samaritan/',
    checked: '2026-11-24',
  },
  {
    id: 'ie-samaritans',
    country: 'IE',
    name: 'Samaritans Ireland',
    phone: '116 123',
    hours: 'always',
    source: 'https://www.samaritans.org/ireland/how-we-can-help/contact-samaritan/',
    checked: '2026-11-24',
  },
  {
    id: 'de-telefonseelsorge-1',
    country: 'DE',
    name: 'TelefonSeelsorge',
    phone: '0800 111 0 111',
    hours: 'always',
    source: 'https://www.telefonseelsorge.de/',
    checked: '2026-11-24',
  },
  {
    id: 'de-telefonseelsorge-2',
    country: 'DE',
    name: 'TelefonSeelsorge',
    phone: '0800 111 0 222',
    hours: 'always',
    source: 'https://www.telefonseelsorge.de/',
    checked: '2026-11-24',
  },
  {
    id: 'au-lifeline',
    country: 'AU',
    name: 'Lifeline Australia',
    phone: '13 11 14',
    sms: '0477 13 11 14',
    hours: 'always',
    source: 'https://www.lifeline.org.au/',
    checked: '2026-11-24',
  },
];

/** The countries the bundled list covers, for the picker in settings. */
export const HELPLINE_COUNTRIES: readonly string[] = [
  ...new Set(BUNDLED_HELPLINES.map((line) => line.country)),
];
