import { defineStorageItem } from '../shared/storage-item';
import { EMPTY_REACH_OUT, validateReachOut, type ReachOutData } from './contacts';

// Kept apart from storage-items.ts so pages that never show contacts do not load their validation.

/** Trusted contacts and picked helplines (issue 6). Read it through `getReachOut`, which validates. */
export const reachOutItem = defineStorageItem<ReachOutData>('local:reach-out', {
  fallback: EMPTY_REACH_OUT,
  version: 1,
});

export async function getReachOut(): Promise<ReachOutData> {
  return validateReachOut(await reachOutItem.getValue());
}

export async function updateReachOut(change: (current: ReachOutData) => ReachOutData): Promise<ReachOutData> {
  const next = validateReachOut(change(await getReachOut()));
  await reachOutItem.setValue(next);
  return next;
}
