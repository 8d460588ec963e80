import { defineBackground } from 'wxt/utils/define-background';
import { registerSessionWatcher } from '@/utils/detection/session-watcher';
import { registerMessageHandler } from '@/utils/shared/background-messages';
import { registerReachOutCommand } from '@/utils/reach-out/reach-out-command';
import { registerFirstRun } from '@/utils/settings/first-run';
import { registerJournalAutoLock } from '@/utils/lock/auto-lock';

// Thin on purpose: wire listeners synchronously (MV3 wakes the worker only for listeners added
// in its first turn), and keep all logic in utils/.
export default defineBackground(() => {
  const watcher = registerSessionWatcher();
  registerMessageHandler(watcher);
  registerReachOutCommand();
  registerFirstRun();
  registerJournalAutoLock();
});
