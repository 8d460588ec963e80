import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MIN_ITERATIONS,
  JournalCryptoError,
  createPassphraseKey,
  exportSessionKey,
  fromBase64,
  importSessionKey,
  unlockWithPassphrase,
  type EncryptedRecord,
  type JournalCipher,
  type Randomness,
} from '@/utils/lock/crypto';

// PBKDF2 at 600,000 iterations takes a noticeable moment: derive each key once and reuse it.

/** Hands out the given bytes in order, so a known-answer test knows the salt and every IV. */
function scriptedRandom(...chunks: string[]): Randomness {
  const queue = chunks.map((hex) => new Uint8Array(Buffer.from(hex, 'hex')));
  return (length) => {
    const next = queue.shift();
    if (!next || next.length !== length) throw new Error(`unexpected request for ${length} random bytes`);
    return next;
  };
}

/**
 * The same computation done independently with Node's own crypto module (OpenSSL), from the
 * documented format only: key = PBKDF2-HMAC-SHA256(NFC UTF-8 passphrase, salt, iter, 32 bytes);
 * data = AES-256-GCM(iv, aad = "aftercare|v1|AES-GCM|PBKDF2-SHA256|<iter>|<salt b64>|<context>")
 * ciphertext followed by the 16-byte tag.
 */
function nodeSeal(passphrase: string, saltHex: string, iter: number, ivHex: string, text: string, ctx = '') {
  const salt = Buffer.from(saltHex, 'hex');
  const key = pbkdf2Sync(Buffer.from(passphrase.normalize('NFC'), 'utf8'), salt, iter, 32, 'sha256');
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(ivHex, 'hex'));
  cipher.setAAD(Buffer.from(`aftercare|v1|AES-GCM|PBKDF2-SHA256|${iter}|${salt.toString('base64')}|${ctx}`));
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { key, data: data.toString('base64') };
}

function nodeOpen(key: Buffer, record: EncryptedRecord, ctx = ''): string {
  const data = Buffer.from(record.data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(record.iv, 'base64'));
  decipher.setAAD(
    Buffer.from(`aftercare|v1|AES-GCM|PBKDF2-SHA256|${record.iter}|${record.salt}|${ctx}`, 'utf8'),
  );
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(
    'utf8',
  );
}

const flipByte = (base64: string, index: number) => {
  const bytes = fromBase64(base64);
  bytes[index] = bytes[index]! ^ 0x01;
  return Buffer.from(bytes).toString('base64');
};

async function expectCryptoError(promise: Promise<unknown>, code: JournalCryptoError['code']) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JournalCryptoError);
  expect((error as JournalCryptoError).code).toBe(code);
  expect((error as JournalCryptoError).message.length).toBeGreaterThan(10);
}

describe('journal encryption: known answers from an independent implementation', () => {
  const vectors = [
    {
      name: 'plain ASCII',
      passphrase: 'correct horse battery staple',
      text: 'Felt close to him tonight.',
      salt: '000102030405060708090a0b0c0d0e0f',
      iv: 'a0a1a2a3a4a5a6a7a8a9aaab',
    },
    {
      name: 'UTF-8 accents and CJK',
      passphrase: 'Ça va, 大丈夫',
      text: 'Ça va 💛 — 大丈夫. Zürich, Ελλάδα, עברית',
      salt: 'f0e0d0c0b0a090807060504030201000',
      iv: '0102030405060708090a0b0c',
    },
    {
      name: 'emoji, including a joined family and a flag',
      passphrase: '🔐🌙 ich bin 🙂‍↕️ 👩‍👩‍👧',
      text: '😭😮‍💨🫶 🇺🇦 better now',
      salt: 'ffffffffffffffffffffffffffffffff',
      iv: '000000000000000000000000',
    },
  ];

  it.each(vectors)('$name', async ({ passphrase, text, salt, iv }) => {
    const keyCheckIv = 'cccccccccccccccccccccccc';
    const { cipher, keyCheck } = await createPassphraseKey(passphrase, {
      random: scriptedRandom(salt, keyCheckIv, iv),
    });
    const record = await cipher.encrypt(text, 'journal-entries/e1');
    const expected = nodeSeal(passphrase, salt, MIN_ITERATIONS, iv, text, 'journal-entries/e1');

    expect(record).toEqual({
      v: 1,
      alg: 'AES-GCM',
      kdf: 'PBKDF2-SHA256',
      iter: 600_000,
      salt: Buffer.from(salt, 'hex').toString('base64'),
      iv: Buffer.from(iv, 'hex').toString('base64'),
      data: expected.data,
    });
    // ciphertext + 16-byte tag
    expect(fromBase64(record.data).length).toBe(Buffer.byteLength(text, 'utf8') + 16);
    // The key check is the documented fixed text; OpenSSL opens it with the same key.
    expect(nodeOpen(expected.key, keyCheck, 'key-check')).toBe('aftercare key check v1');
    // And the other direction: what OpenSSL sealed, WebCrypto opens.
    expect(await cipher.decrypt({ ...record, data: expected.data }, 'journal-entries/e1')).toBe(text);
  });
});

describe('journal encryption', () => {
  const passphrase = 'lantern 🌙 über den Fluss';
  let cipher: JournalCipher;
  let keyCheck: EncryptedRecord;

  beforeAll(async () => {
    ({ cipher, keyCheck } = await createPassphraseKey(passphrase));
  });

  it('round-trips any text, from empty to long, with every kind of character', async () => {
    const texts = ['', 'a', 'Ça va 💛 — 大丈夫', '\u0000\uffff\ud83d\ude00', 'x'.repeat(200_000)];
    for (const text of texts) {
      expect(await cipher.decrypt(await cipher.encrypt(text, 'c'), 'c')).toBe(text);
    }
  });

  it('uses a fresh IV for every record, over many encryptions of the same text', async () => {
    const records = await Promise.all(Array.from({ length: 2000 }, () => cipher.encrypt('same words')));
    expect(new Set(records.map((r) => r.iv)).size).toBe(2000);
    expect(new Set(records.map((r) => r.data)).size).toBe(2000);
    expect(records.every((r) => fromBase64(r.iv).length === 12)).toBe(true);
  });

  it('each new passphrase key gets its own random 16-byte salt', async () => {
    const salts = await Promise.all(
      [0, 1].map(async () => (await createPassphraseKey(passphrase)).cipher.params.salt),
    );
    expect(fromBase64(salts[0]!).length).toBe(16);
    expect(salts[0]).not.toBe(salts[1]);
  });

  it('the right passphrase unlocks, also typed with a decomposed accent', async () => {
    const unlocked = await unlockWithPassphrase(passphrase.normalize('NFD'), keyCheck);
    const record = await cipher.encrypt('still mine', 'journal-entries/1');
    expect(await unlocked.decrypt(record, 'journal-entries/1')).toBe('still mine');
  });

  it('a wrong passphrase gets a clear error and decrypts nothing', async () => {
    await expectCryptoError(unlockWithPassphrase('lantern 🌙 uber den Fluss', keyCheck), 'wrong-passphrase');
    await expectCryptoError(unlockWithPassphrase('', keyCheck), 'wrong-passphrase');
  });

  it('refuses tampered ciphertext, tag, IV, header or context, and never returns wrong text', async () => {
    const record = await cipher.encrypt('do not change me', 'journal-entries/a');
    const tagStart = fromBase64(record.data).length - 16;
    await expectCryptoError(
      cipher.decrypt({ ...record, data: flipByte(record.data, 0) }, 'journal-entries/a'),
      'damaged',
    );
    await expectCryptoError(
      cipher.decrypt({ ...record, data: flipByte(record.data, tagStart + 3) }, 'journal-entries/a'),
      'damaged',
    );
    await expectCryptoError(
      cipher.decrypt({ ...record, iv: flipByte(record.iv, 5) }, 'journal-entries/a'),
      'damaged',
    );
    // The same record moved to another entry's id does not open there.
    await expectCryptoError(cipher.decrypt(record, 'journal-entries/b'), 'damaged');
    // Truncated, not base64, or not a record at all.
    await expectCryptoError(
      cipher.decrypt({ ...record, data: record.data.slice(0, 8) }, 'journal-entries/a'),
      'damaged',
    );
    await expectCryptoError(cipher.decrypt({ ...record, data: '%%%%' }, 'journal-entries/a'), 'damaged');
    await expectCryptoError(cipher.decrypt(null as never), 'damaged');
    // A lowered iteration count is refused before any work, and an unknown version is named.
    await expectCryptoError(cipher.decrypt({ ...record, iter: 1000 }, 'journal-entries/a'), 'unsupported');
    await expectCryptoError(cipher.decrypt({ ...record, v: 2 } as never, 'journal-entries/a'), 'unsupported');
    // A record sealed under other parameters is named as such.
    await expectCryptoError(cipher.decrypt({ ...record, iter: 700_000 }, 'journal-entries/a'), 'other-key');
    // The untouched record still opens.
    expect(await cipher.decrypt(record, 'journal-entries/a')).toBe('do not change me');
  });

  it('a tampered key check is refused like a wrong passphrase, and unlocks nothing', async () => {
    await expectCryptoError(
      unlockWithPassphrase(passphrase, { ...keyCheck, data: flipByte(keyCheck.data, 2) }),
      'wrong-passphrase',
    );
  });

  it('records made before the iteration count was raised still open with the same passphrase', async () => {
    const oldRecord = await cipher.encrypt('written in 2026', 'journal-entries/old');
    const raised = await createPassphraseKey(passphrase, { iterations: 650_000 });
    expect(raised.keyCheck.iter).toBe(650_000);
    // Unlocking uses each key check's own parameters, not today's defaults.
    const reopenedOld = await unlockWithPassphrase(passphrase, keyCheck);
    const reopenedNew = await unlockWithPassphrase(passphrase, raised.keyCheck);
    expect(await reopenedOld.decrypt(oldRecord, 'journal-entries/old')).toBe('written in 2026');
    const newRecord = await raised.cipher.encrypt('written later', 'x');
    expect(newRecord.iter).toBe(650_000);
    expect(await reopenedNew.decrypt(newRecord, 'x')).toBe('written later');
  });

  it('never goes below 600,000 iterations', async () => {
    await expect(createPassphraseKey(passphrase, { iterations: 100_000 })).rejects.toThrow(/600000/);
  });

  it('a key kept for the browser session restores to one that opens the same records', async () => {
    const { cipher: extractable } = await createPassphraseKey(passphrase, { extractable: true });
    const stored = await exportSessionKey(extractable);
    expect(fromBase64(stored.raw).length).toBe(32);
    const restored = await importSessionKey(structuredClone(stored));
    expect(restored.key.extractable).toBe(false);
    expect(await restored.decrypt(await extractable.encrypt('across reloads', 'c'), 'c')).toBe(
      'across reloads',
    );
    // The normal key cannot be read back out of WebCrypto at all.
    await expect(exportSessionKey(cipher)).rejects.toThrow();
  });
});
