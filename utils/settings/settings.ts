import { defineStorageItem } from '../shared/storage-item';
import { parseSiteAddress, PRESET_SITES, type CustomSite } from '../detection/sites';
import { isRecord, stringList } from '../shared/validation';
import { validateReflectionSettings } from './reflection-settings';

/**
 * All of the user's settings: one typed schema with defaults, validated on every read (a value
 * from an older version, an import or a bug can never reach the code unchecked) and migrated by
 * version. Each feature owns one section.
 */

export interface DetectionSettings {
  /** Site ids (presets or custom) the user turned on. Access is still checked per site. */
  enabledSites: string[];
  /** Sites the user added by address. */
  customSites: CustomSite[];
  /**
   * How to offer a check-in: open the check-in window, a quiet notification (optional
   * `notifications` permission, asked when chosen), or only a mark on the toolbar icon.
   */
  askMode: AskMode;
  /**
   * How long a dropped call may be away before its session counts as ended. Browsers never fire
   * alarms sooner than 30 s for installed extensions, so short values only take effect unpacked.
   */
  graceSeconds: number;
  /** After one check-in is offered, further sessions ending within this time are kept quietly. */
  cooldownMinutes: number;
  /** Overrides every site's own minimum session length when set. */
  minSessionMinutes: number | null;
  /** Minutes after local midnight; `start > end` spans midnight. */
  quietHours: { enabled: boolean; startMinute: number; endMinute: number };
  /** Until this time (ms since epoch) nothing is offered. */
  snoozedUntil: number | null;
  /** A second, gentler check-in later on. */
  followUp: FollowUpMode;
}

export type AskMode = 'window' | 'notification' | 'badge';
export type FollowUpMode = 'off' | 'in-3-hours' | 'next-morning';
export const ASK_MODES: readonly AskMode[] = ['window', 'notification', 'badge'];
const FOLLOW_UP_MODES: readonly FollowUpMode[] = ['off', 'in-3-hours', 'next-morning'];

export interface ReflectionSettings {
  /** Questions shown in rotation; empty means the kind default set. */
  questions: string[];
  /** A site's own questions, by site id; a site without a set uses `questions`. */
  siteQuestions: Record<string, string[]>;
  /** Plain, neutral wording on screen (for a shared or visible screen). */
  neutralWording: boolean;
}

/** The passphrase lock (issue 7). Whether it is on is kept with the journal (lock-meta), not here. */
export interface LockSettings {
  /** Lock again after this many minutes without use; 0 = only on browser restart or "Lock now". */
  idleMinutes: number;
}
export const LOCK_IDLE_CHOICES = [5, 15, 30, 60, 0] as const;

export interface Settings {
  version: 1;
  detection: DetectionSettings;
  reflection: ReflectionSettings;
  lock: LockSettings;
}

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  detection: {
    enabledSites: ['practice'],
    customSites: [],
    askMode: 'window',
    graceSeconds: 60,
    cooldownMinutes: 30,
    minSessionMinutes: null,
    quietHours: { enabled: false, startMinute: 22 * 60, endMinute: 8 * 60 },
    snoozedUntil: null,
    followUp: 'off',
  },
  reflection: { questions: [], siteQuestions: {}, neutralWording: false },
  lock: { idleMinutes: 15 },
};

/**
 * Returns valid settings for any input: known fields that pass their checks are kept, anything
 * else falls back to its default. Unknown keys (including `__proto__`) are dropped.
 */
export function validateSettings(input: unknown): Settings {
  const raw = isRecord(input) ? input : {};
  const detection = isRecord(raw.detection) ? raw.detection : {};
  return {
    version: 1,
    detection: {
      ...validateDetection(detection),
    },
    reflection: validateReflectionSettings(raw.reflection),
    lock: {
      idleMinutes: oneOf(
        isRecord(raw.lock) ? raw.lock.idleMinutes : undefined,
        LOCK_IDLE_CHOICES,
        DEFAULT_SETTINGS.lock.idleMinutes,
      ),
    },
  };
}

const integerIn = (value: unknown, min: number, max: number, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

const oneOf = <T extends string | number>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

const MAX_CUSTOM_SITES = 50;

/** A stored custom site is kept only if its address still reads as one the user could have typed. */
export function validateCustomSite(value: unknown): CustomSite | null {
  if (!isRecord(value)) return null;
  const { id, name, origin, pathPrefix, like, minSessionSeconds } = value;
  if (typeof id !== 'string' || !/^custom-[a-z0-9-]{1,120}$/.test(id)) return null;
  if (typeof name !== 'string' || !name.trim() || name.length > 80) return null;
  if (typeof origin !== 'string' || typeof pathPrefix !== 'string') return null;
  const parsed = parseSiteAddress(`${origin}${pathPrefix}`);
  if (!parsed.ok || parsed.origin !== origin || parsed.pathPrefix !== pathPrefix) return null;
  const site: CustomSite = { id, name: name.trim(), origin, pathPrefix };
  if (typeof like === 'string' && PRESET_SITES.some((preset) => preset.id === like)) site.like = like;
  const minimum = integerIn(minSessionSeconds, 0, 24 * 3600, -1);
  if (minimum >= 0) site.minSessionSeconds = minimum;
  return site;
}

function validateDetection(detection: Record<string, unknown>): DetectionSettings {
  const defaults = DEFAULT_SETTINGS.detection;
  const customSites: CustomSite[] = [];
  if (Array.isArray(detection.customSites)) {
    for (const candidate of detection.customSites.slice(0, MAX_CUSTOM_SITES)) {
      const site = validateCustomSite(candidate);
      if (site && !customSites.some((other) => other.id === site.id)) customSites.push(site);
    }
  }
  const quiet = isRecord(detection.quietHours) ? detection.quietHours : {};
  const snoozedUntil = detection.snoozedUntil;
  const minSessionMinutes = detection.minSessionMinutes;
  return {
    enabledSites: stringList(detection.enabledSites, defaults.enabledSites),
    customSites,
    askMode: oneOf(detection.askMode, ASK_MODES, defaults.askMode),
    graceSeconds: integerIn(detection.graceSeconds, 1, 600, defaults.graceSeconds),
    cooldownMinutes: integerIn(detection.cooldownMinutes, 0, 24 * 60, defaults.cooldownMinutes),
    minSessionMinutes:
      minSessionMinutes === null
        ? null
        : integerIn(minSessionMinutes, 0, 240, -1) >= 0
          ? (minSessionMinutes as number)
          : defaults.minSessionMinutes,
    quietHours: {
      enabled: typeof quiet.enabled === 'boolean' ? quiet.enabled : defaults.quietHours.enabled,
      startMinute: integerIn(quiet.startMinute, 0, 1439, defaults.quietHours.startMinute),
      endMinute: integerIn(quiet.endMinute, 0, 1439, defaults.quietHours.endMinute),
    },
    snoozedUntil:
      typeof snoozedUntil === 'number' && Number.isFinite(snoozedUntil) && snoozedUntil > 0
        ? snoozedUntil
        : null,
    followUp: oneOf(detection.followUp, FOLLOW_UP_MODES, defaults.followUp),
  };
}

export const settingsItem = defineStorageItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  return validateSettings(await settingsItem.getValue());
}

export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = validateSettings(change(await getSettings()));
  await settingsItem.setValue(next);
  return next;
}
