/**
 * One recipient's complete message — parts AND exact MIME bytes — for
 * edges that want both at once (welcome emails, tests). The send path
 * itself personalises parts only (personalise-message.ts) and leaves the
 * MIME to the mailer that files bytes (the outbox, through `mimeOf`), so
 * SES sends never load a MIME composer.
 */
import type { OutgoingMessage } from '../ports.js';
import { mimeOf } from './mime-message.js';
import { personaliseMessage, type ComposeInput } from './personalise-message.js';

export { prepareEmail, type ComposeInput, type IssueEmail, type PreparedEmail } from './personalise-message.js';

/** Composes one recipient's message with `raw` set; the same input always yields the same bytes. */
export async function composeMessage(input: ComposeInput): Promise<OutgoingMessage> {
  const message = personaliseMessage(input);
  return { ...message, raw: mimeOf(message) };
}
