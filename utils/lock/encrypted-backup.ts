import {
  JournalCryptoError,
  MIN_ITERATIONS,
  createPassphraseKey,
  parseEncryptedRecord,
  unlockWithPassphrase,
  type EncryptedRecord,
  type Randomness,
} from './crypto';
import { isRecord } from '../shared/validation';

/**
 * A passphrase-protected backup: the whole JSON backup sealed in one AES-GCM record, next to a key
 * check so a wrong passphrase is told apart from a damaged file. The file says what it is and how it
 * was made, and nothing else (no entry count, no dates):
 *
 *   {"aftercare":"encrypted-backup","v":1,"keyCheck":{…record},"backup":{…record}}
 *
 * Both records share one salt and iteration count (one key); each has its own IV. The backup is
 * sealed with its own context, so the key check cannot be passed off as the backup or the other way
 * round.
 */

export const ENCRYPTED_BACKUP_TAG = 'encrypted-backup';
export const ENCRYPTED_BACKUP_VERSION = 1;
const BACKUP_CONTEXT = 'encrypted-backup-v1';
/**
 * A hostile file could ask for a hundred million PBKDF2 rounds and freeze the page for a minute.
 * Ten times today's setting is far beyond anything Aftercare will write for years.
 */
export const MAX_BACKUP_ITERATIONS = MIN_ITERATIONS * 10;

export interface EncryptedBackupFile {
  aftercare: typeof ENCRYPTED_BACKUP_TAG;
  v: typeof ENCRYPTED_BACKUP_VERSION;
  keyCheck: EncryptedRecord;
  backup: EncryptedRecord;
}

export type SealedBackupProblem = 'damaged' | 'newer-version' | 'wrong-passphrase';

export class SealedBackupError extends Error {
  constructor(readonly problem: SealedBackupProblem) {
    super(problem);
    this.name = 'SealedBackupError';
  }
}

/** Seals a plain backup's text with a passphrase; the result is the file's text. */
export async function sealBackup(
  plainBackup: string,
  passphrase: string,
  options: { random?: Randomness } = {},
): Promise<string> {
  const { cipher, keyCheck } = await createPassphraseKey(passphrase, options);
  const file: EncryptedBackupFile = {
    aftercare: ENCRYPTED_BACKUP_TAG,
    v: ENCRYPTED_BACKUP_VERSION,
    keyCheck,
    backup: await cipher.encrypt(plainBackup, BACKUP_CONTEXT),
  };
  return `${JSON.stringify(file)}\n`;
}

/** True when this parsed JSON says it is an encrypted backup (it may still be damaged). */
export const looksSealed = (data: unknown): boolean =>
  isRecord(data) && data.aftercare === ENCRYPTED_BACKUP_TAG;

/**
 * Checks the outside of an encrypted backup without any key work, so a damaged or hostile file is
 * refused at once. Throws `SealedBackupError`.
 */
export function checkSealedBackup(data: unknown): EncryptedBackupFile {
  if (!looksSealed(data)) throw new SealedBackupError('damaged');
  const file = data as Record<string, unknown>;
  if (typeof file.v === 'number' && file.v > ENCRYPTED_BACKUP_VERSION)
    throw new SealedBackupError('newer-version');
  if (file.v !== ENCRYPTED_BACKUP_VERSION) throw new SealedBackupError('damaged');
  for (const key of Object.keys(file)) {
    if (!['aftercare', 'v', 'keyCheck', 'backup'].includes(key)) throw new SealedBackupError('damaged');
  }
  let keyCheck: EncryptedRecord;
  let backup: EncryptedRecord;
  try {
    keyCheck = parseEncryptedRecord(file.keyCheck);
    backup = parseEncryptedRecord(file.backup);
  } catch (error) {
    if (error instanceof JournalCryptoError && error.code === 'unsupported')
      throw new SealedBackupError('newer-version');
    throw new SealedBackupError('damaged');
  }
  if (keyCheck.iter > MAX_BACKUP_ITERATIONS) throw new SealedBackupError('damaged');
  if (keyCheck.salt !== backup.salt || keyCheck.iter !== backup.iter) throw new SealedBackupError('damaged');
  return { aftercare: ENCRYPTED_BACKUP_TAG, v: ENCRYPTED_BACKUP_VERSION, keyCheck, backup };
}

/**
 * Opens an encrypted backup: a wrong passphrase is refused by the key check before the backup is
 * touched; a backup that was changed or damaged fails its GCM tag. Throws `SealedBackupError`.
 */
export async function openSealedBackup(file: EncryptedBackupFile, passphrase: string): Promise<string> {
  let cipher;
  try {
    cipher = await unlockWithPassphrase(passphrase, file.keyCheck);
  } catch (error) {
    if (error instanceof JournalCryptoError && error.code === 'wrong-passphrase')
      throw new SealedBackupError('wrong-passphrase');
    throw new SealedBackupError('damaged');
  }
  try {
    return await cipher.decrypt(file.backup, BACKUP_CONTEXT);
  } catch {
    throw new SealedBackupError('damaged');
  }
}
