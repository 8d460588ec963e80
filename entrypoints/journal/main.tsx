import { render } from 'preact';
import { JournalApp } from '@/components/JournalApp';
import { LockGate } from '@/components/LockGate';
import { localizePage, t } from '@/utils/i18n';
import '@/components/theme.css';

localizePage(document, `${t('journalTitle')} · ${t('extName')}`);

render(
  <LockGate>
    <JournalApp />
  </LockGate>,
  document.getElementById('app')!,
);
