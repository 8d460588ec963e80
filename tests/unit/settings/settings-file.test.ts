import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, getSettings, updateSettings } from '@/utils/settings/settings';
import { getReachOut, updateReachOut } from '@/utils/reach-out/reach-out-store';
import {
  buildSettingsFile,
  exportSettingsFile,
  importSettingsFile,
  parseSettingsFile,
  unreadableParts,
} from '@/utils/settings/settings-file';

const sam = {
  id: 'sam',
  name: 'Sam',
  channel: 'sms' as const,
  address: '+49 151 2345678',
  message: 'Could you call me?',
  timeZone: 'Europe/Berlin',
  reachableFrom: '09:00',
  reachableUntil: '22:00',
};

async function setUpSomeone() {
  await updateSettings((s) => ({
    ...s,
    detection: { ...s.detection, enabledSites: ['practice', 'jitsi'], askMode: 'badge', graceSeconds: 90 },
    reflection: { ...s.reflection, neutralWording: true },
  }));
  await updateReachOut((r) => ({ ...r, contacts: [sam], primaryId: 'sam', helplineCountries: ['DE'] }));
}

describe('settings export and import', () => {
  it('a settings file brings every setting and person back, exactly', async () => {
    await setUpSomeone();
    const file = await exportSettingsFile(new Date('2025-05-01T10:00:00Z'));
    const settings = await getSettings();
    const people = await getReachOut();
    await updateSettings(() => DEFAULT_SETTINGS);
    await updateReachOut((r) => ({ ...r, contacts: [], primaryId: null, helplineCountries: [] }));

    const result = await importSettingsFile(file);
    expect(result.ok).toBe(true);
    expect(await getSettings()).toEqual(settings);
    expect(await getReachOut()).toEqual(people);
  });

  it.each([
    ['not JSON at all', 'this is not a settings file', 'not-json'],
    [
      'a journal backup, not settings',
      JSON.stringify({ format: 'aftercare-journal', entries: [] }),
      'not-settings',
    ],
    [
      'a file from a newer Aftercare',
      JSON.stringify({ format: 'aftercare-settings', version: 9, settings: {} }),
      'newer-version',
    ],
    [
      'a grace period out of range',
      JSON.stringify({
        format: 'aftercare-settings',
        version: 1,
        settings: { detection: { graceSeconds: -5 } },
      }),
      'settings',
    ],
    [
      'an unknown ask mode',
      JSON.stringify({
        format: 'aftercare-settings',
        version: 1,
        settings: { detection: { askMode: 'siren' } },
      }),
      'settings',
    ],
    [
      'a setting Aftercare does not know',
      JSON.stringify({ format: 'aftercare-settings', version: 1, settings: { sparkles: true } }),
      'settings',
    ],
    [
      'a contact with a script link',
      JSON.stringify({
        format: 'aftercare-settings',
        version: 1,
        settings: {},
        reachOut: { contacts: [{ ...sam, channel: 'custom', address: 'javascript:alert(1)' }] },
      }),
      'people',
    ],
  ])('%s is refused kindly and changes nothing', async (_name, text, problem) => {
    await setUpSomeone();
    const before = { settings: await getSettings(), people: await getReachOut() };
    const result = await importSettingsFile(text);
    expect(result).toMatchObject({ ok: false, problem });
    expect({ settings: await getSettings(), people: await getReachOut() }).toEqual(before);
  });

  it('a key named __proto__ in a file is reported, not followed', () => {
    const text = '{"format":"aftercare-settings","version":1,"settings":{"__proto__":{"x":1}}}';
    expect(parseSettingsFile(text)).toMatchObject({ ok: false, problem: 'settings', where: ['__proto__'] });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('says where a file went wrong', () => {
    expect(unreadableParts({ a: 1, b: [1, 2], c: { d: 'x' } }, { a: 1, b: [1], c: { d: 'y' } })).toEqual([
      'b',
      'c.d',
    ]);
  });

  it('accepts any file it wrote itself (validated settings always survive the round trip)', () => {
    fc.assert(
      fc.property(
        fc.record({
          graceSeconds: fc.integer({ min: 1, max: 600 }),
          cooldownMinutes: fc.integer({ min: 0, max: 1440 }),
          askMode: fc.constantFrom('window', 'badge'),
          questions: fc.array(fc.string(), { maxLength: 5 }),
        }),
        ({ graceSeconds, cooldownMinutes, askMode, questions }) => {
          const settings = {
            ...DEFAULT_SETTINGS,
            detection: { ...DEFAULT_SETTINGS.detection, graceSeconds, cooldownMinutes, askMode },
            reflection: { ...DEFAULT_SETTINGS.reflection, questions },
          };
          const file = buildSettingsFile(
            settings,
            { version: 1, contacts: [sam], primaryId: 'sam', helplineCountries: [], userHelplines: [] },
            new Date(0),
          );
          const parsed = parseSettingsFile(JSON.stringify(file));
          expect(parsed.ok).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});
