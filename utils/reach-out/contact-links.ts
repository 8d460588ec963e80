/**
 * Builds the one link that opens a conversation with a trusted person, from what the user typed.
 * Pure code, no browser: every link Aftercare can open comes out of here, and anything that is not
 * on the allowlist below is refused with a reason the interface can explain kindly.
 *
 * The allowlist (and nothing else):
 *   sms:<number>?body=…            RFC 5724
 *   tel:<number>                   RFC 3966
 *   mailto:<address>?subject=…&body=…   RFC 6068
 *   https://wa.me/<digits>?text=…  WhatsApp click to chat
 *   https://t.me/<username>?text=… Telegram public username link
 *   https://signal.me/#p/<+E164>   Signal "find by phone number" link
 *   https://<host>/…               a custom link the user added (https only, no user:password@)
 *
 * Aftercare never sends anything: each link only opens the other app with the message ready.
 */

export type Channel = 'sms' | 'whatsapp' | 'signal' | 'telegram' | 'email' | 'phone' | 'custom';

export const CHANNELS: readonly Channel[] = [
  'sms',
  'whatsapp',
  'signal',
  'telegram',
  'email',
  'phone',
  'custom',
];

/** Why a link was refused; the interface turns each into a kind sentence. */
export type LinkProblem =
  | 'empty'
  | 'too-long'
  | 'hidden-characters'
  | 'bad-number'
  | 'needs-country-code'
  | 'bad-email'
  | 'bad-username'
  | 'not-https'
  | 'has-userinfo'
  | 'bad-link'
  | 'message-too-long';

/** How much of the prewritten message the other app will show. */
export type Prefill = 'message' | 'subject-and-message' | 'none';

export type ContactLink =
  | {
      ok: true;
      url: string;
      /** What a person should read before the link opens: a host or an address, never a blob. */
      destination: string;
      prefill: Prefill;
    }
  | { ok: false; problem: LinkProblem };

export interface LinkRequest {
  channel: Channel;
  address: string;
  message?: string;
  /** Used as the e-mail subject. */
  subject?: string;
}

export const MAX_ADDRESS_LENGTH = 320;
export const MAX_URL_LENGTH = 2000;
export const MAX_MESSAGE_LENGTH = 1000;

/**
 * C0 and C1 control characters, DEL, and the invisible characters that can make a link read as
 * something else (zero-width spaces and joiners, bidirectional overrides, word joiner, BOM).
 * `\t`, `\n` and `\r` are allowed in messages only, never in addresses or links.
 */
// eslint-disable-next-line no-control-regex
const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/;
const HIDDEN_IN_MESSAGE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

/**
 * Half of an emoji (a lone UTF-16 surrogate, from a broken paste or damaged storage) shows as
 * nothing and cannot be percent-encoded (encodeURIComponent throws), so it counts as hidden.
 */
const isBrokenText = (text: string) => !text.isWellFormed();

export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN_CHARACTERS.test(text) || isBrokenText(text);
}

type Checked<T> = { ok: true; value: T } | { ok: false; problem: LinkProblem };

/** Phone numbers: spaces, dashes, dots and parentheses are how people write them; drop them. */
export function normalisePhoneNumber(raw: string): Checked<string> {
  const trimmed = raw.trim();
  if (!trimmed) return { ok: false, problem: 'empty' };
  if (trimmed.length > 40) return { ok: false, problem: 'too-long' };
  if (hasHiddenCharacters(trimmed)) return { ok: false, problem: 'hidden-characters' };
  let compact = trimmed.replace(/[\s().-]/g, '');
  // "00" is the international prefix in most of the world: 0044… means +44….
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  // E.164 allows at most 15 digits; short codes (988, 116 123) have at least 3.
  if (!/^\+?\d{3,15}$/.test(compact)) return { ok: false, problem: 'bad-number' };
  return { ok: true, value: compact };
}

/** WhatsApp and Signal find people by their full international number. */
function internationalNumber(raw: string): Checked<string> {
  const number = normalisePhoneNumber(raw);
  if (!number.ok) return number;
  if (!/^\+[1-9]\d{6,14}$/.test(number.value)) return { ok: false, problem: 'needs-country-code' };
  return number;
}

/**
 * A deliberately plain e-mail check: an ordinary local part (letters, digits, `.`, `_`, `+`, `'`,
 * `-`) and a domain of letter-digit-hyphen labels with a dot. Nothing in it needs escaping inside
 * a mailto: link, so no one can smuggle `?cc=` or `&bcc=` into the address.
 */
const EMAIL =
  /^[A-Za-z0-9_+'-]+(?:\.[A-Za-z0-9_+'-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function normaliseEmail(raw: string): Checked<string> {
  const trimmed = raw.trim();
  if (!trimmed) return { ok: false, problem: 'empty' };
  if (trimmed.length > 254) return { ok: false, problem: 'too-long' };
  if (hasHiddenCharacters(trimmed)) return { ok: false, problem: 'hidden-characters' };
  const address = trimmed.replace(/^mailto:/i, '');
  const local = address.split('@')[0] ?? '';
  if (!EMAIL.test(address) || local.length > 64) return { ok: false, problem: 'bad-email' };
  return { ok: true, value: address };
}

/**
 * Telegram usernames: 5 to 32 characters, letters, digits and underscores, starting with a letter
 * (https://core.telegram.org/method/account.checkUsername, https://telegram.org/faq#q-what-can-i-use-as-my-username).
 * Paths that t.me uses for other things (share, joinchat, proxy…) are not people, so they are refused:
 * "t.me/share?text=" opens a chat picker, not a direct message.
 */
const TELEGRAM_RESERVED = new Set([
  'addemoji',
  'addlist',
  'addstickers',
  'addtheme',
  'boost',
  'confirmphone',
  'contact',
  'giftcode',
  'invoice',
  'joinchat',
  'login',
  'proxy',
  'setlanguage',
  'share',
  'socks',
]);

export function normaliseTelegramUsername(raw: string): Checked<string> {
  const trimmed = raw.trim();
  if (!trimmed) return { ok: false, problem: 'empty' };
  if (trimmed.length > 60) return { ok: false, problem: 'too-long' };
  if (hasHiddenCharacters(trimmed)) return { ok: false, problem: 'hidden-characters' };
  // People paste "@sam_k" or their t.me link; both mean the username.
  const username = trimmed.replace(/^(?:https:\/\/)?t\.me\//i, '').replace(/^@/, '');
  if (!/^[A-Za-z][A-Za-z0-9_]{3,30}[A-Za-z0-9]$/.test(username) || username.includes('__'))
    return { ok: false, problem: 'bad-username' };
  if (TELEGRAM_RESERVED.has(username.toLowerCase())) return { ok: false, problem: 'bad-username' };
  return { ok: true, value: username };
}

export interface CustomLinkCheck {
  url: string;
  host: string;
}

/**
 * A link the user added themselves (a Matrix room, a Discord DM, a video room). It must be plain
 * https with a real host name; anything that could run code or hide where it goes is refused:
 * `javascript:` in any spelling (upper case, tabs or new lines inside, HTML entities such as
 * `javascript&colon;`), `data:`, `vbscript:`, `user@host` tricks like `https://wa.me@evil.example`,
 * other ports, and hidden characters.
 */
export function checkCustomLink(raw: string): Checked<CustomLinkCheck> {
  const trimmed = raw.trim();
  if (!trimmed) return { ok: false, problem: 'empty' };
  if (trimmed.length > MAX_URL_LENGTH) return { ok: false, problem: 'too-long' };
  if (hasHiddenCharacters(trimmed)) return { ok: false, problem: 'hidden-characters' };
  // Checked on the raw text, before any parser "helpfully" repairs it: browsers strip tabs and new
  // lines from URLs, so the check has to see exactly what was typed. Anything but a literal
  // "https://" at the start is refused, which covers every spelling of every other scheme.
  if (!/^https:\/\//i.test(trimmed)) return { ok: false, problem: 'not-https' };
  if (/[\\\s<>"`{}|^]/.test(trimmed)) return { ok: false, problem: 'bad-link' };
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { ok: false, problem: 'bad-link' };
  }
  if (parsed.protocol !== 'https:') return { ok: false, problem: 'not-https' };
  const authority = trimmed.slice('https://'.length).split(/[/?#]/)[0] ?? '';
  if (parsed.username || parsed.password || authority.includes('@'))
    return { ok: false, problem: 'has-userinfo' };
  if (parsed.port) return { ok: false, problem: 'bad-link' };
  // A real name with a dot; `URL` has already turned international names into punycode, which is
  // what we show, so a look-alike host cannot pass for a familiar one.
  const host = parsed.hostname;
  if (!/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(host))
    return { ok: false, problem: 'bad-link' };
  return { ok: true, value: { url: parsed.href, host } };
}

function checkMessage(message: string | undefined): Checked<string> {
  const text = (message ?? '').trim();
  if (text.length > MAX_MESSAGE_LENGTH) return { ok: false, problem: 'message-too-long' };
  if (HIDDEN_IN_MESSAGE.test(text) || isBrokenText(text)) return { ok: false, problem: 'hidden-characters' };
  return { ok: true, value: text };
}

/**
 * Percent-encoding for query values; line breaks become CRLF as RFC 6068 asks for mail bodies.
 * `!'()*` are encoded too (RFC 3986 reserves them, and browsers re-encode `'` in https queries),
 * so the link that is shown is byte for byte the link that opens.
 */
const encode = (text: string) =>
  encodeURIComponent(text.replace(/\r?\n/g, '\r\n')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export function buildContactLink({ channel, address, message, subject }: LinkRequest): ContactLink {
  if (address.length > MAX_ADDRESS_LENGTH && channel !== 'custom') return { ok: false, problem: 'too-long' };
  const body = checkMessage(message);
  if (!body.ok) return body;
  const text = body.value;

  switch (channel) {
    case 'sms': {
      const number = normalisePhoneNumber(address);
      if (!number.ok) return number;
      // RFC 5724 §2.2 defines `sms:<number>?body=<text>`, the form Android's messaging apps and
      // current iOS Messages read. iOS 8 only understood `&body=` (and Apple's old reference said
      // no body at all), but a link in the `&` form is not a valid URI; we follow the standard.
      // https://www.rfc-editor.org/rfc/rfc5724#section-2.2
      return {
        ok: true,
        url: `sms:${number.value}${text ? `?body=${encode(text)}` : ''}`,
        destination: number.value,
        prefill: text ? 'message' : 'none',
      };
    }
    case 'phone': {
      const number = normalisePhoneNumber(address);
      if (!number.ok) return number;
      // RFC 3966: a call cannot carry a message.
      return { ok: true, url: `tel:${number.value}`, destination: number.value, prefill: 'none' };
    }
    case 'email': {
      const email = normaliseEmail(address);
      if (!email.ok) return email;
      const subjectLine = (subject ?? '').trim();
      if (hasHiddenCharacters(subjectLine) || subjectLine.length > 200)
        return { ok: false, problem: 'hidden-characters' };
      // RFC 6068: `mailto:<addr>?subject=…&body=…`, every value percent-encoded (spaces as %20).
      // https://www.rfc-editor.org/rfc/rfc6068#section-2
      const query = [
        subjectLine ? `subject=${encode(subjectLine)}` : '',
        text ? `body=${encode(text)}` : '',
      ].filter(Boolean);
      return {
        ok: true,
        url: `mailto:${email.value}${query.length ? `?${query.join('&')}` : ''}`,
        destination: email.value,
        prefill: text || subjectLine ? 'subject-and-message' : 'none',
      };
    }
    case 'whatsapp': {
      const number = internationalNumber(address);
      if (!number.ok) return number;
      // WhatsApp click to chat: "https://wa.me/<number>", the full international number with no
      // +, zeros, brackets or dashes, and `?text=` with URL-encoded text.
      // https://faq.whatsapp.com/5913398998672934
      const digits = number.value.slice(1);
      return {
        ok: true,
        url: `https://wa.me/${digits}${text ? `?text=${encode(text)}` : ''}`,
        destination: `wa.me/${digits}`,
        prefill: text ? 'message' : 'none',
      };
    }
    case 'telegram': {
      const username = normaliseTelegramUsername(address);
      if (!username.ok) return username;
      // "Public username links" `t.me/<username>?text=<draft>`: for a private chat with a person
      // the app puts the text in the input field, unsent. (t.me/share/url is a chat picker, not a
      // direct message, so it is not used.)
      // https://core.telegram.org/api/links#public-username-links
      // https://core.telegram.org/tdlib/docs/classtd_1_1td__api_1_1internal_link_type_public_chat.html
      return {
        ok: true,
        url: `https://t.me/${username.value}${text ? `?text=${encode(text)}` : ''}`,
        destination: `t.me/${username.value}`,
        prefill: text ? 'message' : 'none',
      };
    }
    case 'signal': {
      const number = internationalNumber(address);
      if (!number.ok) return number;
      // Signal's "find by phone number" link. The number sits in the fragment, which browsers never
      // send to signal.me's server. Signal offers no way to prefill a message, so the interface
      // says so and offers to copy it.
      return {
        ok: true,
        url: `https://signal.me/#p/${number.value}`,
        destination: `signal.me · ${number.value}`,
        prefill: 'none',
      };
    }
    case 'custom': {
      const link = checkCustomLink(address);
      if (!link.ok) return link;
      return { ok: true, url: link.value.url, destination: link.value.host, prefill: 'none' };
    }
    default:
      return { ok: false, problem: 'bad-link' };
  }
}

const FIXED_HOSTS: Record<string, string> = { 'wa.me': '/', 't.me': '/', 'signal.me': '/' };

/**
 * The last gate before anything opens: true only for links of the allowlisted shapes. Used on every
 * link right before it is opened, even ones this module built, so a tampered value in storage can
 * never reach the browser.
 */
export function isAllowedContactUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH + 1200 || hasHiddenCharacters(url)) return false;
  if (/^sms:\+?\d{3,15}(?:\?body=[A-Za-z0-9%._~!*'()-]*)?$/.test(url)) return true;
  if (/^tel:\+?\d{3,15}$/.test(url)) return true;
  if (/^mailto:[A-Za-z0-9_.+'-]+@[A-Za-z0-9.-]+(?:\?[A-Za-z0-9%._~!*'()=&-]*)?$/.test(url)) return true;
  if (!/^https:\/\//.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  if (parsed.href !== url) return false;
  if (parsed.hostname in FIXED_HOSTS) return true;
  return checkCustomLink(url).ok;
}
