import { browser } from 'wxt/browser';

/**
 * A typed key in extension storage, with a fallback and versioned migrations. Written here rather
 * than taken from @wxt-dev/storage because every page and the worker load it, and it is a tenth of
 * the size (the benchmark counts every kilobyte). The version is kept beside the value under
 * `<key>$` as `{ v }`, the same layout @wxt-dev/storage used, so stored data keeps its version.
 *
 * Readers still validate what they get (settings, contacts, tracker state): storage may hold
 * anything an older version, an import or a bug put there.
 */
export type StorageArea = 'local' | 'session';
export type StorageKey = `${StorageArea}:${string}`;
type Migration = (old: unknown) => unknown;

export interface StorageItem<T> {
  readonly key: string;
  readonly area: StorageArea;
  /** The key/value pairs that store `value` (with its version), for a write of several items. */
  entries(value: T): Record<string, unknown>;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back with the new value (or the fallback) whenever it changes; returns an unwatch. */
  watch(callback: (value: T) => void): () => void;
}

export interface StorageItemOptions<T> {
  fallback: T;
  /** The shape's version; `migrations[n]` turns a version n-1 value into version n. */
  version?: number;
  migrations?: Record<number, Migration>;
}

const copy = <T>(value: T): T =>
  value === null || typeof value !== 'object' ? value : structuredClone(value);

export function defineStorageItem<T>(spec: StorageKey, options: StorageItemOptions<T>): StorageItem<T> {
  const [area, key] = spec.split(/:(.*)/s, 2) as [StorageArea, string];
  const metaKey = `${key}$`;
  const { fallback, version, migrations = {} } = options;
  const store = () => browser.storage[area];

  async function getValue(): Promise<T> {
    const stored = await store().get([key, metaKey]);
    if (!(key in stored) || stored[key] === undefined) return copy(fallback);
    let value: unknown = stored[key];
    const from = (stored[metaKey] as { v?: unknown } | undefined)?.v;
    if (version !== undefined && typeof from === 'number' && from < version) {
      for (let step = from + 1; step <= version; step++) value = migrations[step]?.(value) ?? value;
      await store().set({ [key]: value, [metaKey]: { v: version } });
    }
    return value as T;
  }

  const entries = (value: T): Record<string, unknown> =>
    version === undefined ? { [key]: value } : { [key]: value, [metaKey]: { v: version } };

  return {
    key,
    area,
    entries,
    getValue,
    async setValue(value) {
      await store().set(entries(value));
    },
    async removeValue() {
      await store().remove([key, metaKey]);
    },
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
        if (changedArea !== area || !(key in changes)) return;
        const next = changes[key]?.newValue;
        callback(next === undefined || next === null ? copy(fallback) : (next as T));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/** Writes several items of one storage area in one call: all of them land, or none. */
export async function setStorageItems<A, B>(
  first: [StorageItem<A>, A],
  second: [StorageItem<B>, B],
): Promise<void> {
  const [a, valueA] = first;
  const [b, valueB] = second;
  if (a.area !== b.area) throw new Error('setStorageItems: items must share a storage area');
  await browser.storage[a.area].set({ ...a.entries(valueA), ...b.entries(valueB) });
}
