import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/shared/i18n';
import { getSettings, updateSettings } from '@/utils/settings/settings';
import { parseQuestionList } from '@/utils/check-in/questions';
import { PRESET_SITES } from '@/utils/detection/sites';
import { siteDisplayName } from '@/utils/detection/site-names';
import '../check-in/reflection.css';

const DEFAULT_QUESTION_KEYS = [
  'reflectionQuestionFeltGood',
  'reflectionQuestionUncomfortable',
  'reflectionQuestionNeedNow',
  'reflectionQuestionTalkTo',
] as const;

/**
 * Settings for the check-in's questions: the user's own list (shown with the kind defaults until
 * changed), a list per site, and neutral wording for a shared screen. Saved only when asked.
 */
export function ReflectionQuestionsSettings() {
  const defaults = DEFAULT_QUESTION_KEYS.map((key) => t(key));
  const [questions, setQuestions] = useState<string | null>(null);
  const [perSite, setPerSite] = useState<Record<string, string>>({});
  const [neutral, setNeutral] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    void getSettings().then(({ reflection }) => {
      setQuestions((reflection.questions.length ? reflection.questions : defaults).join('\n'));
      setPerSite(
        Object.fromEntries(
          Object.entries(reflection.siteQuestions).map(([id, list]) => [id, list.join('\n')]),
        ),
      );
      setNeutral(reflection.neutralWording);
    });
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    const own = parseQuestionList(questions ?? '');
    // The defaults follow the interface language: keep them as "default" rather than as copies.
    const sameAsDefaults = own.length === defaults.length && own.every((q, i) => q === defaults[i]);
    try {
      await updateSettings((current) => ({
        ...current,
        reflection: {
          questions: sameAsDefaults ? [] : own,
          siteQuestions: Object.fromEntries(
            Object.entries(perSite)
              .map(([id, raw]) => [id, parseQuestionList(raw)] as const)
              .filter(([, list]) => list.length > 0),
          ),
          neutralWording: neutral,
        },
      }));
      if (!own.length) setQuestions(defaults.join('\n'));
      setMessage({ text: t('optionsReflectionSaved'), error: false });
    } catch (error) {
      console.error('Aftercare: saving the questions failed', error);
      setMessage({ text: t('optionsReflectionSaveFailed'), error: true });
    }
  }

  if (questions === null) return null;
  return (
    <section class="question-settings" aria-labelledby="question-settings-heading">
      <h2 id="question-settings-heading">{t('optionsReflectionHeading')}</h2>
      <p class="muted">{t('optionsReflectionIntro')}</p>
      <form onSubmit={save} class="stack">
        <div>
          <label for="questions-own">{t('optionsReflectionQuestionsLabel')}</label>
          <textarea
            id="questions-own"
            value={questions}
            onInput={(e) => setQuestions(e.currentTarget.value)}
          />
        </div>
        {PRESET_SITES.map((site) => (
          <div key={site.id}>
            <label for={`questions-site-${site.id}`}>
              {t('optionsReflectionSiteLabel', siteDisplayName(site.id))}
            </label>
            <textarea
              id={`questions-site-${site.id}`}
              value={perSite[site.id] ?? ''}
              onInput={(e) => setPerSite({ ...perSite, [site.id]: e.currentTarget.value })}
            />
          </div>
        ))}
        <div>
          <label class="check">
            <input
              type="checkbox"
              id="questions-neutral"
              checked={neutral}
              aria-describedby="questions-neutral-hint"
              onChange={(e) => setNeutral(e.currentTarget.checked)}
            />
            <span>{t('optionsReflectionNeutral')}</span>
          </label>
          <p id="questions-neutral-hint" class="muted">
            {t('optionsReflectionNeutralHint')}
          </p>
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {t('optionsReflectionSave')}
          </button>
          <button type="button" onClick={() => setQuestions(defaults.join('\n'))}>
            {t('optionsReflectionReset')}
          </button>
        </div>
        <p class={message?.error ? 'status error' : 'status'} role="status" aria-live="polite">
          {message?.text ?? ''}
        </p>
      </form>
    </section>
  );
}
