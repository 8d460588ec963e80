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

// WXT's fake browser has no in-memory `commands.onCommand` (keyboard shortcuts): a minimal one,
// fresh for every test, with `trigger` like the fake's other events.
beforeEach(() => {
  const listeners = new Set<(command: string) => void>();
  (fakeBrowser.commands as { onCommand: unknown }).onCommand = {
    addListener: (listener: (command: string) => void) => void listeners.add(listener),
    removeListener: (listener: (command: string) => void) => void listeners.delete(listener),
    hasListener: (listener: (command: string) => void) => listeners.has(listener),
    hasListeners: () => listeners.size > 0,
    trigger: async (command: string) => Promise.all([...listeners].map((listener) => listener(command))),
  };
});
