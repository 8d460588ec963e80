import { useEffect, useRef, useState } from 'preact/hooks';
import { ReflectionForm } from './ReflectionForm';
import { openJournalDb, type AftercareDb, type JournalDraft } from '@/utils/journal-db';
import { createJournalStore } from '@/utils/journal-store';
import {
  createDraftAutosaver,
  createDraftStore,
  draftIdFor,
  type DraftAutosaver,
  type DraftFields,
} from '@/utils/draft-store';
import { entryFromDraft, hasSomethingToSave } from '@/utils/reflection-entry';
import { questionPool } from '@/utils/reflection-questions';
import { DEFAULT_SETTINGS, getSettings, type Settings } from '@/utils/settings';
import { checkInsItem, type CheckIn } from '@/utils/storage-items';
import { siteDisplayName } from '@/utils/site-names';
import { t } from '@/utils/i18n';
import { LockStateError } from '@/utils/journal-lock';
import { isJournalLocked } from '@/utils/journal-keys';
import { UnlockForm } from './UnlockForm';

const kindQuestions = () => [
  t('reflectionQuestionFeltGood'),
  t('reflectionQuestionUncomfortable'),
  t('reflectionQuestionNeedNow'),
  t('reflectionQuestionTalkTo'),
];
const neutralQuestions = () => [
  t('reflectionNeutralQuestionWell'),
  t('reflectionNeutralQuestionChange'),
  t('reflectionNeutralQuestionNext'),
  t('reflectionNeutralQuestionFollowUp'),
];

/** The intention may be added to check-ins by the detection feature: read it without trusting it. */
function intentionOf(checkIn: CheckIn | undefined): string | undefined {
  const value = (checkIn as { intention?: unknown } | undefined)?.intention;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

interface Loaded {
  db: AftercareDb;
  checkIn?: CheckIn;
  settings: Settings;
  draft?: JournalDraft;
  entryCount: number;
  /** The passphrase lock is on and locked: what is written is sealed for reading after unlocking. */
  locked: boolean;
  /** This check-in's earlier draft can only be opened with the passphrase. */
  draftLocked: boolean;
}

/**
 * The check-in window: finds the session it is about and any draft left from before, autosaves
 * while the user types, and saves into the journal (removing the draft in the same transaction).
 */
export function ReflectionApp({ sessionId }: { sessionId: string | null }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [unlocks, setUnlocks] = useState(0);
  const autosaver = useRef<DraftAutosaver | null>(null);
  /** The form's newest fields, for "I'm okay" (which keeps anything already written). */
  const latest = useRef<DraftFields | null>(null);
  const draftId = draftIdFor(sessionId);

  useEffect(() => {
    void (async () => {
      const db = await openJournalDb();
      let draftLocked = false;
      const [checkIns, settings, draft, entryCount, locked] = await Promise.all([
        sessionId ? checkInsItem.getValue().catch(() => ({}) as Record<string, CheckIn>) : {},
        getSettings().catch(() => DEFAULT_SETTINGS),
        // Locked, an earlier draft cannot be read: it is kept as it is (never written over) until
        // the passphrase opens it.
        createDraftStore(db)
          .get(draftId)
          .catch((error: unknown) => {
            if (!(error instanceof LockStateError)) throw error;
            draftLocked = true;
            return undefined;
          }),
        createJournalStore(db).count(),
        isJournalLocked(db),
      ]);
      const drafts = createDraftStore(db);
      autosaver.current = createDraftAutosaver((fields) => drafts.put(draftId, fields));
      setLoaded({
        db,
        checkIn: sessionId ? (checkIns as Record<string, CheckIn>)[sessionId] : undefined,
        settings,
        draft,
        entryCount,
        locked,
        draftLocked,
      });
    })().catch((error: unknown) => {
      console.error('Aftercare: opening the journal failed', error);
      setLoadFailed(true);
    });
    // Closing the window or leaving the page: write what is pending right away.
    const flush = () => void autosaver.current?.flush();
    const onHidden = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [sessionId, unlocks]);

  if (loadFailed) {
    return (
      <main>
        <h1>{t('reflectionTitle')}</h1>
        <p role="alert">{t('reflectionLoadFailed')}</p>
      </main>
    );
  }
  if (!loaded) return null;
  const { db, checkIn, settings } = loaded;
  if (loaded.draftLocked) {
    return (
      <main>
        <h1>{t('reflectionTitle')}</h1>
        <UnlockForm
          intro={t('lockCheckInDraftLocked')}
          onUnlocked={() => {
            setLoaded(null);
            setUnlocks((n) => n + 1);
          }}
        />
      </main>
    );
  }
  const sessionFields = checkIn
    ? { sessionId: checkIn.session.id, siteId: checkIn.session.siteId }
    : ({} as Record<string, never>);
  const intention = intentionOf(checkIn);

  async function markDone() {
    if (!checkIn) return;
    const all = await checkInsItem.getValue();
    const current = all[checkIn.session.id];
    if (current)
      await checkInsItem.setValue({ ...all, [checkIn.session.id]: { ...current, status: 'done' } });
  }

  /** Saves the entry and removes the draft; a late keystroke's autosave can never revive it. */
  async function commit(fields: DraftFields, kind: 'reflection' | 'check-in' | 'okay') {
    await autosaver.current?.stop();
    try {
      await createDraftStore(db).commit(draftId, {
        ...entryFromDraft(fields),
        kind,
        ...sessionFields,
        ...(intention ? { intention } : {}),
      });
    } catch (error) {
      autosaver.current?.resume();
      throw error;
    }
    await markDone();
  }

  const kind = checkIn ? 'reflection' : 'check-in';
  const written = () => latest.current ?? loaded.draft?.fields ?? { kind, text: '' };

  return (
    <>
      {loaded.locked && (
        <p class="muted lock-note" id="lock-check-in-note">
          {t('lockCheckInNote')}
        </p>
      )}
      <ReflectionForm
        key={formKey}
        siteName={checkIn ? siteDisplayName(checkIn.session.siteId) : undefined}
        intention={intention}
        neutral={settings.reflection.neutralWording}
        questionPool={questionPool(settings.reflection, checkIn?.session.siteId, {
          kind: kindQuestions(),
          neutral: neutralQuestions(),
        })}
        rotationStart={loaded.entryCount}
        offerSafety={Boolean(checkIn)}
        kind={kind}
        initial={
          formKey === 0 && loaded.draft && hasSomethingToSave(loaded.draft.fields)
            ? loaded.draft.fields
            : undefined
        }
        onChange={(fields) => {
          latest.current = fields;
          autosaver.current?.schedule(fields);
        }}
        onSave={(fields) => commit(fields, kind)}
        // "I'm okay" after writing something keeps those words in the same quick entry.
        onOkay={() => commit(hasSomethingToSave(written()) ? written() : { kind, text: '' }, 'okay')}
        onStartFresh={() => {
          void autosaver.current?.stop().then(async () => {
            await createDraftStore(db).remove(draftId);
            autosaver.current?.resume();
            latest.current = { kind, text: '' };
            setFormKey((n) => n + 1);
          });
        }}
        onClose={() => {
          void (autosaver.current?.flush() ?? Promise.resolve()).finally(() => window.close());
        }}
      />
    </>
  );
}
