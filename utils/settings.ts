import { storage } from 'wxt/utils/storage';

/**
 * All of the user's settings: one typed schema with defaults, validated on every read (a value
 * from an older version, an import or a bug can never reach the code unchecked) and migrated by
 * version. Each feature owns one section.
 */

export interface DetectionSettings {
  /** Site ids (presets or custom) the user turned on. Access is still checked per site. */
  enabledSites: string[];
}

export interface ReflectionSettings {
  /** Questions shown in rotation; empty means the kind default set. */
  questions: string[];
}

export interface Settings {
  version: 1;
  detection: DetectionSettings;
  reflection: ReflectionSettings;
}

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  detection: { enabledSites: ['practice'] },
  reflection: { questions: [] },
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringList = (value: unknown, fallback: string[]): string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : fallback;

/**
 * Returns valid settings for any input: known fields that pass their checks are kept, anything
 * else falls back to its default. Unknown keys (including `__proto__`) are dropped.
 */
export function validateSettings(input: unknown): Settings {
  const raw = isRecord(input) ? input : {};
  const detection = isRecord(raw.detection) ? raw.detection : {};
  const reflection = isRecord(raw.reflection) ? raw.reflection : {};
  return {
    version: 1,
    detection: {
      enabledSites: stringList(detection.enabledSites, DEFAULT_SETTINGS.detection.enabledSites),
    },
    reflection: {
      questions: stringList(reflection.questions, DEFAULT_SETTINGS.reflection.questions),
    },
  };
}

export const settingsItem = storage.defineItem<Settings>('local:settings', {
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
