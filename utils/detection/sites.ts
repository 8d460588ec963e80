/**
 * The sites Aftercare can watch, described as data. A site says which URLs mean "in a session"
 * and which mean "the session just ended"; the session tracker does the rest.
 *
 * Paths are regular-expression sources tested against the URL's pathname. Every preset's paths
 * start with `^/`, so a preset can be moved under a path prefix (a self-hosted Jitsi at
 * `https://example.org/jitsi/`, or a stand-in page in the tests) by `rebasePath`.
 *
 * Aftercare only sees URLs (tab events), never what is on a page. Where a site's "you left" screen
 * keeps the call's URL (Google Meet, Whereby, the chat sites), the end is noticed when the tab closes
 * or moves to another address; the grace period keeps a quick rejoin in the same session.
 */
export interface SiteDefinition {
  id: string;
  name: string;
  kind: 'video' | 'chat' | 'practice' | 'custom';
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

/**
 * Sources for the URL shapes (looked up in November 2026; sites change, so each shape is kept
 * loose enough to survive a query string and strict enough not to match a lobby or settings page):
 * - Google Meet: a meeting code is ten letters in a 3-4-3 pattern, `meet.google.com/abc-defg-hij`
 *   (https://techcult.com/what-are-google-meet-codes/); nicknamed meetings use
 *   `meet.google.com/lookup/<nickname>` (https://sites.google.com/rioschools.org/riotech/tech-pd-tray/meet-tips).
 *   Leaving shows "You left the meeting" on the same URL, so there is no ended path.
 * - Zoom web client: `zoom.us/wc/<meeting id>/join` (embedded in
 *   Adnane-Boukhmili/GetManager resources/views/meeting-iframe.blade.php), also `/wc/join/<id>`
 *   and `/wc/<id>/start`, on `zoom.us`, `app.zoom.us` and vanity `<company>.zoom.us` hosts. The
 *   web client's exit pages are `/wc/leave` and the feedback page `/postattendee`.
 * - Microsoft Teams (web): join links are `teams.microsoft.com/l/meetup-join/...`, the browser
 *   join flow goes through `/light-meetings/launch?coords=...` (parsed in meeting-bot code found
 *   by the code search, `convertLightMeetingToStandard`), and Teams (free) links are
 *   `teams.live.com/meet/<number>` (https://support.microsoft.com/en-us/office/create-a-meeting-in-microsoft-teams-free-eb571219-517b-49bf-afe1-4fff091efa85).
 * - Whereby (formerly appear.in, https://gitlab.com/gitlab-com/www-gitlab-com/issues/5332): a room
 *   is `whereby.com/<room-name>` or `<team>.whereby.com/<room-name>`; a few top-level pages are
 *   not rooms and are excluded by name.
 * - Jitsi Meet: a room is `meet.jit.si/<RoomName>`; after hanging up, guests are sent to
 *   `/static/close.html`, `close2.html` or `close3.html` (jitsi/jitsi-meet `static/`).
 * - Discord: text and voice channels live at `discord.com/channels/<guild id>/<channel id>` and
 *   direct messages at `/channels/@me/<id>` (gist.github.com/7coil, gist.github.com/LudusLight).
 * - Google Chat: `chat.google.com/room/<id>` and `/dm/<id>`.
 * - Messenger: conversations are `www.messenger.com/t/<id>`, group calls `/groupcall/...`.
 * - WhatsApp Web: one page at `web.whatsapp.com/`; the open chat is not in the URL, so being on
 *   the page is the session.
 * - Telegram Web: the two clients live at `web.telegram.org/k/` and `/a/`, with the chat in the
 *   hash (which Aftercare never reads).
 *
 * Chat sites get a longer default minimum: a glance at messages is not a session.
 */
export const PRESET_SITES: readonly SiteDefinition[] = [
  {
    id: 'meet',
    name: 'Google Meet',
    kind: 'video',
    origins: ['https://meet.google.com'],
    sessionPath: '^/(?:[a-z]{3}-[a-z]{4}-[a-z]{3}|lookup/[\\w-]+)/?$',
    minSessionSeconds: 120,
  },
  {
    id: 'zoom',
    name: 'Zoom',
    kind: 'video',
    origins: ['https://zoom.us', 'https://*.zoom.us'],
    sessionPath: '^/wc/(?:\\d+/(?:join|start)|join/\\d+)/?$',
    endedPath: '^/(?:wc/leave|postattendee)/?$',
    minSessionSeconds: 120,
  },
  {
    id: 'teams',
    name: 'Microsoft Teams',
    kind: 'video',
    origins: ['https://teams.microsoft.com', 'https://teams.live.com'],
    sessionPath: '^/(?:l/meetup-join/.+|light-meetings/launch|meet/\\d+)/?$',
    minSessionSeconds: 120,
  },
  {
    id: 'whereby',
    name: 'Whereby',
    kind: 'video',
    origins: ['https://whereby.com', 'https://*.whereby.com'],
    sessionPath:
      '^/(?!(?:user|login|signup|information|org|pricing|about|blog|legal|download|embed)(?:/|$))[\\w-]+/?$',
    minSessionSeconds: 120,
  },
  {
    id: 'jitsi',
    name: 'Jitsi Meet',
    kind: 'video',
    origins: ['https://meet.jit.si'],
    sessionPath: '^/(?!static/)[^/.]+/?$',
    endedPath: '^/static/close\\d?\\.html$',
    minSessionSeconds: 120,
  },
  {
    id: 'discord',
    name: 'Discord',
    kind: 'chat',
    origins: ['https://discord.com'],
    sessionPath: '^/channels/(?:@me|\\d+)/\\d+/?$',
    minSessionSeconds: 600,
  },
  {
    id: 'google-chat',
    name: 'Google Chat',
    kind: 'chat',
    origins: ['https://chat.google.com'],
    sessionPath: '^/(?:u/\\d+/)?(?:room|dm)/[\\w-]+/?$',
    minSessionSeconds: 600,
  },
  {
    id: 'messenger',
    name: 'Messenger',
    kind: 'chat',
    origins: ['https://www.messenger.com'],
    sessionPath: '^/(?:t|groupcall)/.+$',
    minSessionSeconds: 600,
  },
  {
    id: 'whatsapp',
    name: 'WhatsApp Web',
    kind: 'chat',
    origins: ['https://web.whatsapp.com'],
    sessionPath: '^/$',
    minSessionSeconds: 600,
  },
  {
    id: 'telegram',
    name: 'Telegram Web',
    kind: 'chat',
    origins: ['https://web.telegram.org'],
    sessionPath: '^/(?:[ak]/?)?$',
    minSessionSeconds: 600,
  },
  PRACTICE_SITE,
];

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

/**
 * Which watched site a URL belongs to, and what it says about a session there. Several sites may
 * share an origin (a custom site under a path of a preset's host): a site whose session or ended
 * path matches wins; otherwise the URL is "elsewhere" on the first site with that origin.
 */
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
  let elsewhere: UrlClassification | null = null;
  for (const site of sites) {
    if (!site.origins.some((origin) => originMatches(origin, url))) continue;
    if (new RegExp(site.sessionPath).test(url.pathname)) return { siteId: site.id, phase: 'session' };
    if (site.endedPath && new RegExp(site.endedPath).test(url.pathname)) {
      return { siteId: site.id, phase: 'ended' };
    }
    elsewhere ??= { siteId: site.id, phase: 'elsewhere' };
  }
  return elsewhere;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Moves a `^/...` path pattern under a path prefix such as `/jitsi`. */
export function rebasePath(pattern: string, prefix: string): string {
  if (!prefix) return pattern;
  if (!pattern.startsWith('^/')) throw new Error(`A site path must start with ^/: ${pattern}`);
  return `^${escapeRegExp(prefix)}/${pattern.slice(2)}`;
}

/**
 * A site the user added. `origin` is `https://host` or `https://*.host`; `pathPrefix` narrows the
 * pages that count (`/room` means `/room` and everything under it); `like` reuses a preset's URL
 * shapes on another host (a self-hosted Jitsi or Whereby).
 */
export interface CustomSite {
  id: string;
  name: string;
  origin: string;
  pathPrefix: string;
  like?: string;
  minSessionSeconds?: number;
}

export const CUSTOM_SITE_DEFAULT_MIN_SECONDS = 120;

export function customSiteDefinition(custom: CustomSite): SiteDefinition {
  const preset = custom.like ? PRESET_SITES.find((site) => site.id === custom.like) : undefined;
  const prefix = custom.pathPrefix;
  const sessionPath = preset
    ? rebasePath(preset.sessionPath, prefix)
    : prefix
      ? `^${escapeRegExp(prefix)}(?:/.*)?$`
      : '^/';
  return {
    id: custom.id,
    name: custom.name,
    kind: 'custom',
    origins: [custom.origin],
    sessionPath,
    ...(preset?.endedPath ? { endedPath: rebasePath(preset.endedPath, prefix) } : {}),
    minSessionSeconds:
      custom.minSessionSeconds ?? preset?.minSessionSeconds ?? CUSTOM_SITE_DEFAULT_MIN_SECONDS,
  };
}

export type CustomSiteError = 'empty' | 'not-a-site' | 'not-web' | 'too-broad';

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Second-level names under which anyone can register a domain (`co.uk`, `com.au`, `or.jp`...):
 * `*.co.uk` is as broad as `*.uk`. Not the whole Public Suffix List, which would be a large file
 * to ship and keep fresh; the common pattern of a generic label under a two-letter country code.
 */
const OPEN_SECOND_LEVEL = new Set([
  'ac',
  'co',
  'com',
  'edu',
  'go',
  'gob',
  'gov',
  'ltd',
  'ne',
  'net',
  'or',
  'org',
  'plc',
  'sch',
]);

function coversWholeRegistry(labels: string[]): boolean {
  // A wildcard over a numeric address ("*.0.0.1") names no site at all.
  if (labels.every((label) => /^\d+$/.test(label))) return true;
  return labels.length === 2 && /^[a-z]{2}$/.test(labels[1]!) && OPEN_SECOND_LEVEL.has(labels[0]!);
}

/**
 * Reads what the user typed ("meet.example.org", "https://*.example.org/room", "example.org/calls")
 * into an origin pattern and a path prefix. Only http(s); a bare host means https. A lone `*` or a
 * wildcard over a whole top-level domain is refused: Aftercare never asks for everything.
 */
export function parseSiteAddress(
  input: string,
): { ok: true; origin: string; pathPrefix: string } | { ok: false; error: CustomSiteError } {
  const text = input.trim();
  if (!text) return { ok: false, error: 'empty' };
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : 'https';
  if (scheme !== 'https' && scheme !== 'http') return { ok: false, error: 'not-web' };
  const rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const slash = rest.search(/[/?#]/);
  const hostPart = (slash === -1 ? rest : rest.slice(0, slash)).toLowerCase();
  const pathPart = slash === -1 ? '' : rest.slice(slash);
  const wildcard = hostPart.startsWith('*.');
  const host = (wildcard ? hostPart.slice(2) : hostPart).replace(/:\d+$/, '');
  if (host.includes('*') || hostPart === '*') return { ok: false, error: 'too-broad' };
  const labels = host.split('.');
  if (!host || !labels.every((label) => HOST_LABEL.test(label))) return { ok: false, error: 'not-a-site' };
  if (wildcard && (labels.length < 2 || coversWholeRegistry(labels)))
    return { ok: false, error: 'too-broad' };
  if (!wildcard && labels.length < 2 && host !== 'localhost') return { ok: false, error: 'not-a-site' };
  let pathPrefix = '';
  if (pathPart.startsWith('/')) {
    const path = pathPart.replace(/[?#].*$/, '').replace(/\/+$/, '');
    try {
      pathPrefix = decodeURI(path);
    } catch {
      return { ok: false, error: 'not-a-site' };
    }
  }
  return { ok: true, origin: `${scheme}://${wildcard ? '*.' : ''}${host}`, pathPrefix };
}

/** A stable id for a custom site, from what makes it unique. */
export function customSiteId(origin: string, pathPrefix: string): string {
  const slug = `${origin.replace(/^https?:\/\//, '').replace(/^\*\./, 'any.')}${pathPrefix}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `custom-${slug}`;
}
