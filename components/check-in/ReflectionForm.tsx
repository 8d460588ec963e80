import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/shared/i18n';
import { shellMessageKeys } from '@/utils/check-in/shell';
import type { JournalAnswer, JournalEntry } from '@/utils/journal/db';
import type { DraftFields } from '@/utils/journal/drafts';
import {
  feelingKeysFromWords,
  MOOD_STEPS,
  nuanceFrom,
  type FeelingKey,
  type MoodValue,
} from '@/utils/check-in/mood';
import { hasSomethingToSave, parseTags } from '@/utils/check-in/entry';
import { pickQuestions, rotateQuestions } from '@/utils/check-in/questions';
import { MoodPicker } from './MoodPicker';
import { Deferred } from '../shared/Deferred';
import './reflection.css';

export interface ReflectionFormProps {
  /** The site whose session just ended, when there was one. */
  siteName?: string;
  /** The intention written before the session, when there was one. */
  intention?: string;
  /** Plain wording for a screen others can see: no site name, no intimate words. */
  neutral?: boolean;
  /** The questions to rotate through, and where this check-in starts in them. */
  questionPool?: readonly string[];
  rotationStart?: number;
  /** Offer the (closed) staying-safe card: after a session on a site the user chose. */
  offerSafety?: boolean;
  kind?: JournalEntry['kind'];
  /** A draft restored from an earlier visit. */
  initial?: DraftFields;
  /** Called with every change, for the autosave. */
  onChange?: (fields: DraftFields) => void;
  onSave: (fields: DraftFields) => Promise<void>;
  onOkay?: () => Promise<void>;
  onStartFresh?: () => void;
  onClose: () => void;
}

type Status = 'editing' | 'saving' | 'saved' | 'okay' | 'failed' | 'empty';

const moodWord = (value: MoodValue) => t(MOOD_STEPS.find((step) => step.value === value)!.key);

function initialAnswers(initial: DraftFields | undefined): Record<string, string> {
  return Object.fromEntries((initial?.answers ?? []).map(({ question, answer }) => [question, answer]));
}

/**
 * The top of the check-in window. The window shows it on its own at once, while the journal is
 * still being read, and the form keeps it exactly as it was.
 */
export function ReflectionHeading({
  siteName,
  intention,
  neutral = false,
}: Pick<ReflectionFormProps, 'siteName' | 'intention' | 'neutral'>) {
  // The same words the check-in page's HTML paints first (utils/check-in/shell.ts).
  const keys = shellMessageKeys(neutral);
  return (
    <>
      <h1>{t(keys.heading)}</h1>
      {siteName && !neutral && <p class="muted">{t('reflectionAfterSite', siteName)}</p>}
      {intention && <p class="intention">{t('reflectionIntention', intention)}</p>}
      <p>{t(keys.intro)}</p>
    </>
  );
}

export function ReflectionForm({
  siteName,
  intention,
  neutral = false,
  questionPool = [],
  rotationStart = 0,
  offerSafety = false,
  kind = 'check-in',
  initial,
  onChange,
  onSave,
  onOkay,
  onStartFresh,
  onClose,
}: ReflectionFormProps) {
  const [mood, setMood] = useState<MoodValue | undefined>(initial?.mood?.value);
  const [feelings, setFeelings] = useState<FeelingKey[]>(() =>
    feelingKeysFromWords(initial?.nuance?.feelings ?? [], t),
  );
  const [intensity, setIntensity] = useState<number | null>(() =>
    initial?.nuance ? Math.round(initial.nuance.intensity * 4) : null,
  );
  // A restored draft keeps the questions it was answering; a new check-in takes the next in turn.
  const [shown, setShown] = useState<string[]>(() =>
    initial?.answers?.length
      ? initial.answers.map((answer) => answer.question)
      : pickQuestions(questionPool, rotationStart),
  );
  const [answers, setAnswers] = useState<Record<string, string>>(() => initialAnswers(initial));
  const [text, setText] = useState(initial?.text ?? '');
  const [tagsRaw, setTagsRaw] = useState((initial?.tags ?? []).join(', '));
  const [status, setStatus] = useState<Status>('editing');
  const firstControl = useRef<HTMLButtonElement>(null);
  const afterSave = useRef<HTMLButtonElement>(null);
  const changed = useRef(false);

  function fields(): DraftFields {
    const answerList: JournalAnswer[] = shown.map((question) => ({
      question,
      answer: answers[question] ?? '',
    }));
    const tags = parseTags(tagsRaw);
    return {
      kind,
      text,
      ...(mood ? { mood: { value: mood, word: moodWord(mood) } } : {}),
      ...(feelings.length || intensity !== null ? { nuance: nuanceFrom(feelings, intensity ?? 2, t) } : {}),
      ...(answerList.length ? { answers: answerList } : {}),
      ...(tags.length ? { tags } : {}),
    };
  }

  useLayoutEffect(() => firstControl.current?.focus(), []);

  // A layout effect runs straight after the render that follows each keystroke, not a frame
  // later: a window closed (Escape) right after typing still hands its last letter to the autosave.
  useLayoutEffect(() => {
    // The first run is what was loaded, not a change: writing it back would only churn the disk.
    if (!changed.current) {
      changed.current = true;
      return;
    }
    onChange?.(fields());
  }, [mood, feelings, intensity, shown, answers, text, tagsRaw]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  useLayoutEffect(() => {
    if (status === 'saved' || status === 'okay') afterSave.current?.focus();
  }, [status]);

  async function run(action: () => Promise<void>, done: Status) {
    setStatus('saving');
    try {
      await action();
      setStatus(done);
    } catch (error) {
      console.error('Aftercare: saving the entry failed', error);
      setStatus('failed');
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    const current = fields();
    if (!hasSomethingToSave(current)) {
      setStatus('empty');
      return;
    }
    await run(() => onSave(current), 'saved');
  }

  if (status === 'saved' || status === 'okay') {
    return (
      <main class="stack reflection" data-saved={status}>
        <h1>{status === 'okay' ? t('reflectionOkaySaved') : t('reflectionSaved')}</h1>
        <div class="actions">
          <a class="button" href="/journal.html" target="_blank">
            {t('openJournal')}
          </a>
          <button type="button" class="primary" ref={afterSave} onClick={onClose}>
            {t('reflectionClose')}
          </button>
        </div>
      </main>
    );
  }

  const statusMessage =
    status === 'failed'
      ? t('reflectionSaveFailed')
      : status === 'empty'
        ? t('reflectionEmptyText')
        : status === 'saving'
          ? t('reflectionSaving')
          : '';

  const canRotate = questionPool.some((question) => !shown.includes(question));

  return (
    <main class="reflection">
      <ReflectionHeading siteName={siteName} intention={intention} neutral={neutral} />
      {initial && (
        <p class="card restored">
          {t('reflectionDraftRestored')}{' '}
          {onStartFresh && (
            <button type="button" class="link-button" onClick={onStartFresh}>
              {t('reflectionStartFresh')}
            </button>
          )}
        </p>
      )}
      <div class="actions quick-choices" role="group" aria-label={t('reflectionQuickChoices')}>
        <button
          type="button"
          class="primary"
          id="reflection-okay"
          ref={firstControl}
          disabled={status === 'saving' || !onOkay}
          onClick={() => onOkay && void run(onOkay, 'okay')}
        >
          {t('reflectionOkay')}
        </button>
        <button type="button" id="reflection-not-now" onClick={onClose}>
          {t('reflectionNotNow')}
        </button>
      </div>

      <form onSubmit={save} class="reflection-form">
        <MoodPicker
          value={mood}
          onValue={setMood}
          feelings={feelings}
          onFeelings={setFeelings}
          intensity={intensity}
          onIntensity={setIntensity}
        />

        {shown.length > 0 && (
          <section class="questions" aria-labelledby="questions-heading">
            <h2 id="questions-heading">{t('reflectionQuestionsHeading')}</h2>
            {shown.map((question, index) => (
              <div key={question} class="question">
                <label for={`question-${index}`}>{question}</label>
                <textarea
                  id={`question-${index}`}
                  class="answer"
                  rows={2}
                  value={answers[question] ?? ''}
                  onInput={(event) => setAnswers({ ...answers, [question]: event.currentTarget.value })}
                />
              </div>
            ))}
            {canRotate && (
              <button
                type="button"
                id="other-questions"
                onClick={() =>
                  setShown(rotateQuestions(questionPool, shown, (q) => Boolean(answers[q]?.trim())))
                }
              >
                {t('reflectionOtherQuestions')}
              </button>
            )}
          </section>
        )}

        <label for="reflection-text">{t('reflectionTextLabel')}</label>
        <textarea
          id="reflection-text"
          value={text}
          aria-describedby="reflection-text-hint"
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <p id="reflection-text-hint" class="muted">
          {t('reflectionTextHint')}
        </p>

        <label for="reflection-tags">{t('reflectionTagsLabel')}</label>
        <input
          id="reflection-tags"
          type="text"
          value={tagsRaw}
          autocomplete="off"
          aria-describedby="reflection-tags-hint"
          onInput={(event) => setTagsRaw(event.currentTarget.value)}
        />
        <p id="reflection-tags-hint" class="muted">
          {t('reflectionTagsHint')}
        </p>

        <div class="actions">
          <button type="submit" class="primary" disabled={status === 'saving'}>
            {t('reflectionSave')}
          </button>
        </div>
        <p
          class={status === 'failed' || status === 'empty' ? 'status error' : 'status'}
          role="status"
          aria-live="polite"
        >
          {statusMessage}
        </p>
      </form>

      <Deferred
        load={() => import('./ReflectionExtras').then((module) => module.ReflectionExtras)}
        props={{ offerSafety: Boolean(offerSafety), neutral: Boolean(neutral) }}
      />
    </main>
  );
}
