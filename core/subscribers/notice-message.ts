/**
 * The confirmation email of a sign-up: a short transactional message (plain
 * text and HTML) with the confirm link. All of its text is ours; the only
 * value in it is the link, escaped. Its Message-ID is derived from the
 * subscriber id and the link's expiry, so an outbox files it exactly once.
 */
import type { OutgoingMessage } from '../ports.js';
import { noticeMessage } from '../send/notice-message.js';
import { escapeHtml } from '../send/personalise.js';
import type { SubscriberDeps } from './lifecycle-deps.js';

/** The link to the confirm page, `<api>/confirm?token=…`. */
export function confirmLink(apiUrl: string, token: string): string {
  const url = new URL(`${apiUrl}/confirm`);
  url.searchParams.set('token', token);
  return url.href;
}

/** The confirmation message for `to` (normalised), whose link carries `token` and expires at `expiresAt`. */
export async function confirmationMessage(deps: SubscriberDeps, to: string, id: string, token: string, expiresAt: Date): Promise<OutgoingMessage> {
  const { envelope, publicationName: name } = deps;
  const link = confirmLink(deps.apiUrl, token);
  const days = Math.round((deps.policy?.pendingMs ?? 7 * 86_400_000) / 86_400_000);
  const lines = [
    `Someone, we hope you, asked to subscribe this address to the ${name} bulletin.`,
    `To confirm, open the link below and press the Confirm button. The link works for ${days} days.`,
    `If you did not ask, ignore this email: you will not be subscribed and we will not write again.`,
  ];
  const text = `${lines[0]}\n\n${lines[1]}\n\n${link}\n\n${lines[2]}\n`;
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(deps.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`Confirm your subscription to ${name}`)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5;">
<p>${escapeHtml(lines[0]!)}</p>
<p>${escapeHtml(lines[1]!)}</p>
<p><a href="${escapeHtml(link)}">Confirm your subscription</a></p>
<p>${escapeHtml(lines[2]!)}</p>
</body></html>
`;
  const messageId = `<confirm.${id}.${Math.floor(expiresAt.getTime() / 1000)}@${envelope.listId}>`;
  // Transactional, not bulk: Auto-Submitted asks auto-responders not to answer it.
  return noticeMessage(envelope, {
    issueId: 'confirm', recipientKey: deps.tokens.recipientKey(to), messageId, to,
    subject: `Confirm your subscription to ${name}`, text, html, date: deps.clock.now(), autoSubmitted: true,
  });
}
