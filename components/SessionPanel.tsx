import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';
import { checkInsItem, trackerStateItem, type CheckIn } from '@/utils/storage-items';
import { normalizeTrackerState, INTENTION_MAX_LENGTH, type ActiveSession } from '@/utils/session-tracker';
import { getSettings, updateSettings, type Settings } from '@/utils/settings';
import { snoozeUntil, type SnoozeChoice } from '@/utils/detection-rules';
import { siteDisplayName } from '@/utils/site-names';
import './detection.css';

const formatTime = (at: number): string =>
  new Date(at).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** Check-ins waiting to be taken: missed, offered quietly, or a follow-up that is due. Newest first. */
export function laterCheckIns(all: Record<string, CheckIn>): CheckIn[] {
  return Object.values(all)
    .filter(
      (checkIn) =>
        checkIn.status === 'missed' || checkIn.status === 'waiting' || checkIn.followUp?.status === 'due',
    )
    .sort((a, b) => b.session.endedAt - a.session.endedAt);
}

/**
 * The session part of the toolbar popup: the current session (with its optional intention), "I just
 * finished a session", check-ins kept for later, and pausing. Everything that changes sessions goes
 * through the background, which handles events one at a time.
 */
export function SessionPanel() {
  const [active, setActive] = useState<ActiveSession | null>(null);
  const [later, setLater] = useState<CheckIn[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [intention, setIntention] = useState('');
  const [intentionSaved, setIntentionSaved] = useState(false);

  async function load() {
    const state = normalizeTrackerState(await trackerStateItem.getValue());
    const sessions = Object.values(state.active).sort((a, b) => b.startedAt - a.startedAt);
    const current = sessions[0] ?? null;
    setActive(current);
    setIntention(current?.intention ?? '');
    setLater(laterCheckIns(await checkInsItem.getValue()));
    setSettings(await getSettings());
  }

  useEffect(() => {
    void load();
  }, []);

  const custom = settings?.detection.customSites ?? [];
  const now = Date.now();
  const snoozedUntil = settings?.detection.snoozedUntil ?? null;
  const paused = snoozedUntil !== null && snoozedUntil > now;

  async function finished() {
    await sendToBackground({ type: 'page:finished-session' });
    window.close();
  }

  async function keepIntention(event: Event) {
    event.preventDefault();
    if (!active) return;
    await sendToBackground({ type: 'page:set-intention', sessionId: active.id, text: intention });
    setIntentionSaved(true);
  }

  async function take(sessionId: string) {
    await sendToBackground({ type: 'page:take-check-in', sessionId });
    window.close();
  }

  async function letGo(sessionId: string) {
    await sendToBackground({ type: 'page:dismiss-check-in', sessionId });
    await load();
  }

  async function pause(choice: SnoozeChoice | null) {
    const until = choice ? snoozeUntil(choice, Date.now()) : null;
    setSettings(
      await updateSettings((current) => ({
        ...current,
        detection: { ...current.detection, snoozedUntil: until },
      })),
    );
  }

  async function siteOff(siteId: string) {
    setSettings(
      await updateSettings((current) => ({
        ...current,
        detection: {
          ...current.detection,
          enabledSites: current.detection.enabledSites.filter((id) => id !== siteId),
        },
      })),
    );
  }

  const activeName = active ? siteDisplayName(active.siteId, custom) : '';
  const siteStillOn = active && settings?.detection.enabledSites.includes(active.siteId);

  return (
    <div class="session-panel">
      {active && (
        <section id="current-session">
          <p>{t('detectInSession', activeName)}</p>
          <form onSubmit={keepIntention} class="field">
            <label for="intention">{t('detectIntentionLabel')}</label>
            <input
              id="intention"
              type="text"
              maxLength={INTENTION_MAX_LENGTH}
              value={intention}
              onInput={(event) => {
                setIntention(event.currentTarget.value);
                setIntentionSaved(false);
              }}
            />
            <p class="muted">{t('detectIntentionHint')}</p>
            <div class="actions">
              <button type="submit" id="keep-intention">
                {t('detectIntentionSave')}
              </button>
            </div>
            {intentionSaved && (
              <p class="status" role="status">
                {t('detectIntentionSaved')}
              </p>
            )}
          </form>
        </section>
      )}
      <section>
        <div class="actions">
          <button type="button" id="finished-session" onClick={finished}>
            {t('detectFinishedButton')}
          </button>
        </div>
      </section>
      {later.length > 0 && (
        <section id="later-check-ins">
          <h2>{t('detectLaterHeading')}</h2>
          <ul class="plain later-list">
            {later.map((checkIn) => {
              const name = siteDisplayName(checkIn.session.siteId, custom);
              return (
                <li key={checkIn.session.id} data-session-id={checkIn.session.id}>
                  <span>
                    {checkIn.followUp?.status === 'due'
                      ? t('detectLaterFollowUp', name)
                      : t('detectLaterItem', [name, formatTime(checkIn.session.endedAt)])}
                  </span>
                  <div class="actions">
                    <button type="button" class="take" onClick={() => take(checkIn.session.id)}>
                      {t('detectLaterTake')}
                    </button>
                    <button type="button" class="let-go" onClick={() => letGo(checkIn.session.id)}>
                      {t('detectLaterLetGo')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section id="pause">
        <h2>{t('detectPauseHeading')}</h2>
        {paused ? (
          <>
            <p role="status">{t('detectPausedUntil', formatTime(snoozedUntil))}</p>
            <div class="actions">
              <button type="button" id="resume" onClick={() => pause(null)}>
                {t('detectResume')}
              </button>
            </div>
          </>
        ) : (
          <div class="actions">
            <button type="button" id="pause-hour" onClick={() => pause('hour')}>
              {t('detectPauseHour')}
            </button>
            <button type="button" id="pause-tomorrow" onClick={() => pause('tomorrow')}>
              {t('detectPauseTomorrow')}
            </button>
            {active && siteStillOn && (
              <button type="button" id="site-off" onClick={() => siteOff(active.siteId)}>
                {t('detectSiteOff', activeName)}
              </button>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
