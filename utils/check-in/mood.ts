import type { MessageKey } from '../shared/i18n';
import type { MoodNuance } from '../journal/db';

/** The quick scale, 1 (very low) to 5 (really good), with the word each step shows. */
export const MOOD_STEPS = [
  { value: 1, key: 'reflectionMoodVeryLow' },
  { value: 2, key: 'reflectionMoodLow' },
  { value: 3, key: 'reflectionMoodMixed' },
  { value: 4, key: 'reflectionMoodOkay' },
  { value: 5, key: 'reflectionMoodGood' },
] as const satisfies ReadonlyArray<{ value: 1 | 2 | 3 | 4 | 5; key: MessageKey }>;

export type MoodValue = (typeof MOOD_STEPS)[number]['value'];

/**
 * Feeling words placed on the energy × pleasantness map (each axis -1 … 1), grouped in the four
 * quadrants the map shows: top = more energy, right = pleasant.
 */
export const FEELING_QUADRANTS = [
  {
    key: 'reflectionAreaEnergyUnpleasant',
    words: [
      { key: 'reflectionFeelingAnxious', energy: 0.7, pleasantness: -0.6 },
      { key: 'reflectionFeelingTense', energy: 0.5, pleasantness: -0.5 },
      { key: 'reflectionFeelingOverwhelmed', energy: 0.8, pleasantness: -0.8 },
    ],
  },
  {
    key: 'reflectionAreaEnergyPleasant',
    words: [
      { key: 'reflectionFeelingExcited', energy: 0.8, pleasantness: 0.7 },
      { key: 'reflectionFeelingJoyful', energy: 0.6, pleasantness: 0.9 },
      { key: 'reflectionFeelingPlayful', energy: 0.5, pleasantness: 0.6 },
    ],
  },
  {
    key: 'reflectionAreaQuietUnpleasant',
    words: [
      { key: 'reflectionFeelingSad', energy: -0.5, pleasantness: -0.7 },
      { key: 'reflectionFeelingDrained', energy: -0.8, pleasantness: -0.5 },
      { key: 'reflectionFeelingLonely', energy: -0.4, pleasantness: -0.6 },
    ],
  },
  {
    key: 'reflectionAreaQuietPleasant',
    words: [
      { key: 'reflectionFeelingCalm', energy: -0.6, pleasantness: 0.6 },
      { key: 'reflectionFeelingContent', energy: -0.3, pleasantness: 0.7 },
      { key: 'reflectionFeelingTender', energy: -0.4, pleasantness: 0.8 },
    ],
  },
] as const satisfies ReadonlyArray<{
  key: MessageKey;
  words: ReadonlyArray<{ key: MessageKey; energy: number; pleasantness: number }>;
}>;

export type FeelingKey = (typeof FEELING_QUADRANTS)[number]['words'][number]['key'];

interface FeelingPlace {
  key: FeelingKey;
  energy: number;
  pleasantness: number;
}

const ALL_FEELINGS: readonly FeelingPlace[] = FEELING_QUADRANTS.flatMap(
  (quadrant): readonly FeelingPlace[] => quadrant.words,
);

/** The intensity slider's steps: 0 … 4, stored as 0 … 1. */
export const INTENSITY_KEYS = [
  'reflectionIntensityLittle',
  'reflectionIntensitySome',
  'reflectionIntensityQuite',
  'reflectionIntensityStrong',
  'reflectionIntensityVeryStrong',
] as const satisfies readonly MessageKey[];

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The nuance to store: the map position is the average of the chosen feelings' places (0, 0 with
 * none), kept next to the words themselves so an export needs no lookup table.
 */
export function nuanceFrom(
  chosen: readonly FeelingKey[],
  intensityStep: number,
  word: (key: FeelingKey) => string,
): MoodNuance {
  const places = ALL_FEELINGS.filter((feeling) => chosen.includes(feeling.key));
  const mean = (pick: (p: FeelingPlace) => number) =>
    places.length ? round2(places.reduce((sum, p) => sum + pick(p), 0) / places.length) : 0;
  return {
    energy: mean((p) => p.energy),
    pleasantness: mean((p) => p.pleasantness),
    intensity: round2(Math.min(4, Math.max(0, Math.round(intensityStep))) / 4),
    feelings: places.map((p) => word(p.key)),
  };
}

/** Back from stored words to the feelings on the map (a restored draft shows its ticks again). */
export function feelingKeysFromWords(
  words: readonly string[],
  word: (key: FeelingKey) => string,
): FeelingKey[] {
  return ALL_FEELINGS.filter((feeling) => words.includes(word(feeling.key))).map((feeling) => feeling.key);
}
