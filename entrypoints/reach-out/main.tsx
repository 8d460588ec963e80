import { render } from 'preact';
import { ReachOut } from '@/components/reach-out/ReachOut';
import { localizePage, t } from '@/utils/shared/i18n';
import '@/components/shared/theme.css';

// Opened by the keyboard shortcut: the first way to reach someone gets the focus as soon as it is
// there, so Enter opens the conversation the user can already see. The popup's "Message …" button
// opens this page with `?message=first`: the conversation opens at once when nothing needs saying.
localizePage(document, t('reachOutWindowTitle'));
const app = document.getElementById('app')!;
render(
  <main>
    <ReachOut heading="h1" messageFirst={new URLSearchParams(location.search).get('message') === 'first'} />
  </main>,
  app,
);
const focusFirst = new MutationObserver(() => {
  const first = app.querySelector<HTMLElement>('.reach-out a, .reach-out button');
  if (!first) return;
  first.focus();
  focusFirst.disconnect();
});
focusFirst.observe(app, { childList: true, subtree: true });
