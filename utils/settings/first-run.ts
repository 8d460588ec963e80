import { browser, type Browser } from 'wxt/browser';

/** The first-run guide. Also linked from the options page, so every step can be found again. */
export const WELCOME_PATH = '/welcome.html';

/** Only a fresh install opens the guide: an update or a browser update must never open a tab. */
export function shouldOpenWelcome(details: Pick<Browser.runtime.InstalledDetails, 'reason'>): boolean {
  return details.reason === 'install';
}

export function registerFirstRun(): void {
  browser.runtime.onInstalled.addListener((details) => {
    if (shouldOpenWelcome(details)) void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) });
  });
}

/**
 * The guide's steps, in order. Each has its own address (`welcome.html#contact`), so the options
 * page can send someone straight back to one step.
 */
export const WELCOME_STEPS = ['about', 'sites', 'asking', 'contact', 'lock', 'practice'] as const;
export type WelcomeStep = (typeof WELCOME_STEPS)[number];

/** The step a `#hash` names, among the steps on offer; the first one otherwise. */
export function stepFromHash(hash: string, offered: readonly WelcomeStep[] = WELCOME_STEPS): WelcomeStep {
  const name = hash.replace(/^#/, '');
  return offered.find((step) => step === name) ?? offered[0] ?? 'about';
}
