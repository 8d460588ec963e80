import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/**
 * An interface string from `_locales`. Keys are checked against the English catalogue at compile
 * time, so a missing string is a type error rather than an empty label.
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  const getMessage = browser.i18n.getMessage as (name: string, subs?: string | string[]) => string;
  return getMessage(key, substitutions) || key;
}

/**
 * Marks a page with the language of the strings it shows, so a screen reader reads German with a
 * German voice (the HTML files say `en` until this runs), and gives it a title in that language.
 * The tag comes from the catalogue in use, not the browser's locale, which may have no catalogue.
 */
export function localizePage(doc: Document, title?: string): void {
  doc.documentElement.lang = t('pageLanguage');
  if (title !== undefined) doc.title = title;
}
