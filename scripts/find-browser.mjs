// Finds a Chromium-family browser to load the extension into, without downloading anything.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export const HOW_TO_GET_A_BROWSER = `Aftercare needs Chromium or Chrome to run, and none was found.
Any one of these will do:
  - Debian/Ubuntu:  sudo apt-get install -y chromium
  - With internet:  npx puppeteer browsers install chrome
  - Already have one somewhere else:  CHROME_PATH=/path/to/chrome npm start`;

/** @returns {Promise<string | null>} */
export async function findChromium() {
  for (const variable of ['CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH']) {
    const value = process.env[variable];
    if (value) {
      if (existsSync(value)) return value;
      throw new Error(`${variable} is set to ${value}, but there is no file there.`);
    }
  }
  for (const candidate of CANDIDATES) if (existsSync(candidate)) return candidate;
  try {
    // The browser puppeteer manages, if someone installed it (npx puppeteer browsers install chrome).
    const { default: puppeteer } = await import('puppeteer');
    const managed = puppeteer.executablePath();
    if (managed && existsSync(managed)) return managed;
  } catch {
    // No managed browser: fall through to the explanation.
  }
  return null;
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
