import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '@/utils/lock/crypto';

const refused = [
  'QUJD RA==', // a space inside, length still a multiple of four
  'QUJDRA=\n', // a newline in place of padding
  'QUJD\tRA=', // a tab
  'QUJDRA-_', // the URL-safe alphabet
  'QUJ=RA==', // padding in the middle
  'QUJDR===', // too much padding
  'QUJDRA', // no padding
  'QUJDRA=', // short padding
  '====',
  'QUJD\u00e9A==',
];

function checksLikeABrowser() {
  for (const text of refused) {
    expect(() => fromBase64(text), JSON.stringify(text)).toThrow(/not valid base64/);
  }
  expect([...fromBase64('QUJDRA==')]).toEqual([65, 66, 67, 68]);
  expect([...fromBase64('QUJDREU=')]).toEqual([65, 66, 67, 68, 69]);
  expect([...fromBase64('')]).toEqual([]);
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256);
  expect([...fromBase64(toBase64(bytes))]).toEqual([...bytes]);
}

describe('base64 in records', () => {
  it('refuses anything but padded standard base64 (fallback decoder)', () => {
    expect('fromBase64' in Uint8Array).toBe(false);
    checksLikeABrowser();
  });

  describe("with the browser's own decoder", () => {
    // Node 20 has no Uint8Array.fromBase64: this stands in for the browser's, with the spec's
    // "loose" handling (ASCII whitespace skipped, anything else outside the alphabet refused).
    beforeEach(() => {
      Object.defineProperty(Uint8Array, 'fromBase64', {
        configurable: true,
        value: (text: string) => {
          const stripped = text.replace(/[\t\n\f\r ]/g, '');
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(stripped) || stripped.length % 4 === 1) {
            throw new SyntaxError('bad base64');
          }
          if (/=/.test(stripped) && stripped.length % 4 !== 0) throw new SyntaxError('bad padding');
          return new Uint8Array(Buffer.from(stripped, 'base64'));
        },
      });
    });
    afterEach(() => {
      delete (Uint8Array as { fromBase64?: unknown }).fromBase64;
    });

    it('refuses whitespace the browser would skip, and everything else the fallback refuses', () => {
      checksLikeABrowser();
    });
  });
});
