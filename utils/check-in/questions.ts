import type { ReflectionSettings } from '../settings/settings';

/** How many questions one check-in offers at a time. */
export const QUESTIONS_SHOWN = 2;

/**
 * The question pool for a check-in: the site's own set when the user made one, else the user's
 * own questions, else the kind defaults (neutral ones on a shared screen).
 */
export function questionPool(
  settings: ReflectionSettings,
  siteId: string | undefined,
  defaults: { kind: readonly string[]; neutral: readonly string[] },
): string[] {
  const siteSet = siteId ? settings.siteQuestions[siteId] : undefined;
  if (siteSet?.length) return [...siteSet];
  if (settings.questions.length) return [...settings.questions];
  return [...(settings.neutralWording ? defaults.neutral : defaults.kind)];
}

/** `count` questions from the pool starting at `start`, wrapping around: the rotation. */
export function pickQuestions(pool: readonly string[], start: number, count = QUESTIONS_SHOWN): string[] {
  if (pool.length === 0) return [];
  const offset = ((Math.trunc(start) % pool.length) + pool.length) % pool.length;
  return Array.from({ length: Math.min(count, pool.length) }, (_, i) => pool[(offset + i) % pool.length]!);
}

/**
 * "Other questions": keeps every question that already has an answer and swaps the others for
 * the next ones in the pool that are not on screen, in rotation order after the last one shown.
 */
export function rotateQuestions(
  pool: readonly string[],
  shown: readonly string[],
  isAnswered: (question: string) => boolean,
): string[] {
  const last = shown.length ? pool.lastIndexOf(shown[shown.length - 1]!) : -1;
  const upcoming = Array.from({ length: pool.length }, (_, i) => pool[(last + 1 + i) % pool.length]!).filter(
    (question) => !shown.includes(question),
  );
  return shown.map((question) => (isAnswered(question) ? question : (upcoming.shift() ?? question)));
}

const MAX_QUESTIONS = 20;
const MAX_QUESTION_LENGTH = 200;

/** The settings editor's text, one question per line: trimmed, no empty lines, no repeats. */
export function parseQuestionList(raw: string): string[] {
  const questions: string[] = [];
  for (const line of raw.split('\n')) {
    const question = line.trim().slice(0, MAX_QUESTION_LENGTH);
    if (question && !questions.includes(question)) questions.push(question);
    if (questions.length === MAX_QUESTIONS) break;
  }
  return questions;
}
