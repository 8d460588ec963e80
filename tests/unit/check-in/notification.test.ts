import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  checkInNotificationId,
  checkInNotificationOptions,
  checkInNotificationText,
  sessionIdFromNotification,
  showCheckInNotification,
} from '@/utils/check-in/notification';
import { createSessionWatcher, registerSessionWatcher } from '@/utils/detection/session-watcher';
import { checkInsItem } from '@/utils/shared/storage-items';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings/settings';
import type { EndedSession } from '@/utils/detection/session-tracker';

const CALL = 'http://127.0.0.1:4173/call/practice-room';
const LEFT = 'http://127.0.0.1:4173/left';

const settingsWith = (
  detection: Partial<Settings['detection']> = {},
  reflection: Partial<Settings['reflection']> = {},
): Settings => ({
  ...DEFAULT_SETTINGS,
  detection: { ...DEFAULT_SETTINGS.detection, ...detection },
  reflection: { ...DEFAULT_SETTINGS.reflection, ...reflection },
});

const session = (change: Partial<EndedSession> = {}): EndedSession => ({
  id: 'session-1',
  siteId: 'meet',
  startedAt: 0,
  endedAt: 600_000,
  reason: 'ended-page',
  dropped: false,
  ...change,
});

type FakeNotifications = typeof fakeBrowser.notifications & {
  getAllCreateOptions(): Record<string, Record<string, unknown>>;
};
const shown = () => (fakeBrowser.notifications as FakeNotifications).getAllCreateOptions();

describe('the words of a check-in notification', () => {
  it('has a calm title and names the site', () => {
    expect(checkInNotificationText(session(), settingsWith())).toEqual({
      title: 'A quiet moment for you',
      message: 'Your time on Google Meet has ended. A check-in is here whenever you are ready.',
    });
  });

  it('says so gently when the call dropped', () => {
    expect(checkInNotificationText(session({ dropped: true }), settingsWith()).message).toBe(
      'The call on Google Meet dropped and ended there. A check-in is here whenever you are ready.',
    );
  });

  it('leaves the site out with neutral wording, dropped or not', () => {
    const neutral = settingsWith({}, { neutralWording: true });
    expect(checkInNotificationText(session(), neutral).message).toBe(
      'A session has ended. A check-in is here whenever you are ready.',
    );
    expect(checkInNotificationText(session({ dropped: true }), neutral).message).toBe(
      'A call dropped and ended there. A check-in is here whenever you are ready.',
    );
  });

  it("uses a custom site's own name", () => {
    const settings = settingsWith({
      customSites: [
        {
          id: 'custom-calls-example-org',
          name: 'Our calls',
          origin: 'https://calls.example.org',
          pathPrefix: '',
        },
      ],
    });
    expect(
      checkInNotificationText(session({ siteId: 'custom-calls-example-org' }), settings).message,
    ).toContain('Our calls');
  });

  it('makes no sound and does not stay on screen in Chrome; Firefox gets only what it supports', () => {
    const chrome = checkInNotificationOptions(session(), settingsWith(), { firefox: false });
    expect(chrome).toMatchObject({ type: 'basic', silent: true, requireInteraction: false, priority: 0 });
    const firefox = checkInNotificationOptions(session(), settingsWith(), { firefox: true });
    expect(Object.keys(firefox).sort()).toEqual(['iconUrl', 'message', 'title', 'type']);
  });

  it('knows its own notifications by id, and no one else’s', () => {
    expect(sessionIdFromNotification(checkInNotificationId('abc'))).toBe('abc');
    expect(sessionIdFromNotification('aftercare-check-in:')).toBeNull();
    expect(sessionIdFromNotification('something-else')).toBeNull();
  });

  it('shows the notification through the browser, under the session’s id', async () => {
    expect(await showCheckInNotification(session(), settingsWith())).toBe(true);
    expect(shown()[checkInNotificationId('session-1')]).toMatchObject({ title: 'A quiet moment for you' });
  });

  it('says it could not when the browser refuses', async () => {
    vi.spyOn(fakeBrowser.notifications, 'create').mockRejectedValue(new Error('no permission'));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await showCheckInNotification(session(), settingsWith())).toBe(false);
  });
});

describe('offering a check-in by a quiet notification', () => {
  function setup(detection: Partial<Settings['detection']> = {}, notify?: () => Promise<boolean>) {
    let id = 0;
    const openCheckIn = vi.fn(async (_sessionId?: string) => undefined);
    const showWaiting = vi.fn(async (_count: number) => undefined);
    const settings = settingsWith({ askMode: 'notification', ...detection });
    const watcher = registerSessionWatcher(
      createSessionWatcher({
        now: () => 1_000,
        newId: () => `session-${++id}`,
        openCheckIn,
        getSettings: async () => settings,
        hasAccess: async () => true,
        showWaiting,
        ...(notify ? { notify } : {}),
      }),
    );
    return { watcher, openCheckIn, showWaiting };
  }

  async function callThatEnds(watcher: { idle: () => Promise<void> }) {
    const tab = await fakeBrowser.tabs.create({ url: 'about:blank' });
    await fakeBrowser.tabs.update(tab.id!, { url: CALL });
    await fakeBrowser.tabs.update(tab.id!, { url: LEFT });
    await watcher.idle();
  }

  it('shows one notification, opens no window, and keeps the check-in waiting in the popup', async () => {
    const { watcher, openCheckIn, showWaiting } = setup();
    await callThatEnds(watcher);
    expect(openCheckIn).not.toHaveBeenCalled();
    expect(Object.keys(shown())).toEqual([checkInNotificationId('session-1')]);
    expect(shown()[checkInNotificationId('session-1')]?.message).toContain('Practice call');
    expect(showWaiting).toHaveBeenLastCalledWith(1);
    expect(await checkInsItem.getValue()).toMatchObject({ 'session-1': { status: 'waiting' } });
  });

  it('clicking the notification opens the check-in window for that session, and clears it', async () => {
    const { watcher, openCheckIn, showWaiting } = setup();
    await callThatEnds(watcher);
    await fakeBrowser.notifications.onClicked.trigger(checkInNotificationId('session-1'));
    await watcher.idle();
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false);
    expect(await checkInsItem.getValue()).toMatchObject({ 'session-1': { status: 'pending' } });
    expect(showWaiting).toHaveBeenLastCalledWith(0);
    expect(shown()).toEqual({});
  });

  it('ignores clicks on notifications that are not a check-in of ours', async () => {
    const { watcher, openCheckIn } = setup();
    await callThatEnds(watcher);
    await fakeBrowser.notifications.onClicked.trigger('someone-else');
    await fakeBrowser.notifications.onClicked.trigger(checkInNotificationId('no-such-session'));
    await watcher.idle();
    expect(openCheckIn).not.toHaveBeenCalled();
  });

  it('taking the check-in from the popup, or letting it go, clears the notification too', async () => {
    const { watcher } = setup({ cooldownMinutes: 0 });
    await callThatEnds(watcher);
    await callThatEnds(watcher);
    expect(Object.keys(shown())).toHaveLength(2);
    await watcher.takeCheckIn('session-1');
    await watcher.dismissCheckIn('session-2');
    expect(shown()).toEqual({});
  });

  it('without permission for notifications the check-in still waits, marked on the icon', async () => {
    const { watcher, openCheckIn, showWaiting } = setup({}, async () => false);
    await callThatEnds(watcher);
    expect(openCheckIn).not.toHaveBeenCalled();
    expect(showWaiting).toHaveBeenLastCalledWith(1);
    expect(await checkInsItem.getValue()).toMatchObject({ 'session-1': { status: 'waiting' } });
  });

  it('"I just finished a session" still opens the window straight away', async () => {
    const { watcher, openCheckIn } = setup();
    const tab = await fakeBrowser.tabs.create({ url: 'about:blank' });
    await fakeBrowser.tabs.update(tab.id!, { url: CALL });
    await watcher.finishedByUser();
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false);
    expect(shown()).toEqual({});
  });

  it('shows nothing in the other ways of asking', async () => {
    for (const askMode of ['window', 'badge'] as const) {
      fakeBrowser.reset();
      const { watcher } = setup({ askMode });
      await callThatEnds(watcher);
      expect(shown(), askMode).toEqual({});
    }
  });

  it('a worker that started before notifications were allowed listens for clicks once they are', async () => {
    const notifications = fakeBrowser.notifications;
    const fake = fakeBrowser as unknown as { notifications?: unknown };
    fake.notifications = undefined; // optional permission not granted yet: no API at all
    const { watcher, openCheckIn } = setup();
    fake.notifications = notifications;
    expect(notifications.onClicked.hasListeners()).toBe(false);
    await (fakeBrowser.permissions.onAdded as unknown as { trigger: (p: unknown) => Promise<void> }).trigger({
      permissions: ['notifications'],
    });
    expect(notifications.onClicked.hasListeners()).toBe(true);
    await callThatEnds(watcher);
    await notifications.onClicked.trigger(checkInNotificationId('session-1'));
    await watcher.idle();
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false);
  });
});
