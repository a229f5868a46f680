/**
 * unsubscribeLink's shortcut (plain concatenation for a normalised endpoint
 * and a URL-safe token) gives exactly the string the URL parser gives, for
 * any endpoint and any token; the parser itself is the reference.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { unsubscribeLink, type SendEnvelope } from '../../core/send/envelope.js';

const envelope = (unsubscribeUrl: string): SendEnvelope => ({
  from: { address: 'bulletin@example.org' }, listName: 'Met Forward', listId: 'met-forward.example.org', unsubscribeUrl, unsubscribeEmail: 'bulletin@example.org',
});

function byParser(endpoint: string, token: string): string {
  const url = new URL(endpoint);
  url.searchParams.set('token', token);
  return url.href;
}

const endpoint = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'https://metforward.example.org/unsubscribe', 'http://127.0.0.1:8080/api/unsubscribe', 'HTTPS://Example.ORG/a/../unsubscribe',
    'https://example.org/un subscribe', 'https://example.org/ünsubscribe', 'https://example.org/unsubscribe?x=1', 'https://example.org/unsubscribe#top',
    'https://example.org', 'https://example.org:443/unsubscribe', 'https://example.org/unsubscribe?', 'https://example.org/unsubscribe#',
  ),
);
const token = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._-]{1,80}$/), fc.string({ minLength: 1, maxLength: 40 }), fc.constant('s1.0123456789abcdef0123456789abcdef.AbC-_9'));

it('is the URL parser\'s link for any endpoint and token', () => {
  fc.assert(fc.property(endpoint, token, (e, t) => {
    expect(unsubscribeLink(envelope(e), t)).toBe(byParser(e, t));
  }), { numRuns: 500 });
});
