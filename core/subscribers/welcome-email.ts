/**
 * The welcome email a subscriber gets on confirming: the latest published
 * issue, with a one-line welcome on top. The issue's email comes in
 * RENDERED (slots intact) from the edge; it is prepared once per issue
 * (memoised on the rendered email) and personalised by substitution, like
 * every other send — MJML never runs here. Before the first issue, a short
 * welcome of our own is sent instead. Its unsubscribe link is an opaque
 * subscriber token.
 */
import { createHash } from 'node:crypto';
import type { OutgoingMessage } from '../ports.js';
import type { RenderedEmail } from '../render/render-email.js';
import { composeMessage, prepareEmail, type PreparedEmail } from '../send/compose-message.js';
import { escapeHtml, slotFor } from '../send/personalise.js';
import type { LatestIssue, SubscriberDeps } from './lifecycle-deps.js';

const prepared = new WeakMap<RenderedEmail, PreparedEmail>();

function welcomeLine(name: string): string {
  return `Welcome to ${name}: your subscription is confirmed. Here is the latest issue.`;
}

/** The latest issue's email with the welcome on top, prepared once per rendered email. */
export function prepareWelcome(latest: LatestIssue, name: string): PreparedEmail {
  const cached = prepared.get(latest.email);
  if (cached) return cached;
  const { email } = latest;
  const note = `<div style="padding: 12px 16px; font-family: Arial, sans-serif; font-size: 16px;"><p style="margin: 0;">${escapeHtml(welcomeLine(name))}</p></div>`;
  // Right after <body …>, before the preheader, so inbox previews show the welcome.
  const html = /<body[^>]*>/i.test(email.html) ? email.html.replace(/<body[^>]*>/i, (tag) => `${tag}${note}`) : `${note}${email.html}`;
  const result = prepareEmail({ subject: `Welcome to ${name}: ${email.subject}`, html, text: `${welcomeLine(name)}\n\n${email.text}`, slotKey: email.slotKey });
  prepared.set(latest.email, result);
  return result;
}

/** A short welcome of our own, for a list with no published issue yet. */
export function plainWelcome(name: string, language: string): PreparedEmail {
  const slotKey = createHash('sha256').update(`welcome\n${name}`).digest('hex').slice(0, 16);
  const slot = slotFor('unsubscribe_url', slotKey);
  const line = `Welcome to ${name}: your subscription is confirmed. The next issue will come to this address.`;
  return prepareEmail({
    subject: `Welcome to ${name}`,
    slotKey,
    text: `${line}\n\nTo unsubscribe at any time: ${slot}\n`,
    html: `<!DOCTYPE html>\n<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>${escapeHtml(`Welcome to ${name}`)}</title></head><body><p>${escapeHtml(line)}</p><p><a href="${slot}">Unsubscribe</a></p></body></html>\n`,
  });
}

/** The welcome for `to`, who confirmed at `confirmedAt` (which keeps a later re-subscription's welcome distinct). */
export function welcomeMessage(deps: SubscriberDeps, to: string, confirmedAt: Date, latest: LatestIssue | undefined): Promise<OutgoingMessage> {
  const ready = latest ? prepareWelcome(latest, deps.publicationName) : plainWelcome(deps.publicationName, deps.language);
  return composeMessage({
    prepared: ready,
    envelope: deps.envelope,
    tokens: deps.tokens.opaque(),
    issueId: latest ? `welcome-${latest.issueId}` : 'welcome',
    kind: 'issue',
    to,
    date: deps.clock.now(),
    variant: String(Math.floor(confirmedAt.getTime() / 1000)),
  });
}
