import { render } from 'preact';
import { ReachOut } from '@/components/ReachOut';
import { t } from '@/utils/i18n';
import '@/components/theme.css';

// Opened by the keyboard shortcut when the first contact's link should not open straight away
// (late for them, a custom link not yet confirmed, or no one added yet).
document.title = t('reachOutWindowTitle');
render(
  <main>
    <ReachOut />
  </main>,
  document.getElementById('app')!,
);
