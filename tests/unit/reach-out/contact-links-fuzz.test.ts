import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHANNELS,
  buildContactLink,
  checkCustomLink,
  isAllowedContactUrl,
  normaliseEmail,
  normalisePhoneNumber,
  normaliseTelegramUsername,
  type Channel,
  type LinkProblem,
} from '@/utils/reach-out/contact-links';
import { problemText } from '@/components/reach-out/reach-out-labels';
import en from '../../../public/_locales/en/messages.json';
import { FUZZ_SEED, fuzzOptions } from '../fuzz-options';

/**
 * Hostile input for the contact-link builder (issue 7): any text at all, in every field, for every
 * channel. Nothing throws; every refusal names a problem the interface words kindly; every link that
 * comes out passes the last gate. contact-links.test.ts holds the allowlist's own properties.
 */

const catalogue = new Set(Object.values(en as Record<string, { message: string }>).map((e) => e.message));
const PROBLEMS: readonly LinkProblem[] = [
  'empty',
  'too-long',
  'hidden-characters',
  'bad-number',
  'needs-country-code',
  'bad-email',
  'bad-username',
  'not-https',
  'has-userinfo',
  'bad-link',
  'message-too-long',
];

/** Any UTF-16 text, lone surrogates included (pasted or stored text can hold them). */
const anyCodeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  anyCodeUnits,
  fc.constantFrom('', ' ', '\ud800', '\udfff', 'a\ud83d', '\ud83d\ude00', '\u202e', '\ufeff', '\u0000'),
  fc.nat(3).map((n) => 'x'.repeat(999 + n)),
);
/** Things that look nearly right, so the accepting paths are reached too. */
const nearlyAnAddress = fc.oneof(
  fc.stringMatching(/^\+?[1-9][0-9 ().-]{6,16}$/),
  fc.stringMatching(/^[a-z][a-z0-9_]{4,20}@[a-z]{2,8}\.[a-z]{2,4}$/),
  fc.stringMatching(/^@?[A-Za-z][A-Za-z0-9_]{4,20}$/),
  fc.stringMatching(/^https:\/\/[a-z]{2,10}\.[a-z]{2,4}\/[a-z0-9#/@:._-]{0,20}$/),
);

function expectClear(problem: LinkProblem) {
  expect(PROBLEMS).toContain(problem);
  const text = problemText(problem);
  expect(catalogue.has(text), `${problem}: ${text}`).toBe(true);
  expect(text).not.toMatch(/invalid|error|malformed|illegal/i);
}

describe(`the contact-link builder with any text at all (seed ${FUZZ_SEED})`, () => {
  it('never throws: any channel, address, message and subject give a link that passes the last gate, or a kind reason', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...CHANNELS),
        fc.oneof(anyText, nearlyAnAddress),
        fc.option(anyText, { nil: undefined }),
        fc.option(anyText, { nil: undefined }),
        (channel, address, message, subject) => {
          let link: ReturnType<typeof buildContactLink>;
          try {
            link = buildContactLink({ channel, address, message, subject });
          } catch (error) {
            throw new Error(`buildContactLink threw: ${String(error)}`);
          }
          if (!link.ok) return expectClear(link.problem);
          accepted++;
          expect(isAllowedContactUrl(link.url), link.url).toBe(true);
          expect(link.destination.length).toBeGreaterThan(0);
        },
      ),
      fuzzOptions(2500),
    );
    expect(accepted).toBeGreaterThan(60);
  });

  it('each field checker on its own refuses any text kindly and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, nearlyAnAddress), (text) => {
        for (const check of [
          normalisePhoneNumber,
          normaliseEmail,
          normaliseTelegramUsername,
          checkCustomLink,
        ]) {
          const result = check(text);
          if (!result.ok) expectClear(result.problem);
        }
        expect(typeof isAllowedContactUrl(text)).toBe('boolean');
      }),
      fuzzOptions(1000),
    );
  });

  it('a channel that is not one of ours, from damaged storage, is refused kindly', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), nearlyAnAddress, (channel, address) => {
        fc.pre(!CHANNELS.includes(channel as Channel));
        const link = buildContactLink({ channel: channel as Channel, address, message: 'hi' });
        expect(link).toEqual({ ok: false, problem: 'bad-link' });
      }),
      fuzzOptions(200),
    );
  });

  it('half of an emoji in the message or subject is refused as hidden characters, not a crash', () => {
    for (const broken of ['hi \ud83d', '\ude00 there', 'a\ud800b']) {
      expect(buildContactLink({ channel: 'sms', address: '+15550102030', message: broken })).toEqual({
        ok: false,
        problem: 'hidden-characters',
      });
      expect(
        buildContactLink({ channel: 'email', address: 'sam@example.org', message: 'hi', subject: broken }),
      ).toEqual({ ok: false, problem: 'hidden-characters' });
    }
    // A whole emoji is fine.
    expect(buildContactLink({ channel: 'sms', address: '+15550102030', message: 'hi 😀' }).ok).toBe(true);
  });
});
