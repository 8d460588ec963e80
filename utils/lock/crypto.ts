/**
 * Passphrase encryption for the journal, on WebCrypto only (no library, nothing leaves the device).
 *
 * - Key: PBKDF2-SHA256 over the passphrase (Unicode NFC, UTF-8), a random 16-byte salt, at least
 *   600,000 iterations (OWASP's figure for PBKDF2-HMAC-SHA256), giving an AES-GCM 256-bit key.
 * - Every record: AES-GCM with a fresh random 12-byte IV and a 128-bit tag. The record carries how it
 *   was made ({ v, alg, kdf, iter, salt, iv, data }), so the parameters can be raised later and old
 *   records still open. Those header fields and a caller's context (such as the record's id) are
 *   authenticated as additional data: changing any of them, or moving a record to another id, makes
 *   it fail to open instead of opening wrong.
 * - A key check (a fixed text sealed with the key) tells a wrong passphrase apart from damage: a
 *   wrong passphrase is refused before anything is decrypted.
 *
 * Shape borrowed from bitwarden/clients: crypto behind one small interface, records that say how
 * they were made.
 */

export const CRYPTO_VERSION = 1;
export const CIPHER_ALGORITHM = 'AES-GCM';
export const KDF_ALGORITHM = 'PBKDF2-SHA256';
/** OWASP Password Storage Cheat Sheet (2023+): PBKDF2-HMAC-SHA256, 600,000 iterations. */
export const MIN_ITERATIONS = 600_000;
/** Anything far above this is a damaged or hostile record, not a setting we would ever choose. */
export const MAX_ITERATIONS = 100_000_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
const KEY_CHECK_TEXT = 'aftercare key check v1';
const KEY_CHECK_CONTEXT = 'key-check';

/** How a key is made from a passphrase: stored next to the data, never secret. */
export interface KeyParams {
  kdf: typeof KDF_ALGORITHM;
  iter: number;
  /** base64 */
  salt: string;
}

/** One encrypted value, self-describing. Every binary field is standard base64. */
export interface EncryptedRecord extends KeyParams {
  v: typeof CRYPTO_VERSION;
  alg: typeof CIPHER_ALGORITHM;
  /** base64, 12 bytes */
  iv: string;
  /** base64: ciphertext followed by the 16-byte GCM tag */
  data: string;
}

export type CryptoErrorCode = 'wrong-passphrase' | 'damaged' | 'unsupported' | 'other-key';

/** Every failure here is one of these, with a plain code for the UI to word kindly. */
export class JournalCryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'JournalCryptoError';
  }
}

/** An unlocked key: what the rest of Aftercare holds instead of a passphrase. */
export interface JournalCipher {
  readonly params: KeyParams;
  readonly key: CryptoKey;
  /** Seals text; `context` (e.g. `journal-entries/<id>`) must be given again to open it. */
  encrypt(plaintext: string, context?: string): Promise<EncryptedRecord>;
  decrypt(record: EncryptedRecord, context?: string): Promise<string>;
}

export interface Randomness {
  (byteLength: number): Uint8Array<ArrayBuffer>;
}

const secureRandom: Randomness = (byteLength) => crypto.getRandomValues(new Uint8Array(byteLength));

// ── base64 and text ──

export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

const notBase64 = () => new JournalCryptoError('damaged', 'This record is damaged (not valid base64).');

/**
 * Standard base64 with its padding, nothing else (no whitespace, no URL alphabet). Uses the
 * browser's own decoder where there is one (Chrome 140, Firefox 133): it refuses any character
 * outside the alphabet and only skips whitespace, which the length check then catches.
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string' || text.length % 4 !== 0) throw notBase64();
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> })
    .fromBase64;
  if (typeof native === 'function') {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = native.call(Uint8Array, text);
    } catch {
      throw notBase64();
    }
    const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
    if (bytes.length !== (text.length / 4) * 3 - padding) throw notBase64();
    return bytes;
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw notBase64();
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text);
// `fatal`: bytes that are not UTF-8 are damage, not text to guess at. One decoder serves every
// record: decoding without `stream` starts afresh each time.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The same passphrase typed on any keyboard or OS gives the same key (é precomposed or not). */
export const passphraseBytes = (passphrase: string): Uint8Array<ArrayBuffer> =>
  utf8(passphrase.normalize('NFC'));

/**
 * The additional authenticated data: the header fields and the caller's context, so no field of a
 * record can be swapped or edited without the tag failing.
 */
export function additionalData(
  record: Omit<EncryptedRecord, 'data' | 'iv'>,
  context = '',
): Uint8Array<ArrayBuffer> {
  return utf8(`aftercare|v${record.v}|${record.alg}|${record.kdf}|${record.iter}|${record.salt}|${context}`);
}

// ── checks ──

function checkIterations(iter: unknown): number {
  if (typeof iter !== 'number' || !Number.isSafeInteger(iter) || iter > MAX_ITERATIONS) {
    throw new JournalCryptoError('damaged', 'This record is damaged (bad iteration count).');
  }
  if (iter < MIN_ITERATIONS) {
    throw new JournalCryptoError(
      'unsupported',
      `This record uses ${iter} iterations; Aftercare needs at least ${MIN_ITERATIONS}.`,
    );
  }
  return iter;
}

/** Validates a value read from storage; throws a clear error for anything that is not a record. */
export function parseEncryptedRecord(value: unknown): EncryptedRecord {
  return decodeEncryptedRecord(value).record;
}

/** Salts already seen to decode to 16 bytes: every record of a journal carries the same one. */
const goodSalts = new Set<string>();

/**
 * `parseEncryptedRecord`, also handing back the IV and ciphertext bytes it decoded on the way, so
 * opening a record decodes each field once.
 */
function decodeEncryptedRecord(value: unknown): {
  record: EncryptedRecord;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
} {
  const r = value as Partial<EncryptedRecord> | null;
  if (typeof r !== 'object' || r === null) {
    throw new JournalCryptoError('damaged', 'This record is damaged (not an encrypted record).');
  }
  if (r.v !== CRYPTO_VERSION || r.alg !== CIPHER_ALGORITHM || r.kdf !== KDF_ALGORITHM) {
    throw new JournalCryptoError(
      'unsupported',
      'This record was made by a newer or unknown version of Aftercare.',
    );
  }
  checkIterations(r.iter);
  if (!goodSalts.has(r.salt as string)) {
    if (fromBase64(r.salt as string).length !== SALT_BYTES) {
      throw new JournalCryptoError('damaged', 'This record is damaged (bad salt).');
    }
    if (goodSalts.size > 16) goodSalts.clear();
    goodSalts.add(r.salt as string);
  }
  const iv = fromBase64(r.iv as string);
  if (iv.length !== IV_BYTES) {
    throw new JournalCryptoError('damaged', 'This record is damaged (bad IV).');
  }
  const data = fromBase64(r.data as string);
  if (data.length < 16) {
    throw new JournalCryptoError('damaged', 'This record is damaged (too short).');
  }
  const record = { v: r.v, alg: r.alg, kdf: r.kdf, iter: r.iter!, salt: r.salt!, iv: r.iv!, data: r.data! };
  return { record, iv, data };
}

// ── keys ──

export function newKeyParams(
  { iterations = MIN_ITERATIONS, random = secureRandom } = {} as {
    iterations?: number;
    random?: Randomness;
  },
): KeyParams {
  return { kdf: KDF_ALGORITHM, iter: checkIterations(iterations), salt: toBase64(random(SALT_BYTES)) };
}

/**
 * Derives the AES-GCM key. `extractable` only for the copy kept in `storage.session` (see
 * lock/lock.ts); everywhere else the key cannot be read back out of WebCrypto.
 */
export async function deriveKey(
  passphrase: string,
  params: KeyParams,
  { extractable = false } = {},
): Promise<CryptoKey> {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new JournalCryptoError('wrong-passphrase', 'Please enter your passphrase.');
  }
  const material = await crypto.subtle.importKey('raw', passphraseBytes(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    {
      name: 'PBKDF2',
      hash: 'SHA-256',
      salt: fromBase64(params.salt),
      iterations: checkIterations(params.iter),
    },
    material,
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  );
}

/** Wraps a derived (or restored) key and the parameters it was made with. */
export function cipherFromKey(
  key: CryptoKey,
  params: KeyParams,
  { random = secureRandom }: { random?: Randomness } = {},
): JournalCipher {
  const sameParams = (record: KeyParams) =>
    record.kdf === params.kdf && record.iter === params.iter && record.salt === params.salt;
  // Every record this key seals or opens has this key's header (opening checks `sameParams`, and
  // the version and algorithm are checked on parsing), so `additionalData` is this text plus the
  // context: built once, not per record.
  const header = { v: CRYPTO_VERSION, alg: CIPHER_ALGORITHM, ...params } as const;
  const aadPrefix = new TextDecoder().decode(additionalData(header));
  const aad = (context: string) => utf8(aadPrefix + context);
  return {
    params,
    key,
    async encrypt(plaintext, context = '') {
      if (typeof plaintext !== 'string') throw new TypeError('Only text can be encrypted.');
      const iv = random(IV_BYTES);
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: aad(context), tagLength: 128 },
        key,
        utf8(plaintext),
      );
      return { ...header, iv: toBase64(iv), data: toBase64(new Uint8Array(sealed)) };
    },
    async decrypt(value, context = '') {
      const { record, iv, data } = decodeEncryptedRecord(value);
      if (!sameParams(record)) {
        throw new JournalCryptoError('other-key', 'This record was sealed with another key.');
      }
      let opened: ArrayBuffer;
      try {
        opened = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv, additionalData: aad(context), tagLength: 128 },
          key,
          data,
        );
      } catch {
        throw new JournalCryptoError(
          'damaged',
          'This record could not be opened: it was changed or damaged.',
        );
      }
      try {
        return strictUtf8.decode(opened);
      } catch {
        throw new JournalCryptoError('damaged', 'This record is damaged (not text).');
      }
    },
  };
}

/** A key check for a new passphrase, and the cipher to use with it. */
export async function createPassphraseKey(
  passphrase: string,
  options: { iterations?: number; random?: Randomness; extractable?: boolean } = {},
): Promise<{ cipher: JournalCipher; keyCheck: EncryptedRecord }> {
  const params = newKeyParams(options);
  const key = await deriveKey(passphrase, params, options);
  const cipher = cipherFromKey(key, params, options);
  return { cipher, keyCheck: await cipher.encrypt(KEY_CHECK_TEXT, KEY_CHECK_CONTEXT) };
}

/**
 * Opens the journal's key with a passphrase. A wrong passphrase throws `wrong-passphrase` and
 * nothing else gets decrypted; the key check's own parameters are used, so raising the default
 * iteration count later never locks anyone out.
 */
export async function unlockWithPassphrase(
  passphrase: string,
  keyCheck: EncryptedRecord,
  options: { random?: Randomness; extractable?: boolean } = {},
): Promise<JournalCipher> {
  const record = parseEncryptedRecord(keyCheck);
  const key = await deriveKey(passphrase, record, options);
  const cipher = cipherFromKey(key, { kdf: record.kdf, iter: record.iter, salt: record.salt }, options);
  let text: string;
  try {
    text = await cipher.decrypt(record, KEY_CHECK_CONTEXT);
  } catch {
    throw new JournalCryptoError('wrong-passphrase', 'That passphrase does not open this journal.');
  }
  if (text !== KEY_CHECK_TEXT) {
    throw new JournalCryptoError('wrong-passphrase', 'That passphrase does not open this journal.');
  }
  return cipher;
}

/** Raw key bytes for `storage.session` only (cleared when the browser closes). */
export async function exportSessionKey(cipher: JournalCipher): Promise<{ params: KeyParams; raw: string }> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', cipher.key));
  return { params: cipher.params, raw: toBase64(raw) };
}

/** Restores a key from `storage.session`, non-extractable from then on. */
export async function importSessionKey(stored: { params: KeyParams; raw: string }): Promise<JournalCipher> {
  const raw = fromBase64(stored.raw);
  if (raw.length !== 32) throw new JournalCryptoError('damaged', 'The saved key is damaged.');
  const { kdf, iter, salt } = stored.params;
  if (kdf !== KDF_ALGORITHM || fromBase64(salt).length !== SALT_BYTES) {
    throw new JournalCryptoError('damaged', 'The saved key is damaged.');
  }
  checkIterations(iter);
  const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  return cipherFromKey(key, { kdf, iter, salt });
}
