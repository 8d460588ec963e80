import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readReflectionSettings } from '@/utils/settings/reflection-settings';
import {
  DEFAULT_SETTINGS,
  getSettings,
  settingsItem,
  updateSettings,
  validateSettings,
} from '@/utils/settings/settings';

describe('settings', () => {
  it('start from kind defaults', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('replace anything malformed with its default, field by field', () => {
    const settings = validateSettings({
      detection: { enabledSites: 'meet' },
      reflection: {
        questions: ['What do I need now?'],
        siteQuestions: { practice: ['What felt good?'], 'bad id!': ['x'], meet: 'not a list', empty: [] },
        neutralWording: 'yes',
      },
      __proto__: { polluted: true },
      extra: 1,
    });
    expect(settings).toEqual({
      version: 1,
      detection: DEFAULT_SETTINGS.detection,
      reflection: {
        questions: ['What do I need now?'],
        siteQuestions: { practice: ['What felt good?'] },
        neutralWording: false,
      },
      lock: DEFAULT_SETTINGS.lock,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('are validated when read, whatever was stored', async () => {
    await settingsItem.setValue({ version: 1, detection: null } as never);
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('save a change through the same validation', async () => {
    await updateSettings((current) => ({
      ...current,
      detection: { ...current.detection, enabledSites: ['practice', 'meet'] },
    }));
    expect((await getSettings()).detection.enabledSites).toEqual(['practice', 'meet']);
  });

  it('keep only an offered idle time for the journal lock', () => {
    expect(validateSettings({ lock: { idleMinutes: 30 } }).lock).toEqual({ idleMinutes: 30 });
    expect(validateSettings({ lock: { idleMinutes: 0 } }).lock).toEqual({ idleMinutes: 0 });
    expect(validateSettings({ lock: { idleMinutes: 7 } }).lock).toEqual({ idleMinutes: 15 });
    expect(validateSettings({ lock: { idleMinutes: '5' } }).lock).toEqual({ idleMinutes: 15 });
    expect(validateSettings({ lock: null }).lock).toEqual({ idleMinutes: 15 });
  });
});

describe("the check-in window's own reader of the reflection settings", () => {
  const question = fc.oneof(fc.string(), fc.integer(), fc.constant(null));
  const stored = fc.oneof(
    fc.anything(),
    fc.record(
      {
        version: fc.constant(1),
        detection: fc.anything(),
        reflection: fc.oneof(
          fc.anything(),
          fc.record(
            {
              questions: fc.oneof(fc.array(fc.string()), fc.array(question)),
              siteQuestions: fc.oneof(
                fc.dictionary(
                  fc.oneof(fc.string(), fc.constantFrom('meet', 'custom-a', '__proto__')),
                  fc.array(question),
                ),
                fc.anything(),
              ),
              neutralWording: fc.oneof(fc.boolean(), fc.anything()),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    ),
  );

  it('reads exactly what getSettings() gives, whatever is stored', async () => {
    await fc.assert(
      fc.asyncProperty(stored, async (value) => {
        fakeBrowser.reset();
        if (value !== undefined) await fakeBrowser.storage.local.set({ settings: value });
        expect(await readReflectionSettings()).toEqual((await getSettings()).reflection);
      }),
      { numRuns: 200 },
    );
  });
});
