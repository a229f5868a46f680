/**
 * The owner's notice when ingest finds an invalid file: one short plain
 * email per (file, object version), naming the file, each problem as
 * `path:line:col: field: message`, and what to do. The subject is built
 * from trusted values only (publication name, month, the registry's
 * workstream title); author text (file names, problem messages) appears
 * only in the plain-text body, escaped to printable characters.
 */
import { createHash } from 'node:crypto';
import type { SiteConfig } from '../content/load-content.js';
import { formatProblem, visible, type Problem } from '../content/problem.js';
import type { ReminderLedger } from '../desk/reminders.js';
import type { Clock, Mailer } from '../ports.js';
import { monthLabel } from '../render/format.js';
import { noticeMessage } from '../send/notice-message.js';
import type { SendEnvelope } from '../send/envelope.js';
import { reportKey } from './report.js';

/** An author file of the month with problems, and the version they were found in. */
export interface InvalidFile {
  path: string;
  /** The object's version id; when the store keeps none, a hash of the bytes stands in (a new upload still differs). */
  version: string;
  problems: readonly Problem[];
}

export interface InvalidNotice {
  /** `invalid/<month>/<hash of path and version>`: the create-once ledger key. */
  key: string;
  to: string;
  subject: string;
  text: string;
}

/** What sending notices needs; the ledger is the reminders' create-once ledger (same port, own keys). */
export interface NoticeDeps {
  mailer: Mailer;
  ledger: ReminderLedger;
  clock: Clock;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
const UPDATE = /^updates\/\d{4}-\d{2}\/([^/]+)\.[^./]+$/;

/** Who is told about `path`: its workstream's owner, else (the manifest, a stray file) the publication's contact. */
function recipient(config: SiteConfig, month: string, path: string): { to: string; subject: string; whose: string } {
  const { publication } = config;
  const issue = `${publication.name} ${monthLabel(month)}`;
  const lead = publication.contact.email ?? publication.replyTo ?? publication.fromAddress;
  const ws = config.workstreams.find((w) => w.id === UPDATE.exec(path)?.[1]);
  if (ws) return { to: ws.owner, subject: `Your ${ws.title} update for ${issue} has problems`, whose: `your ${ws.title} update` };
  if (path.startsWith('issues/')) return { to: lead, subject: `The ${issue} issue manifest has problems`, whose: 'the issue manifest' };
  return { to: lead, subject: `An update file for ${issue} has problems`, whose: 'an update file that matches no workstream' };
}

/** One notice per invalid file. Pure. */
export function planInvalidNotices(config: SiteConfig, month: string, files: readonly InvalidFile[]): InvalidNotice[] {
  return files.filter((f) => f.problems.length).map((f) => {
    const { to, subject, whose } = recipient(config, month, f.path);
    const text = [
      `Hello,`,
      ``,
      `Ingest could not accept ${whose} for the ${config.publication.name} ${monthLabel(month)} issue, so it is left out of the preview.`,
      ``,
      `File: ${visible(f.path)}`,
      ``,
      `Problems:`,
      ...f.problems.map((p) => `  ${formatProblem(p)}`),
      ``,
      `What to do: fix each problem above in your copy of the file and upload it again under the same name.`,
      `The report is at ${visible(reportKey(f.path))} and the draft at previews/${month}/index.html in the content bucket.`,
      `You will hear from us again only if a new upload still has problems.`,
      ``,
    ].join('\n');
    return { key: `invalid/${month}/${hash(`${f.path}\n${f.version}`)}`, to, subject, text };
  });
}

/**
 * Sends each notice unless the ledger already holds its key. The ledger
 * entry is created first (a conditional create), so duplicate or
 * out-of-order events and retries never mail twice: at most once per
 * (file, version), by design. Returns the keys sent.
 */
export async function sendInvalidNotices(notices: readonly InvalidNotice[], envelope: SendEnvelope, deps: NoticeDeps): Promise<string[]> {
  const sent: string[] = [];
  for (const n of notices) {
    const now = deps.clock.now();
    const id = n.key.slice(n.key.lastIndexOf('/') + 1);
    const messageId = `<invalid.${id}@${envelope.listId}>`;
    if (!(await deps.ledger.create(n.key, { messageId, to: n.to, sentAt: now.toISOString() }))) continue;
    await deps.mailer.send(await noticeMessage(envelope, {
      issueId: `notices-${n.key.split('/')[1]}`, recipientKey: id, messageId, to: n.to, subject: n.subject, text: n.text, date: now, autoSubmitted: true,
    }));
    sent.push(n.key);
  }
  return sent;
}
