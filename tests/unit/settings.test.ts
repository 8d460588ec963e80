import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  getSettings,
  settingsItem,
  updateSettings,
  validateSettings,
} from '@/utils/settings';

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
