import { t } from '@/utils/i18n';
import { SiteSettings } from './SiteSettings';
import { DetectionRules } from './DetectionRules';
import { StorageStatus } from './StorageStatus';
import { ContactsSettings } from './ContactsSettings';
import { ReflectionQuestionsSettings } from './ReflectionQuestionsSettings';
import { LockSettings } from './LockSettings';

export function OptionsApp() {
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <h2>{t('optionsSitesHeading')}</h2>
      <p class="muted">{t('optionsSitesIntro')}</p>
      <SiteSettings />
      <DetectionRules />
      <ReflectionQuestionsSettings />
      <ContactsSettings />
      <LockSettings />
      <StorageStatus />
    </main>
  );
}
