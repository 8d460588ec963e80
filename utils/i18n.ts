import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/**
 * An interface string from `_locales`. Keys are checked against the English catalogue at compile
 * time, so a missing string is a type error rather than an empty label.
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  const getMessage = browser.i18n.getMessage as (name: string, subs?: string | string[]) => string;
  return getMessage(key, substitutions) || key;
}
