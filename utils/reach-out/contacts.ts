import {
  CHANNELS,
  MAX_MESSAGE_LENGTH,
  buildContactLink,
  hasHiddenCharacters,
  type Channel,
  type ContactLink,
} from './contact-links';
import { HELPLINE_COUNTRIES, type Helpline } from './helplines-data';
import { isRecord } from '../shared/validation';

/**
 * The people the user trusts and the helplines they picked: the data behind "reach out". Pure
 * types and functions; the storage item lives in storage-items.ts. Everything is validated on read,
 * so a value from an older version, a bug or a hand-edited profile never reaches the interface
 * unchecked.
 */

export interface Contact {
  id: string;
  name: string;
  channel: Channel;
  /** A phone number, e-mail address, Telegram username or https link, as the user typed it. */
  address: string;
  /** Written in advance, in a calm moment. */
  message: string;
  /** IANA time zone of the person, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Usual reachable hours in their time, "HH:MM"; `until` may be past midnight (22:00–02:00). */
  reachableFrom: string;
  reachableUntil: string;
  /** The custom link the user said yes to; a changed link asks again. */
  confirmedUrl?: string;
}

export interface UserHelpline {
  id: string;
  country: string;
  name: string;
  /** A phone number (opened with tel:) or an https link. */
  contact: string;
  hours: string;
}

export interface ReachOutData {
  version: 1;
  contacts: Contact[];
  primaryId: string | null;
  /** ISO 3166-1 alpha-2 codes picked by hand; never guessed from location. */
  helplineCountries: string[];
  userHelplines: UserHelpline[];
}

export const MAX_CONTACTS = 12;
export const MAX_USER_HELPLINES = 20;
export const MAX_NAME_LENGTH = 60;

export const EMPTY_REACH_OUT: ReachOutData = {
  version: 1,
  contacts: [],
  primaryId: null,
  helplineCountries: [],
  userHelplines: [],
};

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.length <= max && !hasHiddenCharacters(value) ? value : null;

export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const isClockTime = (value: unknown): value is string =>
  typeof value === 'string' && /^(?:[01]\d|2[0-3]):[0-5]\d$/.test(value);

/** The time zone this browser is in: the kindest default for a new contact. */
export function localTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isValidTimeZone(zone) ? zone : 'UTC';
}

/** Returns a valid contact, or null when something essential is missing or wrong. */
export function validateContact(input: unknown): Contact | null {
  if (!isRecord(input)) return null;
  const id = text(input.id, 64);
  const name = text(input.name, MAX_NAME_LENGTH)?.trim();
  const channel = CHANNELS.find((known) => known === input.channel);
  const address = text(input.address, 2000);
  const message =
    typeof input.message === 'string' && input.message.length <= MAX_MESSAGE_LENGTH ? input.message : '';
  if (!id || !name || !channel || address === null) return null;
  // A contact whose link cannot be built (say, a hand-edited `javascript:` address) is dropped
  // rather than shown with a button that would do nothing.
  if (!buildContactLink({ channel, address, message }).ok) return null;
  const contact: Contact = {
    id,
    name,
    channel,
    address,
    message,
    timeZone: isValidTimeZone(input.timeZone) ? input.timeZone : 'UTC',
    reachableFrom: isClockTime(input.reachableFrom) ? input.reachableFrom : '09:00',
    reachableUntil: isClockTime(input.reachableUntil) ? input.reachableUntil : '22:00',
  };
  if (typeof input.confirmedUrl === 'string' && input.confirmedUrl.length <= 2000)
    contact.confirmedUrl = input.confirmedUrl;
  return contact;
}

export function validateUserHelpline(input: unknown): UserHelpline | null {
  if (!isRecord(input)) return null;
  const id = text(input.id, 64);
  const name = text(input.name, 80)?.trim();
  const contact = text(input.contact, 2000)?.trim();
  const country =
    typeof input.country === 'string' && /^[A-Z]{2}$/.test(input.country) ? input.country : null;
  if (!id || !name || !contact || !country || !helplineLink(contact).ok) return null;
  return { id, country, name, contact, hours: text(input.hours, 80)?.trim() ?? '' };
}

/** Returns valid reach-out data for any input; invalid parts are dropped, never guessed. */
export function validateReachOut(input: unknown): ReachOutData {
  const raw = isRecord(input) ? input : {};
  const seen = new Set<string>();
  const contacts = (Array.isArray(raw.contacts) ? raw.contacts : [])
    .map(validateContact)
    .filter(
      (contact): contact is Contact => contact !== null && !seen.has(contact.id) && !!seen.add(contact.id),
    )
    .slice(0, MAX_CONTACTS);
  const primaryId =
    typeof raw.primaryId === 'string' && contacts.some((c) => c.id === raw.primaryId)
      ? raw.primaryId
      : (contacts[0]?.id ?? null);
  const helplineCountries = (Array.isArray(raw.helplineCountries) ? raw.helplineCountries : []).filter(
    (code, index, all): code is string =>
      typeof code === 'string' && HELPLINE_COUNTRIES.includes(code) && all.indexOf(code) === index,
  );
  const userHelplines = (Array.isArray(raw.userHelplines) ? raw.userHelplines : [])
    .map(validateUserHelpline)
    .filter((line): line is UserHelpline => line !== null)
    .slice(0, MAX_USER_HELPLINES);
  return { version: 1, contacts, primaryId, helplineCountries, userHelplines };
}

export function contactLink(contact: Contact, subject = ''): ContactLink {
  return buildContactLink({
    channel: contact.channel,
    address: contact.address,
    message: contact.message,
    subject,
  });
}

/** The primary contact first, then the others in the order the user listed them. */
export function contactsInOrder(data: ReachOutData): Contact[] {
  const primary = data.contacts.find((c) => c.id === data.primaryId);
  return primary ? [primary, ...data.contacts.filter((c) => c !== primary)] : data.contacts;
}

export interface ContactClock {
  /** "03:10" in the contact's own time zone. */
  time: string;
  /** Inside their usual reachable hours right now. */
  reachable: boolean;
}

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** What time it is for this person, and whether that is inside the hours they usually answer. */
export function contactClock(
  contact: Pick<Contact, 'timeZone' | 'reachableFrom' | 'reachableUntil'>,
  now: Date,
): ContactClock {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: isValidTimeZone(contact.timeZone) ? contact.timeZone : 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  const time = `${hour}:${minute}`;
  const at = minutes(time);
  const from = minutes(contact.reachableFrom);
  const until = minutes(contact.reachableUntil);
  // Equal ends mean "any time"; an end before the start wraps past midnight.
  const reachable =
    from === until ? true : from < until ? at >= from && at < until : at >= from || at < until;
  return { time, reachable };
}

/** The next person (after `current`) who is within their usual hours, if there is one. */
export function nextReachableContact(data: ReachOutData, current: Contact, now: Date): Contact | undefined {
  return contactsInOrder(data).find(
    (c) => c.id !== current.id && contactLink(c).ok && contactClock(c, now).reachable,
  );
}

/** A custom link opens only after the user has said yes to exactly this link once. */
export function needsConfirmation(contact: Contact, url: string): boolean {
  return contact.channel === 'custom' && contact.confirmedUrl !== url;
}

/** Helplines are phone numbers (tel:) or https pages, through the same allowlist as contacts. */
export function helplineLink(contact: string): ContactLink {
  return /^https:/i.test(contact.trim())
    ? buildContactLink({ channel: 'custom', address: contact })
    : buildContactLink({ channel: 'phone', address: contact });
}

/** The bundled helplines for the countries the user picked, then every helpline they added. */
export function helplinesFor(
  data: ReachOutData,
  bundled: readonly Helpline[],
): Array<Helpline | UserHelpline> {
  const picked = new Set(data.helplineCountries);
  return [...bundled.filter((line) => picked.has(line.country)), ...data.userHelplines];
}

export function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
