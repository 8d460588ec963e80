import { browser } from 'wxt/browser';
import type { ReflectionSettings } from './settings';
import { isRecord, stringList } from '../shared/validation';

/**
 * The reflection section of the settings (settings.ts owns the schema and validates every
 * section with this), and a reader of that section alone for the check-in window: it needs the
 * questions and the wording, not the site list and the validators of every other section.
 */

export const DEFAULT_REFLECTION_SETTINGS: ReflectionSettings = {
  questions: [],
  siteQuestions: {},
  neutralWording: false,
};

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

/** Valid reflection settings for any input; anything that fails its check takes its default. */
export function validateReflectionSettings(input: unknown): ReflectionSettings {
  const reflection = isRecord(input) ? input : {};
  return {
    questions: stringList(reflection.questions, DEFAULT_REFLECTION_SETTINGS.questions),
    siteQuestions: siteQuestionSets(reflection.siteQuestions),
    neutralWording:
      typeof reflection.neutralWording === 'boolean'
        ? reflection.neutralWording
        : DEFAULT_REFLECTION_SETTINGS.neutralWording,
  };
}

/**
 * The reflection settings as `getSettings()` would give them (tests/unit/settings/settings.test.ts checks
 * the two agree), read straight from the stored settings: the settings have had no migration
 * yet; when one comes that touches this section, it must be applied here too.
 */
export async function readReflectionSettings(): Promise<ReflectionSettings> {
  const { settings } = await browser.storage.local.get('settings');
  return validateReflectionSettings(isRecord(settings) ? settings.reflection : undefined);
}
