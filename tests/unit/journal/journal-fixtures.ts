import type { JournalEntry } from '@/utils/journal/db';

const DAY = 86_400_000;
export const NOW = new Date(2025, 5, 15, 12, 0).getTime();

/** A varied journal: every field in use somewhere, emoji and other scripts included. */
export function sampleEntries(): JournalEntry[] {
  return [
    {
      id: 'e1',
      createdAt: NOW - 3 * DAY,
      updatedAt: NOW - 3 * DAY,
      kind: 'reflection',
      text: 'Felt close to him. 💛',
      sessionId: 's1',
      siteId: 'practice',
      mood: { value: 4, word: 'Good' },
      nuance: { energy: 0.25, pleasantness: 0.75, intensity: 0.5, feelings: ['tender', 'warm'] },
      answers: [{ question: 'What do you need now?', answer: 'A glass of water and sleep' }],
      tags: ['partner', 'evening'],
      intention: 'Be honest about missing him',
    },
    {
      id: 'e2',
      createdAt: NOW - 2 * DAY,
      updatedAt: NOW - DAY,
      kind: 'check-in',
      text: 'Müde, aber okay — 大丈夫',
      mood: { value: 2, word: 'Low' },
      tags: ['work'],
    },
    { id: 'e3', createdAt: NOW - DAY, updatedAt: NOW - DAY, kind: 'okay', text: '' },
    {
      id: 'e4',
      createdAt: NOW - 60_000,
      updatedAt: NOW - 60_000,
      kind: 'reflection',
      text: '=HYPERLINK("http://x") and "quotes", commas\nnew line',
      sessionId: 's2',
      siteId: 'practice',
      mood: { value: 5, word: 'Very good' },
      tags: ['partner'],
    },
  ];
}

/** `count` generated entries, one every 53 minutes back from NOW. */
export function generatedEntries(count: number): JournalEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `gen-${i}`,
    createdAt: NOW - i * 53 * 60_000,
    updatedAt: NOW - i * 53 * 60_000,
    kind: i % 3 === 0 ? ('reflection' as const) : ('check-in' as const),
    text: `Entry number ${i} about ${['sleep', 'work', 'friends', 'a call'][i % 4]}`,
    mood: { value: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5, word: `mood ${(i % 5) + 1}` },
    tags: [`tag-${i % 7}`],
    ...(i % 3 === 0 ? { sessionId: `session-${i}`, siteId: 'practice' } : {}),
  }));
}
