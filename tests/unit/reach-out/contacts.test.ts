import { describe, expect, it } from 'vitest';
import {
  EMPTY_REACH_OUT,
  contactClock,
  helplinesFor,
  needsConfirmation,
  nextReachableContact,
  validateReachOut,
  type Contact,
} from '@/utils/reach-out/contacts';
import { BUNDLED_HELPLINES, HELPLINES_VERSION } from '@/utils/reach-out/helplines-data';
import { getReachOut, reachOutItem, updateReachOut } from '@/utils/reach-out/reach-out-store';
import { buildContactLink } from '@/utils/reach-out/contact-links';

const sam: Contact = {
  id: 'sam',
  name: 'Sam',
  channel: 'whatsapp',
  address: '+44 7700 900123',
  message: 'Hey, rough call - could you check in on me?',
  timeZone: 'Europe/London',
  reachableFrom: '08:00',
  reachableUntil: '23:00',
};
const alex: Contact = { ...sam, id: 'alex', name: 'Alex', timeZone: 'America/Los_Angeles' };

describe('the time for a contact', () => {
  // 03:10 in London on a winter night is 19:10 the evening before in Los Angeles.
  const night = new Date('2026-01-15T03:10:00Z');

  it("knows it's 03:10 for Sam in London, outside Sam's hours", () => {
    expect(contactClock(sam, night)).toEqual({ time: '03:10', reachable: false });
  });

  it('follows summer time', () => {
    expect(contactClock(sam, new Date('2026-07-15T02:30:00Z')).time).toBe('03:30');
  });

  it('hours may wrap past midnight, and equal ends mean any time', () => {
    const owl = { ...sam, reachableFrom: '20:00', reachableUntil: '04:00' };
    expect(contactClock(owl, night).reachable).toBe(true);
    expect(contactClock({ ...sam, reachableFrom: '00:00', reachableUntil: '00:00' }, night).reachable).toBe(
      true,
    );
  });

  it('offers the next person who is awake', () => {
    const data = validateReachOut({ ...EMPTY_REACH_OUT, contacts: [sam, alex], primaryId: 'sam' });
    expect(nextReachableContact(data, data.contacts[0]!, night)?.name).toBe('Alex');
    const bothAsleep = validateReachOut({ contacts: [sam, { ...alex, timeZone: 'Europe/Paris' }] });
    expect(nextReachableContact(bothAsleep, bothAsleep.contacts[0]!, night)).toBeUndefined();
  });
});

describe('stored contacts are validated on read', () => {
  it('keeps good contacts and drops broken or dangerous ones', () => {
    const data = validateReachOut({
      contacts: [
        sam,
        { ...sam, id: 'evil', channel: 'custom', address: 'javascript:alert(1)' },
        { ...sam, id: 'evil2', channel: 'custom', address: 'https://wa.me@evil.example' },
        { ...sam, id: 'nameless', name: '' },
        { ...sam, id: 'weird-channel', channel: 'fax' },
        { ...sam }, // duplicate id
        'not even an object',
      ],
      primaryId: 'evil',
      helplineCountries: ['GB', 'GB', 'XX', 42],
      __proto__: { polluted: true },
    });
    expect(data.contacts.map((c) => c.id)).toEqual(['sam']);
    expect(data.primaryId).toBe('sam');
    expect(data.helplineCountries).toEqual(['GB']);
    expect(Object.keys(data)).toEqual([
      'version',
      'contacts',
      'primaryId',
      'helplineCountries',
      'userHelplines',
    ]);
  });

  it('repairs a bad time zone or hours instead of dropping the person', () => {
    const [fixed] = validateReachOut({
      contacts: [{ ...sam, timeZone: 'Mars/Olympus', reachableFrom: '25:00' }],
    }).contacts;
    expect(fixed).toMatchObject({ timeZone: 'UTC', reachableFrom: '09:00', name: 'Sam' });
  });

  it('anything at all reads as valid, empty data', () => {
    for (const junk of [undefined, null, 5, 'x', [], { contacts: 'no' }])
      expect(validateReachOut(junk)).toEqual(EMPTY_REACH_OUT);
  });

  it('round-trips through storage.local, and a bad write changes nothing it should not', async () => {
    await updateReachOut((d) => ({ ...d, contacts: [sam, alex], primaryId: 'alex' }));
    expect((await getReachOut()).primaryId).toBe('alex');
    await reachOutItem.setValue({
      version: 1,
      contacts: [{ ...sam, address: 'data:text/html,hi', channel: 'custom' }],
    } as never);
    expect((await getReachOut()).contacts).toEqual([]);
  });
});

describe('custom links', () => {
  it('ask for a yes the first time, and again when the link changes', () => {
    const own: Contact = { ...sam, channel: 'custom', address: 'https://chat.example.org/sam' };
    const link = buildContactLink({ channel: 'custom', address: own.address });
    if (!link.ok) throw new Error('expected a link');
    expect(needsConfirmation(own, link.url)).toBe(true);
    expect(needsConfirmation({ ...own, confirmedUrl: link.url }, link.url)).toBe(false);
    expect(needsConfirmation({ ...own, confirmedUrl: 'https://chat.example.org/old' }, link.url)).toBe(true);
    expect(needsConfirmation(sam, 'https://wa.me/447700900123')).toBe(false);
  });
});

describe('the bundled helplines', () => {
  it('every entry has a country, a dialable number, a source and the date it was checked', () => {
    expect(HELPLINES_VERSION).toBeGreaterThanOrEqual(1);
    for (const line of BUNDLED_HELPLINES) {
      expect(line.country).toMatch(/^[A-Z]{2}$/);
      expect(buildContactLink({ channel: 'phone', address: line.phone }).ok, line.id).toBe(true);
      if (line.sms) expect(buildContactLink({ channel: 'sms', address: line.sms }).ok).toBe(true);
      expect(line.source).toMatch(/^https:\/\//);
      expect(line.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(BUNDLED_HELPLINES.find((l) => l.country === 'US')?.phone).toBe('988');
    expect(BUNDLED_HELPLINES.find((l) => l.country === 'GB')?.phone).toBe('116 123');
  });

  it('shows only the countries picked by hand, plus every line the user added', () => {
    const data = validateReachOut({
      helplineCountries: ['IE'],
      userHelplines: [
        { id: 'u1', country: 'FR', name: 'SOS Amitié', contact: '09 72 39 40 50', hours: '24/7' },
      ],
    });
    expect(helplinesFor(data, BUNDLED_HELPLINES).map((l) => l.name)).toEqual([
      'Samaritans Ireland',
      'SOS Amitié',
    ]);
    expect(helplinesFor(validateReachOut({}), BUNDLED_HELPLINES)).toEqual([]);
  });

  it('refuses a user helpline whose link is not allowed', () => {
    const data = validateReachOut({
      userHelplines: [{ id: 'u1', country: 'FR', name: 'x', contact: 'javascript:alert(1)', hours: '' }],
    });
    expect(data.userHelplines).toEqual([]);
  });
});
