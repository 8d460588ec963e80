import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHANNELS,
  buildContactLink,
  checkCustomLink,
  isAllowedContactUrl,
  type Channel,
} from '@/utils/reach-out/contact-links';

const message = 'Hey, rough call - could you check in on me? 💛';
const url = (channel: Channel, address: string, text = message, subject?: string) => {
  const link = buildContactLink({ channel, address, message: text, subject });
  if (!link.ok) throw new Error(`refused: ${link.problem}`);
  return link;
};
const problem = (channel: Channel, address: string, text = '') => {
  const link = buildContactLink({ channel, address, message: text });
  return link.ok ? `accepted ${link.url}` : link.problem;
};

describe('each channel opens the conversation with the message ready', () => {
  it('text message: sms: with ?body= (RFC 5724), number tidied up', () => {
    const link = url('sms', '+1 (555) 010-2030');
    expect(link.url).toBe(
      'sms:+15550102030?body=Hey%2C%20rough%20call%20-%20could%20you%20check%20in%20on%20me%3F%20%F0%9F%92%9B',
    );
    expect(link.destination).toBe('+15550102030');
    expect(url('sms', '07700 900123', '').url).toBe('sms:07700900123');
  });

  it('phone call: tel:, no message', () => {
    expect(url('phone', '0044 20 7946 0018').url).toBe('tel:+442079460018');
    expect(url('phone', '116 123').url).toBe('tel:116123');
  });

  it('e-mail: mailto: with encoded subject and body, line breaks as CRLF', () => {
    const link = url('email', ' sam.k+care@example.co.uk ', 'Hi Sam,\nrough one.', 'Checking in');
    expect(link.url).toBe(
      'mailto:sam.k+care@example.co.uk?subject=Checking%20in&body=Hi%20Sam%2C%0D%0Arough%20one.',
    );
    expect(link.prefill).toBe('subject-and-message');
  });

  it('WhatsApp: wa.me with digits only and ?text=', () => {
    expect(url('whatsapp', '+49 151 2345 6789', 'Hi & bye').url).toBe(
      'https://wa.me/4915123456789?text=Hi%20%26%20bye',
    );
    expect(problem('whatsapp', '0151 23456789')).toBe('needs-country-code');
  });

  it('Telegram: t.me/<username>?text= (a direct chat, not the share picker)', () => {
    expect(url('telegram', '@sam_kowalski', 'Hi').url).toBe('https://t.me/sam_kowalski?text=Hi');
    expect(url('telegram', 'https://t.me/SamK2024', '').url).toBe('https://t.me/SamK2024');
    expect(problem('telegram', 'share')).toBe('bad-username');
    expect(problem('telegram', 'joinchat')).toBe('bad-username');
    expect(problem('telegram', 'sam')).toBe('bad-username');
    expect(problem('telegram', '_sam_k')).toBe('bad-username');
  });

  it('encodes apostrophes and brackets, so the link shown is exactly the link that opens', () => {
    // Found by the property test below: browsers re-encode ' in https queries.
    expect(url('telegram', 'A0000', "it's (ok)!").url).toBe('https://t.me/A0000?text=it%27s%20%28ok%29%21');
  });

  it('Signal: signal.me/#p/<+E164>, and says it cannot prefill', () => {
    const link = url('signal', '+44 7700 900123');
    expect(link.url).toBe('https://signal.me/#p/+447700900123');
    expect(link.prefill).toBe('none');
    expect(problem('signal', '7700 900123')).toBe('needs-country-code');
  });

  it('a custom https link keeps its address and shows its host', () => {
    const link = url('custom', 'https://matrix.to/#/@sam:example.org');
    expect(link.url).toBe('https://matrix.to/#/@sam:example.org');
    expect(link.destination).toBe('matrix.to');
    expect(url('custom', 'https://Chat.Example.ORG/room?id=5').destination).toBe('chat.example.org');
  });

  it('shows a look-alike international host as punycode', () => {
    expect(url('custom', 'https://wа.me/123').destination).toBe('xn--w-8sb.me'); // Cyrillic "а"
  });
});

describe('refuses anything that could run code or hide where it goes', () => {
  const hostile = [
    ['javascript:alert(1)', 'not-https'],
    ['JaVaScRiPt:alert(1)', 'not-https'],
    ['  javascript:alert(1)', 'not-https'],
    ['java\tscript:alert(1)', 'hidden-characters'],
    ['java\nscript:alert(1)', 'hidden-characters'],
    ['\u0000javascript:alert(1)', 'hidden-characters'],
    ['javascript&colon;alert(1)', 'not-https'],
    ['&#106;avascript:alert(1)', 'not-https'],
    ['data:text/html,<script>alert(1)</script>', 'not-https'],
    ['vbscript:msgbox(1)', 'not-https'],
    ['http://example.org', 'not-https'],
    ['//evil.example', 'not-https'],
    ['https://wa.me@evil.example', 'has-userinfo'],
    ['https://user:pass@evil.example/', 'has-userinfo'],
    ['https://evil.example:8443/', 'bad-link'],
    ['https://127.0.0.1/', 'bad-link'],
    ['https://localhost/', 'bad-link'],
    ['https://evil.example/\u202Egpj.exe', 'hidden-characters'],
    ['https://evil\u200B.example/', 'hidden-characters'],
    ['https://evil.example/ path', 'bad-link'],
    ['https:\\\\evil.example', 'not-https'],
    [`https://example.org/${'a'.repeat(2100)}`, 'too-long'],
  ] as const;

  it.each(hostile)('%j is refused (%s)', (input, reason) => {
    expect(problem('custom', input)).toBe(reason);
  });

  it('phone, e-mail and username fields refuse smuggled extras', () => {
    expect(problem('sms', '+15550102030?body=spam')).toBe('bad-number');
    expect(problem('phone', 'javascript:alert(1)')).toBe('bad-number');
    expect(problem('email', 'sam@example.org?bcc=everyone@example.org')).toBe('bad-email');
    expect(problem('email', 'sam@example.org\r\nbcc: x@example.org')).toBe('hidden-characters');
    expect(problem('telegram', 'sam_k/../share')).toBe('bad-username');
    expect(problem('sms', '1'.repeat(16))).toBe('bad-number');
    expect(problem('sms', '')).toBe('empty');
  });

  it('messages keep line breaks but not control or direction characters', () => {
    expect(problem('sms', '+15550102030', 'line one\nline two')).toMatch(/^accepted/);
    expect(problem('sms', '+15550102030', 'hi\u0007')).toBe('hidden-characters');
    expect(problem('sms', '+15550102030', 'hi\u202E')).toBe('hidden-characters');
    expect(problem('sms', '+15550102030', 'x'.repeat(1001))).toBe('message-too-long');
  });

  it('the last gate refuses stored links of any other shape', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'https://wa.me@evil.example/',
      'sms:+1555?body=a&cc=x',
      'http://wa.me/1',
      'https://wa.me:444/1',
      'tel:+1 555',
      'mailto:a@b.example?body=%0A\n',
    ])
      expect(isAllowedContactUrl(bad), bad).toBe(false);
  });
});

describe('property: no input ever yields a link outside the allowlist', () => {
  const EXPECTED_HOST: Partial<Record<Channel, string>> = {
    whatsapp: 'wa.me',
    telegram: 't.me',
    signal: 'signal.me',
  };
  const SCHEME: Record<Channel, string> = {
    sms: 'sms:',
    phone: 'tel:',
    email: 'mailto:',
    whatsapp: 'https:',
    telegram: 'https:',
    signal: 'https:',
    custom: 'https:',
  };
  // Strings built from the pieces attacks are made of, plus anything at all.
  const nasty = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc
      .array(
        fc.constantFrom(
          'javascript:',
          'JAVASCRIPT:',
          'data:',
          'vbscript:',
          'https://',
          'http://',
          'wa.me',
          't.me',
          'signal.me',
          '@',
          ':',
          '/',
          '\\',
          '?',
          '#',
          '&',
          '%0a',
          '%00',
          '&colon;',
          '&#106;',
          '\t',
          '\n',
          '\u0000',
          '\u202e',
          '\u200b',
          ' ',
          '+',
          '1',
          '44',
          '555',
          'evil.example',
          'sam',
          '_',
          '.',
          '-',
          '(',
          ')',
          'a',
          '..',
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join('')),
  );

  it("every accepted link has an allowed scheme, the channel's host, no user:password@ and passes the last gate", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CHANNELS),
        nasty,
        fc.string({ maxLength: 60 }),
        (channel, address, text) => {
          const link = buildContactLink({ channel, address, message: text, subject: text });
          if (!link.ok) return true;
          const parsed = new URL(link.url);
          expect(parsed.protocol).toBe(SCHEME[channel]);
          expect(parsed.username + parsed.password).toBe('');
          if (EXPECTED_HOST[channel]) expect(parsed.hostname).toBe(EXPECTED_HOST[channel]);
          // eslint-disable-next-line no-control-regex
          expect(link.url).not.toMatch(/[\s\u0000-\u001f\u007f-\u009f]/);
          expect(isAllowedContactUrl(link.url)).toBe(true);
          return true;
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a custom link is accepted only when it is plain https to a named host', () => {
    fc.assert(
      fc.property(nasty, (address) => {
        const checked = checkCustomLink(address);
        if (!checked.ok) return true;
        expect(address.trim().toLowerCase().startsWith('https://')).toBe(true);
        expect(new URL(checked.value.url).hostname).toBe(checked.value.host);
        expect(address).not.toContain('@evil');
        return true;
      }),
      { numRuns: 5000 },
    );
  });

  it('real phone numbers written any usual way all work', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{7,13}$/),
        fc.constantFrom(' ', '-', '.', ''),
        (digits, separator) => {
          const written = `+${digits.slice(0, 2)}${separator}(${digits.slice(2, 5)})${separator}${digits.slice(5)}`;
          const link = buildContactLink({ channel: 'whatsapp', address: written, message: 'hi' });
          expect(link.ok && link.url).toBe(`https://wa.me/${digits}?text=hi`);
        },
      ),
    );
  });
});
