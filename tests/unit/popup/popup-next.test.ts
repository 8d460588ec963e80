import { describe, expect, it } from 'vitest';
import { popupFirst } from '@/utils/popup/popup-next';
import type { CheckIn } from '@/utils/shared/storage-items';

const missed = (id: string, endedAt: number): CheckIn =>
  ({
    session: { id, siteId: 'practice', startedAt: endedAt - 60_000, endedAt },
    status: 'missed',
  }) as CheckIn;

describe('what the toolbar popup offers first', () => {
  it('a check-in kept for later comes first, the newest one', () => {
    const first = popupFirst([missed('b', 2000), missed('a', 1000)]);
    expect(first.kind).toBe('take-check-in');
    expect(first.kind === 'take-check-in' && first.checkIn.session.id).toBe('b');
  });

  it('with nothing waiting, a check-in of my own comes first', () => {
    expect(popupFirst([])).toEqual({ kind: 'check-in-now' });
  });
});
