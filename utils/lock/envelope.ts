import { JournalCryptoError, fromBase64, toBase64, type EncryptedRecord, type JournalCipher } from './crypto';

/**
 * Writing while the journal is locked: an envelope to a public key, so a check-in can be saved
 * (and its draft kept) without the passphrase, and read back only after unlocking.
 *
 * - When the lock is turned on (or the passphrase changed), an ECDH P-256 key pair is made. Its
 *   public key is kept in clear in `lock-meta`; its private key is sealed with the passphrase key
 *   (utils/lock/crypto.ts) and kept beside it. Without the passphrase nothing here can be opened.
 * - Each record written while locked: a fresh ephemeral ECDH key pair, the shared secret through
 *   HKDF-SHA256 (salt: the ephemeral public key; info: the version and the record's context) to an
 *   AES-GCM 256-bit key, a fresh 12-byte IV. The header and the context (store and id) are
 *   authenticated, so a record cannot be moved to another id or edited without failing to open.
 * - The ephemeral private key exists only for the moment of sealing: the writer itself cannot
 *   read back what it wrote.
 */

export const ENVELOPE_VERSION = 1;
export const ENVELOPE_ALGORITHM = 'ECDH-P256+HKDF-SHA256+AES-GCM';
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const PRIVATE_KEY_CONTEXT = 'envelope-private-key';
const RAW_P256_PUBLIC_KEY_BYTES = 65;

export interface EnvelopeRecord {
  v: typeof ENVELOPE_VERSION;
  alg: typeof ENVELOPE_ALGORITHM;
  /** base64 raw (uncompressed) ephemeral public key */
  epk: string;
  /** base64, 12 bytes */
  iv: string;
  /** base64: ciphertext followed by the 16-byte GCM tag */
  data: string;
}

export interface EnvelopeKeys {
  /** base64 raw P-256 public key: kept in clear. */
  publicKey: string;
  /** The private key (PKCS #8), sealed with the passphrase key. */
  sealedPrivateKey: EncryptedRecord;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

export const isEnvelopeRecord = (value: unknown): value is EnvelopeRecord =>
  typeof value === 'object' && value !== null && (value as { alg?: unknown }).alg === ENVELOPE_ALGORITHM;

/** A new key pair for a lock, its private key sealed with that lock's passphrase key. */
export async function createEnvelopeKeys(
  cipher: JournalCipher,
): Promise<EnvelopeKeys & { privateKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
  const publicRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const privatePkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const pkcs8 = toBase64(privatePkcs8);
  privatePkcs8.fill(0);
  const sealedPrivateKey = await cipher.encrypt(pkcs8, PRIVATE_KEY_CONTEXT);
  // Kept in memory from here on as a key that cannot be exported again.
  const privateKey = await importPrivateKey(pkcs8);
  return { publicKey: toBase64(publicRaw), sealedPrivateKey, privateKey };
}

function importPrivateKey(pkcs8: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', fromBase64(pkcs8), CURVE, false, ['deriveBits']);
}

/** Opens the lock's private key with the (unlocked) passphrase key. */
export async function openEnvelopePrivateKey(
  cipher: JournalCipher,
  sealedPrivateKey: EncryptedRecord,
): Promise<CryptoKey> {
  const pkcs8 = await cipher.decrypt(sealedPrivateKey, PRIVATE_KEY_CONTEXT);
  try {
    return await importPrivateKey(pkcs8);
  } catch {
    throw new JournalCryptoError('damaged', 'The lock’s writing key is damaged.');
  }
}

function importPublicKey(publicKey: string): Promise<CryptoKey> {
  const raw = fromBase64(publicKey);
  if (raw.length !== RAW_P256_PUBLIC_KEY_BYTES) {
    throw new JournalCryptoError('damaged', 'The lock’s public key is damaged.');
  }
  return crypto.subtle.importKey('raw', raw, CURVE, false, []);
}

async function recordKey(
  ecdhPrivate: CryptoKey,
  ecdhPublic: CryptoKey,
  epk: Uint8Array<ArrayBuffer>,
  context: string,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: ecdhPublic }, ecdhPrivate, 256);
  const material = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: epk,
      info: utf8(`aftercare-envelope|v${ENVELOPE_VERSION}|${context}`),
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

const envelopeAdditionalData = (epk: string, context: string) =>
  utf8(`aftercare|v${ENVELOPE_VERSION}|${ENVELOPE_ALGORITHM}|${epk}|${context}`);

/** Seals text to the lock's public key; only the private key (after unlocking) opens it. */
export async function sealToPublicKey(
  publicKey: string,
  plaintext: string,
  context: string,
): Promise<EnvelopeRecord> {
  const recipient = await importPublicKey(publicKey);
  const ephemeral = await crypto.subtle.generateKey(CURVE, false, ['deriveBits']);
  const epkBytes = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
  const epk = toBase64(epkBytes);
  const key = await recordKey(ephemeral.privateKey, recipient, epkBytes, context, 'encrypt');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: envelopeAdditionalData(epk, context), tagLength: 128 },
    key,
    utf8(plaintext),
  );
  return {
    v: ENVELOPE_VERSION,
    alg: ENVELOPE_ALGORITHM,
    epk,
    iv: toBase64(iv),
    data: toBase64(new Uint8Array(sealed)),
  };
}

/** Opens an envelope record with the lock's private key. */
export async function openFromPrivateKey(
  privateKey: CryptoKey,
  record: EnvelopeRecord,
  context: string,
): Promise<string> {
  if (record.v !== ENVELOPE_VERSION || record.alg !== ENVELOPE_ALGORITHM) {
    throw new JournalCryptoError('unsupported', 'This record was made by a newer version of Aftercare.');
  }
  const epkBytes = fromBase64(record.epk);
  const iv = fromBase64(record.iv);
  const data = fromBase64(record.data);
  if (epkBytes.length !== RAW_P256_PUBLIC_KEY_BYTES || iv.length !== 12 || data.length < 16) {
    throw new JournalCryptoError('damaged', 'This record is damaged.');
  }
  let opened: ArrayBuffer;
  try {
    const ephemeral = await crypto.subtle.importKey('raw', epkBytes, CURVE, false, []);
    const key = await recordKey(privateKey, ephemeral, epkBytes, context, 'decrypt');
    opened = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: envelopeAdditionalData(record.epk, context), tagLength: 128 },
      key,
      data,
    );
  } catch {
    throw new JournalCryptoError('damaged', 'This record could not be opened: it was changed or damaged.');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(opened);
  } catch {
    throw new JournalCryptoError('damaged', 'This record is damaged (not text).');
  }
}
