import { beforeAll, describe, expect, it } from 'vitest';
import { createPassphraseKey, type JournalCipher } from '@/utils/lock/crypto';
import {
  ENVELOPE_ALGORITHM,
  createEnvelopeKeys,
  openEnvelopePrivateKey,
  openFromPrivateKey,
  sealToPublicKey,
} from '@/utils/lock/envelope';

let cipher: JournalCipher;
let other: JournalCipher;
beforeAll(async () => {
  [{ cipher }, { cipher: other }] = await Promise.all([
    createPassphraseKey('envelope test 🌙'),
    createPassphraseKey('someone else'),
  ]);
});

describe('writing while locked (the envelope)', () => {
  it('seals to the public key and opens only with the private key the passphrase unseals', async () => {
    const keys = await createEnvelopeKeys(cipher);
    const text = JSON.stringify({ text: 'Ça va — 大丈夫 💛', mood: { value: 2 } });
    const record = await sealToPublicKey(keys.publicKey, text, 'journal-entries/e1');
    expect(record.alg).toBe(ENVELOPE_ALGORITHM);
    expect(JSON.stringify(record)).not.toContain('大丈夫');

    const privateKey = await openEnvelopePrivateKey(cipher, keys.sealedPrivateKey);
    expect(await openFromPrivateKey(privateKey, record, 'journal-entries/e1')).toBe(text);
    // The private key is never stored in clear, and cannot be taken back out of WebCrypto.
    expect(privateKey.extractable).toBe(false);
    await expect(openEnvelopePrivateKey(other, keys.sealedPrivateKey)).rejects.toThrow(/another key/);
  });

  it('every record gets its own ephemeral key and IV', async () => {
    const keys = await createEnvelopeKeys(cipher);
    const a = await sealToPublicKey(keys.publicKey, 'same words', 'drafts/manual');
    const b = await sealToPublicKey(keys.publicKey, 'same words', 'drafts/manual');
    expect(a.epk).not.toBe(b.epk);
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toBe(b.data);
  });

  it('a record moved to another id, edited, or opened with another lock does not open', async () => {
    const keys = await createEnvelopeKeys(cipher);
    const elsewhere = await createEnvelopeKeys(cipher);
    const record = await sealToPublicKey(keys.publicKey, 'private words', 'drafts/manual');
    const privateKey = await openEnvelopePrivateKey(cipher, keys.sealedPrivateKey);
    await expect(openFromPrivateKey(privateKey, record, 'drafts/other')).rejects.toThrow(
      /changed or damaged/,
    );
    const flipped = record.data.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(
      openFromPrivateKey(privateKey, { ...record, data: flipped }, 'drafts/manual'),
    ).rejects.toThrow(/changed or damaged/);
    const wrongKey = await openEnvelopePrivateKey(cipher, elsewhere.sealedPrivateKey);
    await expect(openFromPrivateKey(wrongKey, record, 'drafts/manual')).rejects.toThrow(/changed or damaged/);
    await expect(sealToPublicKey('AAAA', 'x', 'c')).rejects.toThrow(/damaged/);
  });
});
