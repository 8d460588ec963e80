// Puppeteer's postinstall downloads a browser from outside the npm registry, which fails on
// machines that can only reach the registry. We find a browser ourselves (scripts/find-browser.mjs).
/** @type {import("puppeteer").Configuration} */
module.exports = { skipDownload: true };
