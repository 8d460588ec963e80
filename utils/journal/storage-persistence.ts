/**
 * Persistent storage keeps the browser from evicting the journal when the disk runs low. Chrome
 * grants it to extensions with `unlimitedStorage`; Firefox may ask the user.
 */

export type PersistenceState = 'persisted' | 'not-persisted' | 'unsupported';

/** What the options page tells the user about how safe the journal is from eviction. */
export type ProtectionState = PersistenceState | 'unlimited';

export interface StorageManagerLike {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

export async function persistenceState(storage: StorageManagerLike | undefined): Promise<PersistenceState> {
  if (!storage?.persisted) return 'unsupported';
  return (await storage.persisted()) ? 'persisted' : 'not-persisted';
}

/** Asks once; never throws (an old browser or a refusal leaves things as they were). */
export async function requestPersistence(storage: StorageManagerLike | undefined): Promise<PersistenceState> {
  if (!storage?.persist) return 'unsupported';
  try {
    if (await storage.persisted?.()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'not-persisted';
  }
}

/**
 * `unlimitedStorage` exempts an extension from quota and from eviction in Chrome (see
 * https://developer.chrome.com/docs/extensions/develop/concepts/storage-and-cookies), even when
 * `persisted()` answers false, so the user is told the journal is safe in that case too.
 */
export function protectionState(
  persistence: PersistenceState,
  hasUnlimitedStorage: boolean,
): ProtectionState {
  if (persistence === 'persisted') return 'persisted';
  return hasUnlimitedStorage ? 'unlimited' : persistence;
}
