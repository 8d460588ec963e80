import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, validateCustomSite, validateSettings } from '@/utils/settings/settings';
import { customSiteDefinition, customSiteId, parseSiteAddress } from '@/utils/detection/sites';

const defaults = DEFAULT_SETTINGS.detection;
const detectionOf = (detection: unknown) => validateSettings({ detection }).detection;

const jitsi = {
  id: 'custom-calls-example-org',
  name: 'Our calls',
  origin: 'https://calls.example.org',
  pathPrefix: '',
};

describe('validating the session-detection settings, field by field', () => {
  it('keeps every field that is right', () => {
    const good = {
      enabledSites: ['meet', 'custom-calls-example-org'],
      customSites: [{ ...jitsi, like: 'jitsi', minSessionSeconds: 300 }],
      askMode: 'notification',
      graceSeconds: 600,
      cooldownMinutes: 0,
      minSessionMinutes: 240,
      quietHours: { enabled: true, startMinute: 1439, endMinute: 0 },
      snoozedUntil: 1_800_000_000_000,
      followUp: 'next-morning',
    };
    expect(detectionOf(good)).toEqual(good);
  });

  it('accepts each way of asking, and nothing else', () => {
    for (const askMode of ['window', 'notification', 'badge'])
      expect(detectionOf({ askMode }).askMode).toBe(askMode);
    for (const askMode of ['popup', '', 1, null, ['window'], 'Window'])
      expect(detectionOf({ askMode }).askMode, String(askMode)).toBe(defaults.askMode);
  });

  it.each([
    ['graceSeconds', [0, 601, 1.5, -1, '60', NaN, Infinity, null, true]],
    ['cooldownMinutes', [-1, 1441, 2.5, '30', NaN, null]],
  ] as const)('falls back to the default %s for a wrong type or a number out of range', (field, values) => {
    for (const value of values)
      expect(detectionOf({ [field]: value })[field], String(value)).toBe(defaults[field]);
  });

  it('keeps the grace period and cooldown at their bounds', () => {
    expect(detectionOf({ graceSeconds: 1, cooldownMinutes: 1440 })).toMatchObject({
      graceSeconds: 1,
      cooldownMinutes: 1440,
    });
  });

  it("lets the minimum length be empty (each site's own), or a whole number of minutes up to 240", () => {
    expect(detectionOf({ minSessionMinutes: null }).minSessionMinutes).toBeNull();
    expect(detectionOf({ minSessionMinutes: 0 }).minSessionMinutes).toBe(0);
    for (const value of [241, -1, 2.5, '5', NaN, undefined, {}])
      expect(detectionOf({ minSessionMinutes: value }).minSessionMinutes, String(value)).toBe(
        defaults.minSessionMinutes,
      );
  });

  it('checks quiet hours part by part', () => {
    expect(detectionOf({ quietHours: 'at night' }).quietHours).toEqual(defaults.quietHours);
    expect(detectionOf({ quietHours: null }).quietHours).toEqual(defaults.quietHours);
    expect(
      detectionOf({ quietHours: { enabled: 'yes', startMinute: 1440, endMinute: -1 } }).quietHours,
    ).toEqual(defaults.quietHours);
    expect(
      detectionOf({ quietHours: { enabled: true, startMinute: 60.5, endMinute: 120 } }).quietHours,
    ).toEqual({
      enabled: true,
      startMinute: defaults.quietHours.startMinute,
      endMinute: 120,
    });
  });

  it('keeps a snooze only as a real time in the future of 1970', () => {
    expect(detectionOf({ snoozedUntil: 5 }).snoozedUntil).toBe(5);
    for (const value of [0, -5, NaN, Infinity, '1800000000000', true, {}])
      expect(detectionOf({ snoozedUntil: value }).snoozedUntil, String(value)).toBeNull();
  });

  it('accepts the follow-up choices only', () => {
    expect(detectionOf({ followUp: 'in-3-hours' }).followUp).toBe('in-3-hours');
    expect(detectionOf({ followUp: 'in-5-minutes' }).followUp).toBe('off');
  });

  it('keeps only the strings of the enabled sites list, or the default when it is not a list', () => {
    expect(detectionOf({ enabledSites: 'meet' }).enabledSites).toEqual(defaults.enabledSites);
    expect(detectionOf({ enabledSites: ['meet', 3] }).enabledSites).toEqual(defaults.enabledSites);
    expect(detectionOf({ enabledSites: [] }).enabledSites).toEqual([]);
  });
});

describe('validating custom sites', () => {
  it('keeps a good one, trimming its name', () => {
    expect(validateCustomSite({ ...jitsi, name: '  Our calls  ' })).toEqual(jitsi);
  });

  it.each([
    ['no id', { ...jitsi, id: undefined }],
    ['an id that is not ours', { ...jitsi, id: 'meet' }],
    ['an id of __proto__', { ...jitsi, id: '__proto__' }],
    ['an empty name', { ...jitsi, name: '   ' }],
    ['a name too long', { ...jitsi, name: 'x'.repeat(81) }],
    ['every site', { ...jitsi, origin: 'https://*' }],
    ['a whole top-level domain', { ...jitsi, origin: 'https://*.com' }],
    ['a file address', { ...jitsi, origin: 'file://' }],
    ['an origin the user could not have typed', { ...jitsi, origin: 'https://Calls.Example.org' }],
    ['a path with a trailing slash', { ...jitsi, pathPrefix: '/room/' }],
    ['a path that is not a path', { ...jitsi, pathPrefix: 'room' }],
    ['not an object', 'https://calls.example.org'],
  ])('drops one with %s', (_name, site) => {
    expect(validateCustomSite(site)).toBeNull();
  });

  it('drops an unknown "works like" and an out-of-range minimum, keeping the site', () => {
    expect(validateCustomSite({ ...jitsi, like: 'skype', minSessionSeconds: 24 * 3600 + 1 })).toEqual(jitsi);
    expect(validateCustomSite({ ...jitsi, like: '__proto__', minSessionSeconds: -1 })).toEqual(jitsi);
  });

  it('ignores a __proto__ key from stored JSON, and pollutes nothing', () => {
    const stored = JSON.parse(
      `{"detection":{"customSites":[{"__proto__":{"id":"custom-evil","name":"x","origin":"https://*","pathPrefix":""}},${JSON.stringify(jitsi)}],"__proto__":{"askMode":"badge"}}}`,
    );
    const detection = validateSettings(stored).detection;
    expect(detection.customSites).toEqual([jitsi]);
    expect(detection.askMode).toBe(defaults.askMode);
    expect(({} as Record<string, unknown>).id).toBeUndefined();
    expect(({} as Record<string, unknown>).askMode).toBeUndefined();
  });

  it('keeps the first of two sites with one id, and at most fifty', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      ...jitsi,
      id: `custom-site-${i}`,
      origin: `https://site${i}.example.org`,
    }));
    expect(detectionOf({ customSites: [jitsi, { ...jitsi, name: 'Again' }] }).customSites).toEqual([jitsi]);
    expect(detectionOf({ customSites: many }).customSites).toHaveLength(50);
    expect(detectionOf({ customSites: 'calls.example.org' }).customSites).toEqual([]);
  });
});

describe('reading the address a user types for a site of their own', () => {
  it.each([
    ['meet.example.org', 'https://meet.example.org', ''],
    ['  Meet.Example.ORG  ', 'https://meet.example.org', ''],
    ['http://calls.example.org', 'http://calls.example.org', ''],
    ['https://*.example.org', 'https://*.example.org', ''],
    ['example.org/calls', 'https://example.org', '/calls'],
    ['https://example.org/calls/room/?x=1#top', 'https://example.org', '/calls/room'],
    ['example.org:8443/a%20b', 'https://example.org', '/a b'],
    ['https://example.org/', 'https://example.org', ''],
    ['localhost/call', 'https://localhost', '/call'],
    ['127.0.0.1/call', 'https://127.0.0.1', '/call'],
    ['*.example.co.uk', 'https://*.example.co.uk', ''],
  ])('reads %j as a site', (input, origin, pathPrefix) => {
    const parsed = parseSiteAddress(input);
    expect(parsed).toEqual({ ok: true, origin, pathPrefix });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['*', 'too-broad'],
    ['https://*', 'too-broad'],
    ['*.com', 'too-broad'],
    ['*.co.uk', 'too-broad'],
    ['https://*.com.au/calls', 'too-broad'],
    ['*.0.0.1', 'too-broad'],
    ['*.*.example.org', 'too-broad'],
    ['meet.*.example.org', 'too-broad'],
    ['ftp://files.example.org', 'not-web'],
    ['file:///home/me', 'not-web'],
    ['chrome://settings', 'not-web'],
    ['javascript:alert(1)', 'not-a-site'],
    ['example', 'not-a-site'],
    ['exa mple.org', 'not-a-site'],
    ['-bad.example.org', 'not-a-site'],
    ['user:secret@example.org', 'not-a-site'],
    ['[::1]', 'not-a-site'],
    ['example.org/%E0%A4%A', 'not-a-site'],
  ])('refuses %j kindly (%s)', (input, error) => {
    expect(parseSiteAddress(input)).toEqual({ ok: false, error });
  });

  it('narrows a site to its path, and everything under it, and nothing beside it', () => {
    const parsed = parseSiteAddress('example.org/calls');
    if (!parsed.ok) throw new Error('expected a site');
    const site = customSiteDefinition({
      id: customSiteId(parsed.origin, parsed.pathPrefix),
      name: 'Calls',
      ...parsed,
    });
    const re = new RegExp(site.sessionPath);
    expect(['/calls', '/calls/', '/calls/room-1'].every((path) => re.test(path))).toBe(true);
    expect(['/', '/callsign', '/other/calls'].some((path) => re.test(path))).toBe(false);
    expect(site.id).toBe('custom-example-org-calls');
  });

  it('gives every parsed address back unchanged when validated again', () => {
    for (const input of ['meet.example.org', 'https://*.example.org/room', 'http://localhost/call']) {
      const parsed = parseSiteAddress(input);
      if (!parsed.ok) throw new Error(input);
      const { origin, pathPrefix } = parsed;
      const site = { id: customSiteId(origin, pathPrefix), name: input, origin, pathPrefix };
      expect(validateCustomSite(site), input).toEqual(site);
    }
  });
});
