import type { JournalAnswer } from '../journal/db';
import type { DraftFields } from '../journal/drafts';
import type { NewJournalEntry } from '../journal/store';

const MAX_TAGS = 12;
const MAX_TAG_LENGTH = 40;

/** "tired,  Close , tired" -> ["tired", "close"]: trimmed, lower-cased, no repeats, no empties. */
export function parseTags(raw: string): string[] {
  const tags: string[] = [];
  for (const part of raw.split(/[,\n]/)) {
    const tag = part.trim().toLocaleLowerCase().slice(0, MAX_TAG_LENGTH);
    if (tag && !tags.includes(tag)) tags.push(tag);
    if (tags.length === MAX_TAGS) break;
  }
  return tags;
}

function answered(answers: readonly JournalAnswer[] | undefined): JournalAnswer[] {
  return (answers ?? [])
    .map(({ question, answer }) => ({ question, answer: answer.trim() }))
    .filter(({ answer }) => answer !== '');
}

/** True when the user has given anything at all: a mood, feelings, words, an answer or a tag. */
export function hasSomethingToSave(fields: DraftFields): boolean {
  return Boolean(
    fields.mood ||
    fields.nuance ||
    fields.text.trim() ||
    answered(fields.answers).length ||
    (fields.tags?.length ?? 0) > 0,
  );
}

/** The entry to keep: trimmed text, only answered questions, no empty optional fields. */
export function entryFromDraft(fields: DraftFields): NewJournalEntry {
  const { answers, tags, ...rest } = fields;
  const kept = answered(answers);
  return {
    ...rest,
    text: fields.text.trim(),
    ...(kept.length ? { answers: kept } : {}),
    ...(tags?.length ? { tags } : {}),
  };
}
