import { browser } from 'wxt/browser';
import type { CheckIn } from '../shared/storage-items';
import type { ActiveSession } from '../detection/session-tracker';
import { popupFirst, type PopupFirst } from './popup-next';
import { t } from '../shared/i18n';
import { isRecord } from '../shared/validation';

/**
 * What the toolbar popup shows, read in one storage call. The popup is the page opened most often
 * and has a size budget (issue 8), so it reads only the fields it shows, each checked here, instead
 * of loading the settings validator, the site rules (utils/detection/sites.ts) and the contact code. The
 * keys, defaults, rules and preset names below are copies; tests/unit/popup/popup-view.test.ts holds each
 * one to its source (and to `validateSettings` on random input). Session changes go through the
 * background; the two settings the popup changes (pausing, turning the current site off) are
 * written by `changePopupDetection`, which the same tests prove ends in exactly the settings
 * `updateSettings` would have saved.
 */
export interface PopupView {
  first: PopupFirst;
  /** The newest session going on now, if any. */
  active: ActiveSession | null;
  later: CheckIn[];
  detection: PopupDetection;
  /** The first person to reach out to, for the button's label; the reach-out page does the rest. */
  contact: PopupContact | null;
}

export interface PopupDetection {
  enabledSites: string[];
  /** Custom sites, for their names. */
  customSites: { id: string; name: string }[];
  snoozedUntil: number | null;
}

export interface PopupContact {
  name: string;
  /** Phone contacts are called, everyone else gets a message. */
  call: boolean;
}

/** The storage keys of `trackerStateItem`, `checkInsItem`, `settingsItem` and `reachOutItem`. */
export const POPUP_KEYS = {
  tracker: 'tracker-state',
  checkIns: 'check-ins',
  settings: 'settings',
  reachOut: 'reach-out',
} as const;

/** `INTENTION_MAX_LENGTH` in utils/detection/session-tracker.ts. */
export const POPUP_INTENTION_MAX_LENGTH = 280;

/** The preset sites' names in utils/detection/sites.ts. */
export const POPUP_PRESET_NAMES: Readonly<Record<string, string>> = {
  meet: 'Google Meet',
  zoom: 'Zoom',
  teams: 'Microsoft Teams',
  whereby: 'Whereby',
  jitsi: 'Jitsi Meet',
  discord: 'Discord',
  'google-chat': 'Google Chat',
  messenger: 'Messenger',
  whatsapp: 'WhatsApp Web',
  telegram: 'Telegram Web',
};

/** `siteDisplayName` (utils/detection/site-names.ts) without the site rules. */
export function popupSiteName(siteId: string, customSites: PopupDetection['customSites']): string {
  if (siteId === 'practice') return t('practiceSiteName');
  return (
    (Object.hasOwn(POPUP_PRESET_NAMES, siteId) ? POPUP_PRESET_NAMES[siteId] : undefined) ??
    customSites.find((site) => site.id === siteId)?.name ??
    siteId
  );
}

/** The detection fields the popup shows, by `validateSettings`' rules. */
export function popupDetection(settings: unknown): PopupDetection {
  const detection = isRecord(settings) && isRecord(settings.detection) ? settings.detection : {};
  const { enabledSites, customSites, snoozedUntil } = detection;
  return {
    enabledSites:
      Array.isArray(enabledSites) && enabledSites.every((id) => typeof id === 'string')
        ? enabledSites
        : ['practice'],
    customSites: (Array.isArray(customSites) ? customSites : []).filter(
      (site): site is PopupDetection['customSites'][number] =>
        isRecord(site) && typeof site.id === 'string' && typeof site.name === 'string',
    ),
    snoozedUntil:
      typeof snoozedUntil === 'number' && Number.isFinite(snoozedUntil) && snoozedUntil > 0
        ? snoozedUntil
        : null,
  };
}

/** The primary contact (or else the first one), as `validateReachOut` and `contactsInOrder` pick it. */
export function popupContact(reachOut: unknown): PopupContact | null {
  const raw = isRecord(reachOut) ? reachOut : {};
  const contacts = (Array.isArray(raw.contacts) ? raw.contacts : []).filter(
    (contact): contact is Record<string, unknown> & { name: string } =>
      isRecord(contact) && typeof contact.name === 'string' && !!contact.name.trim(),
  );
  const primary = contacts.find((contact) => contact.id === raw.primaryId) ?? contacts[0];
  return primary ? { name: primary.name.trim(), call: primary.channel === 'phone' } : null;
}

/** Sessions going on now, newest first (any shape `normalizeTrackerState` accepts). */
export function popupActive(tracker: unknown): ActiveSession | null {
  const active = isRecord(tracker) && isRecord(tracker.active) ? tracker.active : {};
  return (
    Object.values(active)
      .filter(
        (session): session is ActiveSession =>
          isRecord(session) && typeof session.id === 'string' && typeof session.siteId === 'string',
      )
      .sort((a, b) => b.startedAt - a.startedAt)[0] ?? null
  );
}

/**
 * Check-ins waiting to be taken: missed, offered quietly, or a follow-up that is due. Newest first.
 * Anything not shaped like a check-in is left out.
 */
export function popupLater(checkIns: unknown): CheckIn[] {
  return (Object.values(isRecord(checkIns) ? checkIns : {}) as CheckIn[])
    .filter(
      (checkIn) =>
        isRecord(checkIn) &&
        isRecord(checkIn.session) &&
        (checkIn.status === 'missed' || checkIn.status === 'waiting' || checkIn.followUp?.status === 'due'),
    )
    .sort((a, b) => b.session.endedAt - a.session.endedAt);
}

export async function loadPopupView(): Promise<PopupView> {
  const stored = await browser.storage.local.get(Object.values(POPUP_KEYS));
  const later = popupLater(stored[POPUP_KEYS.checkIns]);
  return {
    first: popupFirst(later),
    active: popupActive(stored[POPUP_KEYS.tracker]),
    later,
    detection: popupDetection(stored[POPUP_KEYS.settings]),
    contact: popupContact(stored[POPUP_KEYS.reachOut]),
  };
}

/** The settings' stored version (`settingsItem`'s `{ v }` beside the value, utils/shared/storage-item.ts). */
export const POPUP_SETTINGS_VERSION = 1;

/**
 * Pauses, resumes or turns a site off. Only the changed field is new, and it is valid by
 * construction (a time or null; the enabled list minus one id); everything else is written back as
 * it was stored, and every reader validates it.
 */
export async function changePopupDetection(
  change: Partial<Pick<PopupDetection, 'enabledSites' | 'snoozedUntil'>>,
): Promise<void> {
  const key = POPUP_KEYS.settings;
  const stored = (await browser.storage.local.get(key))[key];
  await browser.storage.local.set({
    [key]: popupDetectionChanged(stored, change),
    [`${key}$`]: { v: POPUP_SETTINGS_VERSION },
  });
}

export function popupDetectionChanged(
  stored: unknown,
  change: Partial<Pick<PopupDetection, 'enabledSites' | 'snoozedUntil'>>,
): Record<string, unknown> {
  const settings = isRecord(stored) ? stored : {};
  return {
    ...settings,
    detection: { ...(isRecord(settings.detection) ? settings.detection : {}), ...change },
  };
}
