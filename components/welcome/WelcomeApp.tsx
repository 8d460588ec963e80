import type { ComponentType } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { sendToBackground } from '@/utils/shared/messages';
import { WELCOME_STEPS, stepFromHash, type WelcomeStep } from '@/utils/settings/first-run';
import { SiteSettings } from '../detection/SiteSettings';
import { DetectionRules } from '../detection/DetectionRules';
import { ContactForm, blankDraft } from '../reach-out/ContactsSettings';
import { useReachOutData } from '../reach-out/ReachOut';
import './welcome.css';
import { LockSettings } from '../lock/LockSettings';

/**
 * The passphrase step appears only when a lock settings component is given here. When it lands,
 * mount it with one line: `lock: LockSettings,` (and its import).
 */
const OPTIONAL_STEPS: Partial<Record<'lock', ComponentType>> = { lock: LockSettings };

const TITLES: Record<WelcomeStep, MessageKey> = {
  about: 'welcomeAboutTitle',
  sites: 'welcomeSitesTitle',
  asking: 'welcomeAskingTitle',
  contact: 'welcomeContactTitle',
  lock: 'welcomeLockTitle',
  practice: 'welcomePracticeTitle',
};

function AboutStep() {
  return (
    <>
      <p>{t('welcomeAboutIntro')}</p>
      <div class="welcome-columns">
        <div class="card">
          <h3>{t('welcomeDoesHeading')}</h3>
          <ul>
            <li>{t('welcomeDoes1')}</li>
            <li>{t('welcomeDoes2')}</li>
            <li>{t('welcomeDoes3')}</li>
          </ul>
        </div>
        <div class="card">
          <h3>{t('welcomeDoesNotHeading')}</h3>
          <ul>
            <li>{t('welcomeDoesNot1')}</li>
            <li>{t('welcomeDoesNot2')}</li>
            <li>{t('welcomeDoesNot3')}</li>
          </ul>
        </div>
      </div>
      <p class="notice">{t('welcomeNotEmergency')}</p>
    </>
  );
}

function ContactStep() {
  const data = useReachOutData();
  const [adding, setAdding] = useState<boolean | null>(null);
  const saved = useRef<HTMLParagraphElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    // The form goes away after Save or Cancel: keep the keyboard where the reader is.
    // The saved list may arrive a moment after the form closes (storage change events).
    if (adding === false) (saved.current ?? addButton.current)?.focus();
  }, [adding, data?.contacts.length]);
  if (!data) return null;
  const names = data.contacts.map((contact) => contact.name);
  // Someone with people already (back here from the settings) sees them first, not an empty form.
  const showForm = adding ?? names.length === 0;
  return (
    <>
      <p>{t('welcomeContactIntro')}</p>
      {names.length > 0 && (
        <p class="card" role="status" id="welcome-contacts" tabIndex={-1} ref={saved}>
          {t('welcomeContactSaved', names.join(', '))}
        </p>
      )}
      {showForm ? (
        <ContactForm initial={blankDraft()} data={data} onDone={() => setAdding(false)} />
      ) : (
        <div class="actions">
          <button type="button" id="welcome-contact-add" ref={addButton} onClick={() => setAdding(true)}>
            {names.length ? t('welcomeContactAnother') : t('reachOutAdd')}
          </button>
        </div>
      )}
    </>
  );
}

function PracticeStep() {
  const [opened, setOpened] = useState<'no' | 'yes' | 'failed'>('no');
  async function tryIt() {
    const reply = await sendToBackground({ type: 'page:open-check-in' }).catch(() => ({ ok: false }));
    setOpened(reply.ok ? 'yes' : 'failed');
  }
  return (
    <>
      <p>{t('welcomePracticeIntro')}</p>
      <div class="actions">
        <button type="button" class="primary" id="welcome-practice" onClick={tryIt}>
          {t('welcomePracticeButton')}
        </button>
      </div>
      <p class={opened === 'failed' ? 'status error' : 'status'} role="status">
        {opened === 'yes'
          ? t('welcomePracticeOpened')
          : opened === 'failed'
            ? t('welcomePracticeFailed')
            : ''}
      </p>
      <h3>{t('welcomeDoneHeading')}</h3>
      <p>{t('welcomeDoneText')}</p>
      <div class="actions">
        <a class="button" href="/options.html" id="welcome-open-options">
          {t('welcomeOpenOptions')}
        </a>
        <a class="button" href="/journal.html" id="welcome-open-journal">
          {t('openJournal')}
        </a>
      </div>
    </>
  );
}

function StepBody({ step }: { step: WelcomeStep }) {
  switch (step) {
    case 'about':
      return <AboutStep />;
    case 'sites':
      return (
        <>
          <p>{t('welcomeSitesIntro')}</p>
          <SiteSettings />
        </>
      );
    case 'asking':
      return (
        <>
          <p>{t('welcomeAskingIntro')}</p>
          <DetectionRules />
        </>
      );
    case 'contact':
      return <ContactStep />;
    case 'lock': {
      const Lock = OPTIONAL_STEPS.lock;
      return Lock ? (
        <>
          <p>{t('welcomeLockIntro')}</p>
          <Lock />
        </>
      ) : null;
    }
    case 'practice':
      return <PracticeStep />;
  }
}

/** The first-run guide: a few short steps, each skippable, each with its own address. */
export function WelcomeApp() {
  const steps = WELCOME_STEPS.filter((step) => step !== 'lock' || OPTIONAL_STEPS.lock);
  const [step, setStep] = useState<WelcomeStep>(() => stepFromHash(location.hash, steps));
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const index = steps.indexOf(step);

  useEffect(() => {
    const follow = () => setStep(stepFromHash(location.hash, steps));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  // A layout effect: focus moves in the same frame as the step, never a moment after it.
  useLayoutEffect(() => {
    document.title = `${t(TITLES[step])} · ${t('extName')}`;
    // After Next, Skip or Back, start reading (and tabbing) at the new step's heading.
    if (moved.current) heading.current?.focus();
  }, [step]);

  function go(next: WelcomeStep) {
    moved.current = true;
    history.replaceState(null, '', `#${next}`);
    setStep(next);
  }

  const last = index === steps.length - 1;
  return (
    <main class="welcome">
      <h1 class="welcome-brand">{t('welcomeBrand')}</h1>
      <nav aria-label={t('welcomeStepsLabel')}>
        <ol class="welcome-steps">
          {steps.map((name, i) => (
            <li key={name}>
              <a
                href={`#${name}`}
                aria-current={name === step ? 'step' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  go(name);
                }}
              >
                <span class="welcome-step-number">{i + 1}</span> {t(TITLES[name])}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <section
        class="welcome-step"
        id={`step-${step}`}
        data-step={step}
        aria-labelledby="welcome-step-heading"
      >
        <p class="muted">{t('welcomeStepOf', [String(index + 1), String(steps.length)])}</p>
        <h2 id="welcome-step-heading" tabIndex={-1} ref={heading}>
          {t(TITLES[step])}
        </h2>
        <StepBody step={step} />
        <div class="actions welcome-nav">
          {!last && (
            <button type="button" class="primary" id="welcome-next" onClick={() => go(steps[index + 1]!)}>
              {index === 0 ? t('welcomeBegin') : t('welcomeNext')}
            </button>
          )}
          {index > 0 && !last && (
            <button type="button" id="welcome-skip" onClick={() => go(steps[index + 1]!)}>
              {t('welcomeSkip')}
            </button>
          )}
          {last && (
            <button
              type="button"
              class="primary"
              id="welcome-finish"
              onClick={() =>
                void browser.tabs
                  .getCurrent()
                  .then((tab) => (tab?.id !== undefined ? browser.tabs.remove(tab.id) : window.close()))
              }
            >
              {t('welcomeFinish')}
            </button>
          )}
          {index > 0 && (
            <button type="button" id="welcome-back" onClick={() => go(steps[index - 1]!)}>
              {t('welcomeBack')}
            </button>
          )}
        </div>
      </section>
    </main>
  );
}
