import { PRESET_SITES, hostPermissionPatterns } from './sites';

/**
 * Extension pages may load only their own files and may open no network connection at all
 * (`connect-src 'none'`): Aftercare has no server, so any request would be a bug or an attack.
 */
export const extensionPagesCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

export interface PermissionPolicy {
  permissions: string[];
  hostPermissions: string[];
  optionalHostPermissions: string[];
  firefoxMinVersion: string;
}

/**
 * What each build asks for. Host access to call sites is only ever optional and requested per
 * site from a click. The `practice` build (npm start and the end-to-end tests) is the one
 * exception: puppeteer cannot click the browser's permission dialog, so that build is granted the
 * local practice site up front. Production builds never are; the manifest test proves it.
 */
export function intendedPermissions({ mode }: { browser: string; mode: string }): PermissionPolicy {
  const optionalHostPermissions = [...new Set(PRESET_SITES.flatMap(hostPermissionPatterns))];
  return {
    // unlimitedStorage: the journal may outgrow the default quota after years of writing, and
    // with it Chrome treats the extension's storage as persistent (never evicted).
    permissions: ['storage', 'unlimitedStorage'],
    hostPermissions: mode === 'practice' ? ['http://127.0.0.1/*'] : [],
    optionalHostPermissions,
    // Firefox 140 (ESR) is the first to read `data_collection_permissions`, which declares that
    // Aftercare collects nothing; everything else we use works from 128.
    firefoxMinVersion: '140.0',
  };
}
