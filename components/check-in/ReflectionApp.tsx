import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ReflectionForm, ReflectionHeading } from './ReflectionForm';
import { Deferred } from '../shared/Deferred';
import { openJournalDb, type AftercareDb } from '@/utils/journal/db';
import {
  createDraftAutosaver,
  createDraftStore,
  draftIdFor,
  readCheckInStart,
  type CheckInStart,
  type DraftAutosaver,
  type DraftFields,
} from '@/utils/journal/drafts';
import { entryFromDraft, hasSomethingToSave } from '@/utils/check-in/entry';
import { questionPool } from '@/utils/check-in/questions';
import { DEFAULT_REFLECTION_SETTINGS, readReflectionSettings } from '@/utils/settings/reflection-settings';
import type { ReflectionSettings } from '@/utils/settings/settings';
import { checkInsItem, type CheckIn } from '@/utils/shared/storage-items';
import { t } from '@/utils/shared/i18n';
import { SHELL_ID } from '@/utils/check-in/shell';

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

/**
 * The intention written before the session: the session carries it (session-tracker.ts); older
 * records kept it on the check-in. Read without trusting it.
 */
function intentionOf(checkIn: CheckIn | undefined): string | undefined {
  const value =
    (checkIn?.session as { intention?: unknown } | undefined)?.intention ??
    (checkIn as { intention?: unknown } | undefined)?.intention;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** What the window shows at once: from extension storage, one quick read. */
interface Frame {
  checkIn?: CheckIn;
  siteName?: string;
  reflection: ReflectionSettings;
}

/** What the journal says, read after the frame is on screen. */
interface Journal extends CheckInStart {
  db: AftercareDb;
}

/**
 * How long the window waits for its check-in to be written. The worker opens the window as the
 * call's tab closes when it already knows the session, and writes the check-in a moment later.
 */
export const CHECK_IN_WAIT_MS = 1500;

/** The session's check-in as soon as it is in storage; undefined if it is not there in time. */
function checkInWritten(sessionId: string): { found: Promise<CheckIn | undefined>; stop: () => void } {
  let stop = () => {};
  const found = new Promise<CheckIn | undefined>((resolve) => {
    const timer = setTimeout(() => stop(), CHECK_IN_WAIT_MS);
    const unwatch = checkInsItem.watch((checkIns) => {
      const checkIn = checkIns?.[sessionId];
      if (checkIn) resolve(checkIn);
    });
    stop = () => {
      clearTimeout(timer);
      unwatch();
      resolve(undefined);
    };
  });
  return { found, stop };
}

async function readFrame(sessionId: string | null): Promise<Frame> {
  // Watching before reading: a check-in written between the two is never missed.
  const written = sessionId ? checkInWritten(sessionId) : undefined;
  const [checkIns, reflection] = await Promise.all([
    sessionId ? checkInsItem.getValue().catch(() => ({}) as Record<string, CheckIn>) : undefined,
    readReflectionSettings().catch(() => DEFAULT_REFLECTION_SETTINGS),
  ]);
  let checkIn = sessionId ? checkIns?.[sessionId] : undefined;
  if (written) {
    checkIn ??= await written.found;
    written.stop();
  }
  // The worker keeps the site's name on the check-in (no site list here), except the practice
  // site's, which is translated: named here. A check-in recorded before the worker kept names
  // shows none.
  const siteName =
    typeof checkIn?.siteName === 'string'
      ? checkIn.siteName
      : checkIn?.session?.siteId === 'practice'
        ? t('practiceSiteName')
        : undefined;
  return { checkIn, siteName, reflection };
}

/**
 * The check-in window: finds the session it is about and any draft left from before, autosaves
 * while the user types, and saves into the journal (removing the draft in the same transaction).
 *
 * It paints its heading as soon as the wording is known (one storage read), and shows the form
 * once the journal has answered, so a restored draft is never typed over or written over. The
 * lock's code is loaded only when the lock is on.
 */
export function ReflectionApp({ sessionId }: { sessionId: string | null }) {
  const [frame, setFrame] = useState<Frame | null>(null);
  const [loaded, setLoaded] = useState<Journal | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [unlocks, setUnlocks] = useState(0);
  const autosaver = useRef<DraftAutosaver | null>(null);
  /** The form's newest fields, for "I'm okay" (which keeps anything already written). */
  const latest = useRef<DraftFields | null>(null);
  const draftId = draftIdFor(sessionId);
  // Both reads start with the first render, not after the first (empty) frame.
  const frameRead = useRef<Promise<Frame> | null>(null);
  frameRead.current ??= readFrame(sessionId);
  const dbOpen = useRef<Promise<AftercareDb> | null>(null);
  dbOpen.current ??= openJournalDb();

  useLayoutEffect(() => {
    let live = true;
    void frameRead.current!.then((value) => live && setFrame(value));
    return () => {
      live = false;
    };
  }, []);

  useLayoutEffect(() => {
    void (async () => {
      const db = await dbOpen.current!;
      const start = await readCheckInStart(db, draftId);
      const drafts = createDraftStore(db);
      // Everything erased is no draft at all: a kept draft is what a closed window is kept for.
      autosaver.current = createDraftAutosaver((fields) =>
        hasSomethingToSave(fields) ? drafts.put(draftId, fields) : drafts.remove(draftId),
      );
      setLoaded({ db, ...start });
    })().catch((error: unknown) => {
      console.error('Aftercare: opening the journal failed', error);
      setLoadFailed(true);
    });
  }, [draftId, unlocks]);

  // The words the page painted from its HTML (utils/check-in/shell.ts) give way to the app's own
  // in the same task as those are put in, before the browser paints again: nothing flickers.
  const painting = Boolean(frame) || loadFailed;
  useLayoutEffect(() => {
    if (painting) document.getElementById(SHELL_ID)?.remove();
  }, [painting]);

  useEffect(() => {
    // Closing the window or leaving the page: write what is pending right away.
    const flush = () => void autosaver.current?.flush();
    const onHidden = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, []);

  if (loadFailed) {
    return (
      <main>
        <h1>{t('reflectionTitle')}</h1>
        <p role="alert">{t('reflectionLoadFailed')}</p>
      </main>
    );
  }
  if (!frame) return null;
  const { checkIn, reflection } = frame;
  const intention = intentionOf(checkIn);
  const neutral = reflection.neutralWording;
  const heading = { siteName: frame.siteName, intention, neutral };
  if (!loaded) {
    return (
      <main class="reflection" aria-busy="true">
        <ReflectionHeading {...heading} />
      </main>
    );
  }
  const { db } = loaded;
  if (loaded.draftLocked) {
    return (
      <main>
        <h1>{t('reflectionTitle')}</h1>
        <Deferred
          load={() => import('../lock/UnlockForm').then((module) => module.UnlockForm)}
          props={{
            intro: t('lockCheckInDraftLocked'),
            onUnlocked: () => {
              setLoaded(null);
              setUnlocks((n) => n + 1);
            },
          }}
        />
      </main>
    );
  }
  const sessionFields = checkIn
    ? { sessionId: checkIn.session.id, siteId: checkIn.session.siteId }
    : ({} as Record<string, never>);

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
        {...heading}
        questionPool={questionPool(reflection, checkIn?.session.siteId, {
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
