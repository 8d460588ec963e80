import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { sendToBackground } from '@/utils/shared/messages';
import { SiteSettings } from '../detection/SiteSettings';
import { DetectionRules } from '../detection/DetectionRules';
import { StorageStatus } from '../journal/StorageStatus';
import { ContactsSettings } from '../reach-out/ContactsSettings';
import { ReflectionQuestionsSettings } from './ReflectionQuestionsSettings';
import { SettingsTransfer } from './SettingsTransfer';
import './options.css';
import { LockSettings } from '../lock/LockSettings';

/** One group of settings: a heading, a plain sentence on what it is for, and the settings. */
function Group({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: MessageKey;
  intro: MessageKey;
  children: ComponentChildren;
}) {
  return (
    <section class="options-group" id={id} aria-labelledby={`${id}-heading`}>
      <h2 class="options-group-heading" id={`${id}-heading`}>
        {t(title)}
      </h2>
      <p class="muted">{t(intro)}</p>
      {children}
    </section>
  );
}

const GROUPS: Array<{ id: string; title: MessageKey }> = [
  { id: 'group-sites', title: 'setupGroupSites' },
  { id: 'group-check-in', title: 'setupGroupCheckIn' },
  { id: 'group-people', title: 'setupGroupPeople' },
  { id: 'group-journal', title: 'setupGroupJournal' },
  { id: 'group-privacy', title: 'setupGroupPrivacy' },
];

/**
 * Every setting in one place, grouped. Each part saves itself as it changes (the check-in
 * questions have their own Save button). After a settings import every part is mounted afresh,
 * so all of them show what was brought in.
 */
export function OptionsApp() {
  const [generation, setGeneration] = useState(0);
  const fresh = (name: string) => `${name}-${generation}`;
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p class="muted">{t('setupOptionsIntro')}</p>
      <nav aria-label={t('setupOnThisPage')}>
        <ul class="options-contents">
          {GROUPS.map((group) => (
            <li key={group.id}>
              <a href={`#${group.id}`}>{t(group.title)}</a>
            </li>
          ))}
          <li>
            <a href="/welcome.html" id="open-welcome">
              {t('setupWelcomeAgain')}
            </a>
          </li>
        </ul>
      </nav>

      <Group id="group-sites" title="setupGroupSites" intro="setupGroupSitesIntro">
        <h3>{t('optionsSitesHeading')}</h3>
        <p class="muted">{t('optionsSitesIntro')}</p>
        <SiteSettings key={fresh('sites')} />
        <DetectionRules key={fresh('rules')} />
      </Group>

      <Group id="group-check-in" title="setupGroupCheckIn" intro="setupGroupCheckInIntro">
        <ReflectionQuestionsSettings key={fresh('questions')} />
        <div class="actions">
          <button
            type="button"
            id="options-practice"
            onClick={() => void sendToBackground({ type: 'page:open-check-in' })}
          >
            {t('welcomePracticeButton')}
          </button>
        </div>
      </Group>

      <Group id="group-people" title="setupGroupPeople" intro="setupGroupPeopleIntro">
        <ContactsSettings key={fresh('people')} />
      </Group>

      <Group id="group-journal" title="setupGroupJournal" intro="setupGroupJournalIntro">
        <StorageStatus />
        <p>
          <a href="/journal.html" id="options-open-journal">
            {t('setupOpenJournal')}
          </a>
        </p>
        <SettingsTransfer onImported={() => setGeneration((n) => n + 1)} />
      </Group>

      <Group id="group-privacy" title="setupGroupPrivacy" intro="setupGroupPrivacyIntro">
        <ul class="options-promises">
          <li>{t('setupPrivacy1')}</li>
          <li>{t('setupPrivacy2')}</li>
          <li>{t('setupPrivacy3')}</li>
        </ul>
        <LockSettings />
      </Group>
    </main>
  );
}
