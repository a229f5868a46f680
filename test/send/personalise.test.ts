import { describe, expect, it } from 'vitest';
import { unsubscribeLink } from '../../core/send/envelope.js';
import { PersonaliseError } from '../../core/send/errors.js';
import { compileMimePart } from '../../core/send/mime-part.js';
import { compileTemplate, escapeHtml, personalise } from '../../core/send/personalise.js';
import { addresses, julyEmail, signerFor } from './support.js';

/** Quoted-printable decoding, written out here so the test does not trust the encoder's own library. */
function decodeQp(body: string): string {
  const joined = body.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=') {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

describe('personalise', () => {
  it('fills every placeholder of the real email and leaves none', async () => {
    // Arrange
    const { email, envelope } = await julyEmail();
    const url = unsubscribeLink(envelope, signerFor(envelope).sign('unsubscribe', 'alice@example.org'));
    // Act
    const html = personalise(compileTemplate(email.html, 'html', email.slotKey), { unsubscribe_url: url });
    const text = personalise(compileTemplate(email.text, 'text', email.slotKey), { unsubscribe_url: url });
    // Assert
    expect(email.html).toContain(`%%{unsubscribe_url:${email.slotKey}}%%`);
    for (const out of [html, text]) {
      expect(out).not.toMatch(/%%\{|\}%%|%25%25/);
      expect(out).toContain(url);
    }
  });

  it('escapes a value for an HTML attribute but not for plain text', () => {
    // Arrange
    const value = `https://x.example/u?a=1&b="2"<'3'>`;
    // Act
    const html = personalise(compileTemplate('<a href="%%{unsubscribe_url}%%">%%{unsubscribe_url}%%</a>', 'html'), { unsubscribe_url: value });
    const text = personalise(compileTemplate('Unsubscribe: <%%{unsubscribe_url}%%>', 'text'), { unsubscribe_url: value });
    // Assert
    expect(html).toBe(`<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`);
    expect(html).toContain('a=1&amp;b=&quot;2&quot;&lt;&#39;3&#39;&gt;');
    expect(text).toBe(`Unsubscribe: <${value}>`);
  });

  it('gives each recipient a different unsubscribe URL', async () => {
    // Arrange
    const { email, envelope } = await julyEmail();
    const signer = signerFor(envelope);
    const template = compileTemplate(email.html, 'html', email.slotKey);
    // Act
    const bodies = addresses(50).map((a) => personalise(template, { unsubscribe_url: unsubscribeLink(envelope, signer.sign('unsubscribe', a)) }));
    // Assert
    const tokens = bodies.map((b) => /unsubscribe\?token=([A-Za-z0-9_.-]+)/.exec(b)?.[1]);
    expect(new Set(tokens).size).toBe(50);
    expect(tokens.every(Boolean)).toBe(true);
  });

  it.each([
    ['an unknown placeholder', 'Hi %%{first_name}%%', 'PLACEHOLDER_UNKNOWN'],
    ['a URL-encoded placeholder', '<a href="%25%25%7Bunsubscribe_url%7D%25%25">x</a>', 'PLACEHOLDER_MANGLED'],
    ['a broken placeholder', '<a href="%%{unsubscribe_url}">x</a>', 'PLACEHOLDER_MANGLED'],
  ])('refuses a template with %s', (_, source, code) => {
    expect(() => compileTemplate(source, 'html')).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    ['missing', {}, 'VALUE_MISSING'],
    ['holding a line break (header or markup injection)', { unsubscribe_url: 'https://x/\r\nBcc: a@b' }, 'VALUE_INVALID'],
    ['holding placeholder syntax', { unsubscribe_url: '%%{unsubscribe_url}%%' }, 'VALUE_INVALID'],
  ])('refuses a value %s', (_, values, code) => {
    const template = compileTemplate('<a href="%%{unsubscribe_url}%%">x</a>', 'html');
    const thrown = (() => {
      try {
        personalise(template, values as Record<string, string>);
      } catch (err) {
        return err;
      }
    })();
    expect(thrown).toBeInstanceOf(PersonaliseError);
    expect(thrown).toMatchObject({ code });
  });
});

describe('compileMimePart', () => {
  it('decodes to exactly the personalised text, in lines of at most 76 characters', async () => {
    // Arrange
    const { email } = await julyEmail();
    const values = { unsubscribe_url: 'https://metforward.example.org/unsubscribe?token=' + 'Ab9_-'.repeat(30) + '&x="é"' };
    for (const [source, kind] of [[email.html, 'html'], [email.text, 'text']] as const) {
      const template = compileTemplate(source, kind, email.slotKey);
      // Act
      const chunks: Buffer[] = [];
      compileMimePart(template, kind === 'html' ? 'text/html' : 'text/plain').fill(values, chunks);
      const part = Buffer.concat(chunks).toString('latin1');
      // Assert
      const [head, body] = [part.slice(0, part.indexOf('\r\n\r\n')), part.slice(part.indexOf('\r\n\r\n') + 4)];
      expect(head).toContain('Content-Transfer-Encoding: quoted-printable');
      expect(decodeQp(body)).toBe(personalise(template, values).replace(/\r?\n/g, '\r\n'));
      expect(Math.max(...body.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(76);
      expect(body).not.toMatch(/[^\r]\n|\r[^\n]/);
    }
  });
});
