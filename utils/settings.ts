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
  /** A site's own questions, by site id; a site without a set uses `questions`. */
  siteQuestions: Record<string, string[]>;
  /** Plain, neutral wording on screen (for a shared or visible screen). */
  neutralWording: boolean;
}

export interface Settings {
  version: 1;
  detection: DetectionSettings;
  reflection: ReflectionSettings;
}

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  detection: { enabledSites: ['practice'] },
  reflection: { questions: [], siteQuestions: {}, neutralWording: false },
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringList = (value: unknown, fallback: string[]): string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : fallback;

/** Per-site question sets: only plain site ids with a list of strings; anything else is dropped. */
function siteQuestionSets(value: unknown): Record<string, string[]> {
  if (!isRecord(value)) return {};
  const sets: Record<string, string[]> = {};
  for (const [siteId, questions] of Object.entries(value)) {
    if (!/^[\w-]{1,64}$/.test(siteId) || siteId === '__proto__') continue;
    const list = stringList(questions, []);
    if (list.length) sets[siteId] = list;
  }
  return sets;
}

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
      siteQuestions: siteQuestionSets(reflection.siteQuestions),
      neutralWording:
        typeof reflection.neutralWording === 'boolean'
          ? reflection.neutralWording
          : DEFAULT_SETTINGS.reflection.neutralWording,
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
