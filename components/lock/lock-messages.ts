import { JournalCryptoError } from '@/utils/lock/crypto';
import { MIN_PASSPHRASE_LENGTH } from '@/utils/lock/keys';
import { t } from '@/utils/shared/i18n';

/** A kind sentence for anything unlocking or re-encrypting can throw. */
export function lockErrorMessage(error: unknown): string {
  if (error instanceof JournalCryptoError && error.code === 'wrong-passphrase') return t('lockWrong');
  return t('lockFailed');
}

/** Checks a new passphrase typed twice; returns the message to show, or null when it is fine. */
export function newPassphraseProblem(passphrase: string, repeat: string): string | null {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return t('lockTooShort');
  if (passphrase !== repeat) return t('lockMismatch');
  return null;
}
