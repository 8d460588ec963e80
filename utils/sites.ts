/**
 * The sites Aftercare can watch, described as data. A site says which URLs mean "in a session"
 * and which mean "the session just ended"; the session tracker does the rest.
 *
 * Paths are regular-expression sources tested against the URL's pathname.
 */
export interface SiteDefinition {
  id: string;
  name: string;
  kind: 'video' | 'chat' | 'practice';
  /** Scheme and host, with an optional `*.` subdomain wildcard. The port never matters. */
  origins: string[];
  sessionPath: string;
  endedPath?: string;
  /** Sessions shorter than this end without a prompt. */
  minSessionSeconds: number;
}

export const PRACTICE_SITE: SiteDefinition = {
  id: 'practice',
  name: 'Practice call',
  kind: 'practice',
  origins: ['http://127.0.0.1'],
  // The practice page (practice/index.html) mirrors Google Meet's shape: a lobby at `/`, the call
  // at `/call/<room>`, a "you left" page at `/left`.
  sessionPath: '^/call/[\\w-]+/?$',
  endedPath: '^/left/?$',
  minSessionSeconds: 0,
};

export const PRESET_SITES: readonly SiteDefinition[] = [PRACTICE_SITE];

export function hostPermissionPatterns(site: SiteDefinition): string[] {
  return site.origins.map((origin) => `${origin}/*`);
}

export type UrlPhase = 'session' | 'ended' | 'elsewhere';

export interface UrlClassification {
  siteId: string;
  phase: UrlPhase;
}

function originMatches(origin: string, url: URL): boolean {
  const [scheme, host] = origin.split('://') as [string, string];
  if (url.protocol !== `${scheme}:`) return false;
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    return url.hostname === base || url.hostname.endsWith(`.${base}`);
  }
  return url.hostname === host;
}

/** Which watched site a URL belongs to, and what it says about a session there. */
export function classifyUrl(
  rawUrl: string | undefined,
  sites: readonly SiteDefinition[],
): UrlClassification | null {
  if (!rawUrl) return null;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  for (const site of sites) {
    if (!site.origins.some((origin) => originMatches(origin, url))) continue;
    if (new RegExp(site.sessionPath).test(url.pathname)) return { siteId: site.id, phase: 'session' };
    if (site.endedPath && new RegExp(site.endedPath).test(url.pathname)) {
      return { siteId: site.id, phase: 'ended' };
    }
    return { siteId: site.id, phase: 'elsewhere' };
  }
  return null;
}
