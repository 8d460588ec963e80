import { describe, expect, it } from 'vitest';
import { parseQuestionList, pickQuestions, questionPool, rotateQuestions } from '@/utils/check-in/questions';
import { DEFAULT_SETTINGS, type ReflectionSettings } from '@/utils/settings/settings';
import { FEELING_QUADRANTS, feelingKeysFromWords, nuanceFrom } from '@/utils/check-in/mood';

const defaults = { kind: ['good?', 'hard?', 'need?', 'talk?'], neutral: ['well?', 'change?'] };
const settings = (change: Partial<ReflectionSettings> = {}): ReflectionSettings => ({
  ...DEFAULT_SETTINGS.reflection,
  ...change,
});

describe('reflection questions', () => {
  it('come from the kind default set until I write my own', () => {
    expect(questionPool(settings(), 'practice', defaults)).toEqual(defaults.kind);
    expect(questionPool(settings({ questions: ['mine?'] }), 'practice', defaults)).toEqual(['mine?']);
  });

  it("use a site's own set for that site only", () => {
    const s = settings({ questions: ['mine?'], siteQuestions: { practice: ['site?'] } });
    expect(questionPool(s, 'practice', defaults)).toEqual(['site?']);
    expect(questionPool(s, 'other', defaults)).toEqual(['mine?']);
    expect(questionPool(s, undefined, defaults)).toEqual(['mine?']);
  });

  it('use neutral defaults on a shared screen', () => {
    expect(questionPool(settings({ neutralWording: true }), undefined, defaults)).toEqual(defaults.neutral);
  });

  it('take turns from one check-in to the next, wrapping around', () => {
    expect(pickQuestions(defaults.kind, 0)).toEqual(['good?', 'hard?']);
    expect(pickQuestions(defaults.kind, 1)).toEqual(['hard?', 'need?']);
    expect(pickQuestions(defaults.kind, 3)).toEqual(['talk?', 'good?']);
    expect(pickQuestions(defaults.kind, 4)).toEqual(['good?', 'hard?']);
    expect(pickQuestions(['only?'], 5)).toEqual(['only?']);
    expect(pickQuestions([], 2)).toEqual([]);
  });

  it('"Other questions" swaps only the ones I have not answered', () => {
    const pool = defaults.kind;
    expect(rotateQuestions(pool, ['good?', 'hard?'], () => false)).toEqual(['need?', 'talk?']);
    expect(rotateQuestions(pool, ['good?', 'hard?'], (q) => q === 'good?')).toEqual(['good?', 'need?']);
    expect(rotateQuestions(pool, ['talk?', 'good?'], () => false)).toEqual(['hard?', 'need?']);
    expect(rotateQuestions(['a?', 'b?'], ['a?', 'b?'], () => false)).toEqual(['a?', 'b?']);
  });

  it('are edited one per line, without blanks or repeats', () => {
    expect(parseQuestionList(' What helped?\n\nWhat helped?\n  Who can I call? ')).toEqual([
      'What helped?',
      'Who can I call?',
    ]);
  });
});

describe('the mood map', () => {
  const word = (key: string) => key.replace('reflectionFeeling', '');

  it('stores the chosen feelings as words with their place on the map', () => {
    expect(nuanceFrom(['reflectionFeelingCalm', 'reflectionFeelingTender'], 1, word)).toEqual({
      energy: -0.5,
      pleasantness: 0.7,
      intensity: 0.25,
      feelings: ['Calm', 'Tender'],
    });
    expect(nuanceFrom([], 4, word)).toEqual({ energy: 0, pleasantness: 0, intensity: 1, feelings: [] });
  });

  it('finds the feelings again from stored words', () => {
    expect(feelingKeysFromWords(['Sad', 'Calm', 'unknown'], word)).toEqual([
      'reflectionFeelingSad',
      'reflectionFeelingCalm',
    ]);
  });

  it('places every feeling in its own quadrant', () => {
    const [energyUnpleasant, energyPleasant, quietUnpleasant, quietPleasant] = FEELING_QUADRANTS;
    for (const w of energyUnpleasant.words) expect(w.energy > 0 && w.pleasantness < 0).toBe(true);
    for (const w of energyPleasant.words) expect(w.energy > 0 && w.pleasantness > 0).toBe(true);
    for (const w of quietUnpleasant.words) expect(w.energy < 0 && w.pleasantness < 0).toBe(true);
    for (const w of quietPleasant.words) expect(w.energy < 0 && w.pleasantness > 0).toBe(true);
  });
});
