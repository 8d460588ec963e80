import { useEffect, useState } from 'preact/hooks';
import { ReflectionForm } from './ReflectionForm';
import { openJournalDb } from '@/utils/journal-db';
import { createJournalStore } from '@/utils/journal-store';
import { checkInsItem, type CheckIn } from '@/utils/storage-items';
import { siteDisplayName } from '@/utils/site-names';

/** The check-in window: finds the session it is about, then saves into the journal. */
export function ReflectionApp({ sessionId }: { sessionId: string | null }) {
  const [checkIn, setCheckIn] = useState<CheckIn | undefined>();

  useEffect(() => {
    if (!sessionId) return;
    void checkInsItem.getValue().then((all) => setCheckIn(all[sessionId]));
  }, [sessionId]);

  async function save(text: string) {
    const store = createJournalStore(await openJournalDb());
    await store.add({
      kind: checkIn ? 'reflection' : 'check-in',
      text,
      ...(checkIn ? { sessionId: checkIn.session.id, siteId: checkIn.session.siteId } : {}),
    });
    if (checkIn) {
      const all = await checkInsItem.getValue();
      const current = all[checkIn.session.id];
      if (current)
        await checkInsItem.setValue({ ...all, [checkIn.session.id]: { ...current, status: 'done' } });
    }
  }

  return (
    <ReflectionForm
      siteName={checkIn ? siteDisplayName(checkIn.session.siteId) : undefined}
      onSave={save}
      onClose={() => window.close()}
    />
  );
}
