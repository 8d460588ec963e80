import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  changePopupDetection,
  popupActive,
  popupDetectionChanged,
  popupContact,
  popupDetection,
  popupLater,
  popupSiteName,
  POPUP_INTENTION_MAX_LENGTH,
  POPUP_KEYS,
  POPUP_PRESET_NAMES,
  POPUP_SETTINGS_VERSION,
} from '@/utils/popup/popup-view';
import { checkInsItem, trackerStateItem, type CheckIn } from '@/utils/shared/storage-items';
import {
  getSettings,
  settingsItem,
  updateSettings,
  validateSettings,
  DEFAULT_SETTINGS,
} from '@/utils/settings/settings';
import { reachOutItem } from '@/utils/reach-out/reach-out-store';
import { INTENTION_MAX_LENGTH } from '@/utils/detection/session-tracker';
import { PRESET_SITES } from '@/utils/detection/sites';
import { siteDisplayName } from '@/utils/detection/site-names';
import { contactsInOrder, validateReachOut } from '@/utils/reach-out/contacts';

// Any stored settings value: junk, or settings with some fields good and some not.
const siteList = fc.oneof(fc.array(fc.string()), fc.array(fc.anything()), fc.anything());
const storedSettings = fc.oneof(
  fc.anything(),
  fc.record({
    detection: fc.oneof(
      fc.anything(),
      fc.record(
        {
          enabledSites: siteList,
          snoozedUntil: fc.oneof(fc.double(), fc.integer(), fc.constant(null), fc.anything()),
          customSites: fc.array(
            fc.record({
              id: fc.oneof(fc.constant('custom-my-call'), fc.string()),
              name: fc.oneof(fc.constant('My call'), fc.string()),
              origin: fc.constant('https://call.example.org'),
              pathPrefix: fc.constant('/'),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
);

// The popup reads copies of a few keys, rules and names so that it loads none of the code they come
// from (issue 8's size budget). These tests keep every copy equal to its source.
describe('the toolbar popup reads exactly what the rest of Aftercare stores', () => {
  it('uses the same storage keys and intention length', () => {
    expect(POPUP_KEYS).toEqual({
      tracker: trackerStateItem.key,
      checkIns: checkInsItem.key,
      settings: settingsItem.key,
      reachOut: reachOutItem.key,
    });
    expect(POPUP_INTENTION_MAX_LENGTH).toBe(INTENTION_MAX_LENGTH);
  });

  it('names every site as the rest of Aftercare does', () => {
    // The practice site's name is translated (`practiceSiteName`), so it is not in the copy.
    const presets = PRESET_SITES.filter((site) => site.id !== 'practice');
    expect(POPUP_PRESET_NAMES).toEqual(Object.fromEntries(presets.map((site) => [site.id, site.name])));
    const custom = [{ id: 'custom-my-call', name: 'My call' }];
    for (const id of [
      ...PRESET_SITES.map((site) => site.id),
      'practice',
      'custom-my-call',
      'gone',
      'constructor',
    ])
      expect(popupSiteName(id, custom)).toBe(siteDisplayName(id, custom as never));
  });

  it('reads the settings it shows by the same rules as the settings validator, for any stored value', () => {
    fc.assert(
      fc.property(storedSettings, (raw) => {
        const full = validateSettings(raw).detection;
        const popup = popupDetection(raw);
        expect(popup.enabledSites).toEqual(full.enabledSites);
        expect(popup.snoozedUntil).toBe(full.snoozedUntil);
        for (const site of full.customSites)
          expect(popupSiteName(site.id, popup.customSites)).toBe(siteDisplayName(site.id, full.customSites));
      }),
    );
    expect(popupDetection(undefined).enabledSites).toEqual(DEFAULT_SETTINGS.detection.enabledSites);
  });

  it('pausing or turning a site off from the popup saves exactly what updateSettings would', () => {
    const change = fc.oneof(
      fc.record({ snoozedUntil: fc.oneof(fc.integer({ min: 1 }), fc.constant(null)) }),
      fc.record({ enabledSites: fc.array(fc.string()) }),
    );
    fc.assert(
      fc.property(storedSettings, change, (raw, fields) => {
        const current = validateSettings(raw);
        const expected = validateSettings({ ...current, detection: { ...current.detection, ...fields } });
        expect(validateSettings(popupDetectionChanged(raw, fields))).toEqual(expected);
      }),
    );
    expect(settingsItem.entries(DEFAULT_SETTINGS)).toEqual({
      settings: DEFAULT_SETTINGS,
      settings$: { v: POPUP_SETTINGS_VERSION },
    });
  });

  it('keeps every other setting when pausing, and the settings page sees the pause', async () => {
    await updateSettings((s) => ({ ...s, detection: { ...s.detection, graceSeconds: 90 } }));
    await changePopupDetection({ snoozedUntil: 5_000 });
    const after = await getSettings();
    expect(after.detection.snoozedUntil).toBe(5_000);
    expect(after.detection.graceSeconds).toBe(90);
    await changePopupDetection({ snoozedUntil: null, enabledSites: [] });
    expect((await getSettings()).detection).toMatchObject({ snoozedUntil: null, enabledSites: [] });
  });
});

const sam = {
  id: 'sam',
  name: 'Sam',
  channel: 'whatsapp',
  address: '+44 7700 900123',
  message: 'Hey',
  timeZone: 'UTC',
  reachableFrom: '00:00',
  reachableUntil: '00:00',
};
const kim = { ...sam, id: 'kim', name: ' Kim ', channel: 'phone', address: '+1 555 010 2030' };

describe('the person the popup offers to message', () => {
  it('is the primary contact, or else the first one, as the Reach out page orders them', () => {
    for (const data of [
      { contacts: [sam, kim], primaryId: 'kim' },
      { contacts: [sam, kim], primaryId: 'sam' },
      { contacts: [sam, kim], primaryId: 'nobody' },
      { contacts: [kim, sam] },
    ]) {
      const first = contactsInOrder(validateReachOut(data))[0]!;
      expect(popupContact(data)).toEqual({ name: first.name, call: first.channel === 'phone' });
    }
  });

  it('says "Call" for a phone contact, and offers nobody when there is no one', () => {
    expect(popupContact({ contacts: [kim] })).toEqual({ name: 'Kim', call: true });
    expect(popupContact(undefined)).toBeNull();
    expect(popupContact({ contacts: [{ id: 'x', name: '   ' }, 7, null] })).toBeNull();
  });
});

const checkIn = (id: string, endedAt: number, status: CheckIn['status'], followUp?: CheckIn['followUp']) =>
  ({
    session: { id, siteId: 'practice', startedAt: endedAt - 60_000, endedAt },
    status,
    ...(followUp ? { followUp } : {}),
  }) as CheckIn;

describe('what the popup lists', () => {
  it('check-ins kept for later, newest first, and a follow-up that is due; never one taken or let go', () => {
    const later = popupLater({
      a: checkIn('a', 1000, 'missed'),
      b: checkIn('b', 3000, 'waiting'),
      c: checkIn('c', 2000, 'done', { dueAt: 1, status: 'due' }),
      d: checkIn('d', 4000, 'dismissed'),
      e: checkIn('e', 5000, 'done'),
      junk: null,
      odd: { status: 'missed' },
    });
    expect(later.map((c) => c.session.id)).toEqual(['b', 'c', 'a']);
    expect(popupLater('not a record')).toEqual([]);
  });

  it('the newest session going on now', () => {
    const session = (id: string, startedAt: number) => ({
      id,
      tabId: 1,
      siteId: 'zoom',
      startedAt,
      drops: 0,
    });
    expect(popupActive({ active: { 1: session('old', 1), 2: session('new', 2), 3: 'junk' } })?.id).toBe(
      'new',
    );
    expect(popupActive({ active: {} })).toBeNull();
    expect(popupActive(undefined)).toBeNull();
  });
});
