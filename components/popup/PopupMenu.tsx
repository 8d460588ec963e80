import { Component, createRef } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '@/utils/shared/i18n';
import { sendToBackground, type PageToBackgroundMessage } from '@/utils/shared/messages';
import { snoozeUntil, type SnoozeChoice } from '@/utils/detection/snooze';
import {
  changePopupDetection,
  loadPopupView,
  popupSiteName,
  POPUP_INTENTION_MAX_LENGTH,
  type PopupView,
} from '@/utils/popup/popup-view';
import '../detection/detection.css';

const formatTime = (at: number): string =>
  new Date(at).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** Session changes go through the background, which handles events one at a time. */
async function tell(message: PageToBackgroundMessage, close = true) {
  await sendToBackground(message);
  if (close) window.close();
}

interface PopupState {
  view: PopupView | null;
  /** What is typed in the intention field, once the user has typed. */
  intention: string | null;
  intentionSaved: boolean;
}

/**
 * The toolbar popup: the one thing most likely wanted first and focused (Enter does it), the
 * current session, check-ins kept for later, the first person to reach out to, pausing, and the
 * way to the journal and settings. It loads no contact or site-rule code: the "Reach out" page
 * builds the link (see utils/popup/popup-view.ts).
 *
 * A class, not hooks: the popup is the page opened most often, and Preact's hooks would add about
 * 1.1 kB to its 6.8 kB of gzipped script (its budget is 10 kB, `npm run bench`).
 */
export class PopupMenu extends Component<object, PopupState> {
  override state: PopupState = { view: null, intention: null, intentionSaved: false };
  private first = createRef<HTMLButtonElement>();
  private load = () => void loadPopupView().then((view) => this.setState({ view }));

  // Shown and focused at once (nothing below it jumps when the view arrives), then made specific.
  override componentDidMount() {
    this.first.current?.focus();
    this.load();
  }

  render() {
    const { view, intention, intentionSaved } = this.state;
    const next = view?.first ?? { kind: 'check-in-now' };
    const active = view?.active;
    const name = (siteId: string) => popupSiteName(siteId, view?.detection.customSites ?? []);
    const snoozed = view?.detection.snoozedUntil ?? 0;
    const paused = snoozed > Date.now();
    const contact = view?.contact;
    const load = this.load;

    const pause = async (choice: SnoozeChoice | null) => {
      await changePopupDetection({ snoozedUntil: choice && snoozeUntil(choice, Date.now()) });
      load();
    };

    const siteOff = async (siteId: string) => {
      // Read again: the list may have changed since the popup opened.
      const { enabledSites } = (await loadPopupView()).detection;
      await changePopupDetection({ enabledSites: enabledSites.filter((id) => id !== siteId) });
      load();
    };

    return (
      <main class="popup">
        <h1>{t('extName')}</h1>
        <p class="muted">{t('popupIntro')}</p>
        <div class="actions popup-first">
          <button
            type="button"
            class="primary"
            id="popup-first"
            data-kind={next.kind}
            ref={this.first}
            onClick={() =>
              tell(
                next.kind === 'take-check-in'
                  ? { type: 'page:take-check-in', sessionId: next.checkIn.session.id }
                  : { type: 'page:open-check-in' },
              )
            }
          >
            {next.kind === 'take-check-in'
              ? t(
                  next.checkIn.unfinished ? 'setupPopupContinue' : 'setupPopupTake',
                  name(next.checkIn.session.siteId),
                )
              : t('checkInNow')}
          </button>
        </div>
        <div class="session-panel">
          {active && (
            <section id="current-session">
              <p>{t('detectInSession', name(active.siteId))}</p>
              <form
                class="field"
                onSubmit={(event) => {
                  event.preventDefault();
                  const text = intention ?? active.intention ?? '';
                  void tell({ type: 'page:set-intention', sessionId: active.id, text }, false).then(() =>
                    this.setState({ intentionSaved: true }),
                  );
                }}
              >
                <label for="intention">{t('detectIntentionLabel')}</label>
                <input
                  id="intention"
                  type="text"
                  maxLength={POPUP_INTENTION_MAX_LENGTH}
                  value={intention ?? active.intention ?? ''}
                  onInput={(event) =>
                    this.setState({ intention: event.currentTarget.value, intentionSaved: false })
                  }
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
              <button
                type="button"
                id="finished-session"
                onClick={() => tell({ type: 'page:finished-session' })}
              >
                {t('detectFinishedButton')}
              </button>
            </div>
          </section>
          {!!view?.later.length && (
            <section id="later-check-ins">
              <h2>{t('detectLaterHeading')}</h2>
              <ul class="plain later-list">
                {view.later.map(({ session, followUp, unfinished }) => (
                  <li key={session.id} data-session-id={session.id}>
                    <span>
                      {followUp?.status === 'due'
                        ? t('detectLaterFollowUp', name(session.siteId))
                        : t(unfinished ? 'detectLaterUnfinished' : 'detectLaterItem', [
                            name(session.siteId),
                            formatTime(session.endedAt),
                          ])}
                    </span>
                    <div class="actions">
                      <button
                        type="button"
                        class="take"
                        onClick={() => tell({ type: 'page:take-check-in', sessionId: session.id })}
                      >
                        {t(unfinished ? 'detectLaterContinue' : 'detectLaterTake')}
                      </button>
                      <button
                        type="button"
                        class="let-go"
                        onClick={() =>
                          void tell({ type: 'page:dismiss-check-in', sessionId: session.id }, false).then(
                            load,
                          )
                        }
                      >
                        {t('detectLaterLetGo')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section id="pause">
            <h2>{t('detectPauseHeading')}</h2>
            {paused && <p role="status">{t('detectPausedUntil', formatTime(snoozed))}</p>}
            <div class="actions">
              {paused ? (
                <button type="button" id="resume" onClick={() => pause(null)}>
                  {t('detectResume')}
                </button>
              ) : (
                <>
                  <button type="button" id="pause-hour" onClick={() => pause('hour')}>
                    {t('detectPauseHour')}
                  </button>
                  <button type="button" id="pause-tomorrow" onClick={() => pause('tomorrow')}>
                    {t('detectPauseTomorrow')}
                  </button>
                  {active && view.detection.enabledSites.includes(active.siteId) && (
                    <button type="button" id="site-off" onClick={() => siteOff(active.siteId)}>
                      {t('detectSiteOff', name(active.siteId))}
                    </button>
                  )}
                </>
              )}
            </div>
          </section>
        </div>
        {view && (
          <section class="reach-out" aria-labelledby="reach-out-heading">
            <h2 id="reach-out-heading">{t('reachOutHeading')}</h2>
            {contact ? (
              <>
                {/* The "Reach out" page builds the link, says so kindly when it is the middle of the
                  night for them or the link is one the user added, and otherwise opens it at once. */}
                <div class="actions">
                  <a class="button primary reach-out-message" href="/reach-out.html?message=first">
                    {contact.call ? t('reachOutCall', contact.name) : t('reachOutMessage', contact.name)}
                  </a>
                </div>
                <p class="muted small">{t('reachOutNeverSends')}</p>
              </>
            ) : (
              <p class="muted">
                {t('reachOutNoContacts')}{' '}
                <a href="/options.html" id="reach-out-add" onClick={openOptions}>
                  {t('reachOutAddInSettings')}
                </a>
              </p>
            )}
          </section>
        )}
        <div class="actions popup-links">
          <a class="button" href="/journal.html" target="_blank" id="open-journal">
            {t('openJournal')}
          </a>
          <a class="button" href="/options.html" id="open-options" onClick={openOptions}>
            {t('openSettings')}
          </a>
        </div>
      </main>
    );
  }
}

/** The options page has its own place in the browser (a tab or the add-ons manager). */
function openOptions(event: MouseEvent) {
  event.preventDefault();
  void browser.runtime.openOptionsPage().then(() => window.close());
}
