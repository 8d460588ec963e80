import { PRESET_SITES, hostPermissionPatterns } from '../detection/sites';

/**
 * Extension pages may load only their own files and may open no network connection at all
 * (`connect-src 'none'`): Aftercare has no server, so any request would be a bug or an attack.
 * The one inline thing allowed is the check-in window's stylesheet, by its hash
 * (`'sha256-…'`, from the build: utils/check-in/shell.ts), so that window paints from its HTML alone.
 */
export function extensionPagesCsp(styleHashes: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    ["style-src 'self'", ...styleHashes].join(' '),
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * Custom sites: the user may add any web site by address, and `permissions.request` only grants
 * origins the manifest lists as optional. Listing every http(s) host as OPTIONAL grants nothing at
 * install (no install warning, no access): each host is still asked for one at a time, from the
 * user's click, by its exact pattern (see OptionsApp). They are never in `host_permissions`, and
 * the manifest test checks both that and that nothing ever asks for `<all_urls>`.
 */
export const CUSTOM_SITE_HOST_PERMISSIONS = ['https://*/*', 'http://*/*'] as const;

export interface PermissionPolicy {
  permissions: string[];
  hostPermissions: string[];
  optionalHostPermissions: string[];
  optionalPermissions: string[];
  firefoxMinVersion: string;
  chromeMinVersion: string;
}

/**
 * What each build asks for. Host access to call sites is only ever optional and requested per
 * site from a click. The `practice` build (npm start and the end-to-end tests) is the one
 * exception: puppeteer cannot click the browser's permission dialog, so that build is granted the
 * local practice site up front. Production builds never are; the manifest test proves it.
 */
export function intendedPermissions({ mode }: { browser: string; mode: string }): PermissionPolicy {
  const optionalHostPermissions = [
    ...new Set(PRESET_SITES.flatMap(hostPermissionPatterns)),
    ...CUSTOM_SITE_HOST_PERMISSIONS,
  ];
  return {
    // `alarms`: grace periods and follow-ups must survive the MV3 worker stopping, and a timer in
    // memory would not. No `tabs`: tab URLs are visible only on the sites the user allowed.
    // `unlimitedStorage`: the journal may outgrow the default quota after years of writing, and
    // with it Chrome treats the extension's storage as persistent (never evicted).
    permissions: ['storage', 'alarms', 'unlimitedStorage'],
    hostPermissions: mode === 'practice' ? ['http://127.0.0.1/*'] : [],
    optionalHostPermissions,
    // `notifications`: only for the "quiet notification" way of offering a check-in, asked from
    // the click that chooses it and given back when another way is chosen. Never required.
    optionalPermissions: ['notifications'],
    // Firefox 140 (ESR) is the first to read `data_collection_permissions`, which declares that
    // Aftercare collects nothing; everything else we use works from 128.
    firefoxMinVersion: '140.0',
    // Chrome 148 is the first with the promise-based `browser` namespace everywhere (pages, worker,
    // content scripts), which the code calls directly instead of through webextension-polyfill.
    chromeMinVersion: '148',
  };
}
