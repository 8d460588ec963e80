import { setStorageItems } from '../shared/storage-item';
import { validateSettings, settingsItem, getSettings, type Settings } from './settings';
import { validateReachOut, type ReachOutData } from '../reach-out/contacts';
import { getReachOut, reachOutItem } from '../reach-out/reach-out-store';
import { isRecord } from '../shared/validation';

/**
 * Settings as a file of their own: every setting and the people and helplines the user added, so
 * a new browser can be set up the same way. The journal has its own backup (journal/export.ts).
 * An import is all or nothing: a file with anything Aftercare cannot read changes nothing.
 */

export const SETTINGS_FILE_FORMAT = 'aftercare-settings';
export const SETTINGS_FILE_VERSION = 1;

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: typeof SETTINGS_FILE_VERSION;
  exportedAt: string;
  settings: Settings;
  reachOut: ReachOutData;
}

export type SettingsFileProblem = 'not-json' | 'not-settings' | 'newer-version' | 'settings' | 'people';

export type ParsedSettingsFile =
  | { ok: true; settings: Settings; reachOut: ReachOutData }
  | { ok: false; problem: SettingsFileProblem; where?: string[] };

export function buildSettingsFile(settings: Settings, reachOut: ReachOutData, now: Date): SettingsFile {
  return {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    exportedAt: now.toISOString(),
    settings: validateSettings(settings),
    reachOut: validateReachOut(reachOut),
  };
}

export const settingsFileName = (now: Date): string =>
  `aftercare-settings-${now.toISOString().slice(0, 10)}.json`;

/**
 * Where `input` says something the validator did not keep (a value it dropped or changed, an
 * unknown key). Keys the input leaves out are fine: they take their defaults.
 */
export function unreadableParts(input: unknown, kept: unknown, path = ''): string[] {
  if (isRecord(input) && isRecord(kept)) {
    return Object.keys(input).flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      // Own keys only: `'__proto__' in {}` is true, and a file may carry such a key.
      return Object.hasOwn(kept, key) ? unreadableParts(input[key], kept[key], at) : [at];
    });
  }
  if (Array.isArray(input) && Array.isArray(kept)) {
    if (input.length !== kept.length) return [path];
    return input.flatMap((item, index) => unreadableParts(item, kept[index], `${path}[${index}]`));
  }
  return Object.is(input, kept) ? [] : [path];
}

/** Reads a settings file; only a file whose every part passes validation is accepted. */
export function parseSettingsFile(text: string): ParsedSettingsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (!isRecord(raw) || raw.format !== SETTINGS_FILE_FORMAT || !isRecord(raw.settings))
    return { ok: false, problem: 'not-settings' };
  if (typeof raw.version !== 'number' || raw.version > SETTINGS_FILE_VERSION)
    return { ok: false, problem: raw.version === undefined ? 'not-settings' : 'newer-version' };
  const settings = validateSettings(raw.settings);
  const settingsProblems = unreadableParts(raw.settings, settings);
  if (settingsProblems.length) return { ok: false, problem: 'settings', where: settingsProblems };
  const reachOutInput = raw.reachOut ?? {};
  if (!isRecord(reachOutInput)) return { ok: false, problem: 'people', where: ['reachOut'] };
  const reachOut = validateReachOut(reachOutInput);
  const peopleProblems = unreadableParts(reachOutInput, reachOut);
  if (peopleProblems.length) return { ok: false, problem: 'people', where: peopleProblems };
  return { ok: true, settings, reachOut };
}

export async function exportSettingsFile(now = new Date()): Promise<string> {
  return JSON.stringify(buildSettingsFile(await getSettings(), await getReachOut(), now), null, 2);
}

/** Applies a checked file in one storage write, so a stopped page can never leave half of it. */
export async function importSettingsFile(text: string): Promise<ParsedSettingsFile> {
  const parsed = parseSettingsFile(text);
  if (!parsed.ok) return parsed;
  await setStorageItems([settingsItem, parsed.settings], [reachOutItem, parsed.reachOut]);
  return parsed;
}
