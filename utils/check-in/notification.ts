import { browser, type Browser } from 'wxt/browser';
import type { EndedSession } from '../detection/session-tracker';
import type { Settings } from '../settings/settings';
import { siteDisplayName } from '../detection/site-names';
import { t } from '../shared/i18n';

/**
 * The "quiet notification" way of offering a check-in. `notifications` is an OPTIONAL permission,
 * asked from the user's click when they choose this way (components/detection/DetectionRules.tsx); without
 * it (never given, or taken back in the browser's settings) the check-in still waits in the popup
 * with a mark on the toolbar icon, exactly like the badge-only way.
 */
export const NOTIFICATIONS_PERMISSION: Browser.permissions.Permissions = { permissions: ['notifications'] };

const ID_PREFIX = 'aftercare-check-in:';

export const checkInNotificationId = (sessionId: string): string => `${ID_PREFIX}${sessionId}`;

/** The session a notification of ours is about; null for anything else. */
export function sessionIdFromNotification(notificationId: string): string | null {
  if (!notificationId.startsWith(ID_PREFIX)) return null;
  const sessionId = notificationId.slice(ID_PREFIX.length);
  return sessionId || null;
}

/**
 * Calm words, never urgent: a session that dropped says so. With neutral wording (a screen others
 * can see) the site's name is left out, as it is in the check-in window; a notification is shown
 * on top of everything, so this matters even more here.
 */
export function checkInNotificationText(
  session: EndedSession,
  settings: Settings,
): { title: string; message: string } {
  const neutral = settings.reflection.neutralWording;
  const site = siteDisplayName(session.siteId, settings.detection.customSites);
  const message = session.dropped
    ? neutral
      ? t('detectNotifyBodyDroppedNeutral')
      : t('detectNotifyBodyDropped', site)
    : neutral
      ? t('detectNotifyBodyNeutral')
      : t('detectNotifyBody', site);
  return { title: t('detectNotifyTitle'), message };
}

/** What is handed to `notifications.create`. */
export function checkInNotificationOptions(
  session: EndedSession,
  settings: Settings,
  { firefox }: { firefox: boolean },
) {
  return {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    ...checkInNotificationText(session, settings),
    // Firefox supports only type, title, message and iconUrl and throws on some other options
    // (MDN, NotificationOptions); its extension notifications make no sound anyway. Chrome: no
    // sound, no staying on screen until clicked, the lowest priority.
    ...(firefox ? {} : { silent: true, requireInteraction: false, priority: 0 }),
  };
}

/** Shows the notification; false when the browser would not (no permission, or it failed). */
export async function showCheckInNotification(session: EndedSession, settings: Settings): Promise<boolean> {
  const notifications = browser.notifications;
  if (!notifications) return false;
  try {
    await notifications.create(
      checkInNotificationId(session.id),
      checkInNotificationOptions(session, settings, { firefox: import.meta.env.FIREFOX === true }),
    );
    return true;
  } catch (error) {
    console.warn('Aftercare: the notification could not be shown; the check-in waits in the popup', error);
    return false;
  }
}

export async function clearCheckInNotification(sessionId: string): Promise<void> {
  await browser.notifications?.clear(checkInNotificationId(sessionId)).catch(() => false);
}
