import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** browser.i18n.getMessage over the real English catalogue, placeholders included. */
export function englishMessage(name: string, substitutions?: string | string[]): string {
  const entry = (en as Catalogue)[name];
  if (!entry) return '';
  const subs =
    substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\w+)\$/g, (_match, placeholder: string) => {
    const content = entry.placeholders?.[placeholder.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, index: string) => subs[Number(index) - 1] ?? '');
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
});

/** An event the fake browser lacks (permissions, commands): listeners can be added and triggered. */
export function fakeEvent<Args extends unknown[]>() {
  const listeners = new Set<(...args: Args) => void>();
  return {
    addListener: (listener: (...args: Args) => void) => void listeners.add(listener),
    removeListener: (listener: (...args: Args) => void) => void listeners.delete(listener),
    hasListener: (listener: (...args: Args) => void) => listeners.has(listener),
    hasListeners: () => listeners.size > 0,
    trigger: async (...args: Args) => {
      for (const listener of listeners) await listener(...args);
    },
  };
}

beforeEach(() => {
  const permissions = fakeBrowser.permissions as unknown as Record<string, unknown>;
  permissions.onRemoved = fakeEvent();
  permissions.onAdded = fakeEvent();
  permissions.contains = async () => true;
  (fakeBrowser as unknown as Record<string, unknown>).commands = { onCommand: fakeEvent<[string]>() };
});
