/**
 * `bulletin`: the local face of the pipeline. Thin: parses arguments, wires
 * the filesystem adapters, calls the core. A user mistake is one line on
 * stderr and exit 1 — never a stack trace (set BULLETIN_DEBUG=1 to see one
 * for an unexpected failure).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { consoleIo, UsageError, type Io } from './io.js';

function month(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError('must be a month written YYYY-MM, e.g. 2010-07');
  return value;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return n;
}

function rate(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number of messages per second above 0');
  return n;
}

function instant(value: string): Date {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(t)) throw new InvalidArgumentError('must be an instant written YYYY-MM-DDTHH:MMZ, e.g. 2010-08-06T12:00Z');
  return new Date(t);
}

function emails(value: string): string[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.find((s) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s));
  if (!list.length || bad !== undefined) throw new InvalidArgumentError(`${bad ? `"${bad}" is not` : 'give'} an email address (comma-separated for several)`);
  return list;
}

/** Commands are imported when run, so `validate`, `new` and `--help` never load the renderers (MJML alone takes a few hundred ms). */
export function program(io: Io, setExit: (code: number) => void): Command {
  const cmd = new Command('bulletin')
    .description('Build, preview and publish the Met Forward bulletin from the content folder.')
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
      // One line per mistake: "bulletin: option '--month' … (see bulletin --help)".
      // Commander puts "(Did you mean --out?)" on a line of its own: keep it on the one line.
      outputError: (s, write) => write(`bulletin: ${s.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (see bulletin --help)\n`),
    })
    .exitOverride();
  const content = () => new Option('--content <dir>', 'content folder, laid out like the bucket').default('content');
  const out = () => new Option('--out <dir>', 'output folder').default('dist');
  const monthOpt = (what: string) => new Option('--month <YYYY-MM>', what).argParser(month);

  cmd.command('validate')
    .description('check every content file; prints path:line:col: field: message per problem; exit 1 if any')
    .addOption(content()).addOption(monthOpt('check only this month (config is always checked)'))
    .action(async (o) => setExit(await (await import('./commands/validate.js')).validateCommand(o, io)));
  cmd.command('build')
    .description('render the archive site and each month\'s email (HTML, text) into --out')
    .addOption(content()).addOption(out()).addOption(monthOpt('build only this month, plus the index pages'))
    .action(async (o) => setExit(await (await import('./commands/build.js')).buildCommand(o, io)));
  cmd.command('preview')
    .description('build, serve --out on localhost and rebuild when content or templates change')
    .addOption(content()).addOption(out())
    .addOption(new Option('--port <n>', 'port to listen on (0 picks a free one)').default(8080).argParser(port))
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .action(async (o) => setExit(await (await import('./commands/preview.js')).previewCommand(o, io)));
  cmd.command('new')
    .description('write a valid starter update for an author')
    .requiredOption('--workstream <id>', 'workstream id from config/workstreams')
    .addOption(monthOpt('the month it reports on').makeOptionMandatory())
    .addOption(content())
    .addOption(new Option('--format <format>', 'file format').choices(['md', 'json']).default('md'))
    .action(async (o) => setExit(await (await import('./commands/new-update.js')).newCommand(o, io)));
  cmd.command('status')
    .description('the month\'s status: each workstream missing, invalid, valid, skipped or late; exit 0 when ready to publish, 1 when not')
    .addOption(content()).addOption(monthOpt('the month (default: the newest in the content)'))
    .option('--json', 'print the status as JSON, for scripts', false)
    .addOption(new Option('--now <instant>', 'judge lateness at this time instead of now').argParser(instant))
    .action(async (o) => setExit(await (await import('./commands/status.js')).statusCommand(o, io)));
  cmd.command('remind')
    .description('mail the call for updates or a reminder to owners of required workstreams whose update is missing or invalid; each at most once')
    .addOption(monthOpt('the month to chase').makeOptionMandatory())
    .addOption(new Option('--kind <kind>', 'which message').choices(['call', 'reminder']).default('reminder'))
    .option('--dry-run', 'list who would be mailed and send nothing', false)
    .addOption(content())
    .addOption(new Option('--out <dir>', 'the archive: the ledger of reminders sent is kept in its reminders/').default('archive'))
    .addOption(new Option('--outbox <dir>', 'where each message is written as a .eml file').default('dist/outbox'))
    .addOption(new Option('--now <instant>', 'act as if it were this time (the round\'s date and who is late)').argParser(instant))
    .action(async (o) => setExit(await (await import('./commands/remind.js')).remindCommand(o, io)));
  cmd.command('schema')
    .description('write JSON Schemas for every content file (for editors\' tooling)')
    .addOption(new Option('--out <dir>', 'folder to write them to').default('schema'))
    .action(async (o) => setExit(await (await import('./commands/schema.js')).schemaCommand(o, io)));
  const sendOptions = (c: Command) => c
    .addOption(content())
    .addOption(new Option('--out <dir>', 'the archive: site/, records/, ledger/, reports/').default('archive'))
    .addOption(new Option('--subscribers <file>', 'subscriber list (JSON)').default(undefined, '<content>/subscribers.json'))
    .addOption(new Option('--outbox <dir>', 'where each message is written as a .eml file').default('dist/outbox'))
    .addOption(new Option('--rate <n>', 'messages per second at most (default: publication sendRatePerSecond)').argParser(rate))
    .option('--skip-invalid-subscribers', 'send although some subscriber entries are invalid: they are left out and their addresses never mailed', false)
    .option('--allow-no-recipients', 'publish even when nobody would be sent the issue', false);
  sendOptions(cmd.command('publish')
    .description('publish an approved month to the archive and email every active subscriber once; safe to repeat')
    .addOption(monthOpt('the month to publish').makeOptionMandatory())
    .addOption(new Option('--test-to <emails>', 'send a test copy to these addresses only (comma-separated); publishes nothing').argParser(emails)))
    .action(async (o) => setExit(await (await import('./commands/publish.js')).publishCommand(o, io)));
  sendOptions(cmd.command('correct')
    .description('publish a correction: a new revision with a visible note; the earlier revision stays')
    .addOption(monthOpt('the published month to correct').makeOptionMandatory())
    .requiredOption('--note <text>', 'what was corrected, shown on the page and in the corrections log')
    .option('--notify', 'also email the corrected issue to every active subscriber', false))
    .action(async (o) => setExit(await (await import('./commands/publish.js')).correctCommand(o, io)));
  // ── subscribers (issue 9) ────────────────────────────────────────────────
  const subs = cmd.command('subscribers').description('manage the local subscriber list: unsubscribe, erase or export one address; serve the subscribers API');
  const subsOptions = (c: Command) => c
    .addOption(content())
    .addOption(new Option('--out <dir>', 'the archive (its token secret and published issues)').default('archive'))
    .addOption(new Option('--subscribers <file>', 'subscriber list (JSON)').default(undefined, '<content>/subscribers.json'))
    .addOption(new Option('--outbox <dir>', 'where subscriber emails are written as .eml files').default('dist/outbox'));
  const address = (value: string): string => {
    if (emails(value).length !== 1) throw new InvalidArgumentError('give one email address');
    return value.trim();
  };
  subsOptions(subs.command('unsubscribe').argument('<email>', 'the address to unsubscribe', address)
    .description('unsubscribe an address at once (for mailto: unsubscribes reaching the comms inbox); keeps a minimal suppression record'))
    .action(async (email: string, o) => setExit(await (await import('./commands/subscribers.js')).unsubscribeCommand(email, o, io)));
  subsOptions(subs.command('erase').argument('<email>', 'the address to erase', address)
    .description('erase everything stored about an address, keeping only a keyed hash so it is not added again by mistake'))
    .action(async (email: string, o) => setExit(await (await import('./commands/subscribers.js')).eraseCommand(email, o, io)));
  subsOptions(subs.command('export').argument('<email>', 'the address to export', address)
    .description('print everything stored about an address as JSON (exit 1 when nothing is)'))
    .action(async (email: string, o) => setExit(await (await import('./commands/subscribers.js')).exportCommand(email, o, io)));
  subsOptions(subs.command('purge').description('forget sign-ups never confirmed within 7 days (an earlier opt-out is kept)'))
    .action(async (o) => setExit(await (await import('./commands/subscribers.js')).purgeCommand(o, io)));
  subsOptions(subs.command('serve').description('serve the subscribers API on localhost (messages go to --outbox)'))
    .addOption(new Option('--port <n>', 'port to listen on (0 picks a free one)').default(8081).argParser(port))
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .option('--api-url <url>', 'public base URL of the API, for links in emails (default: the unsubscribe base of the publication)')
    .option('--site-root <url>', 'the archive root the pages take their styles from (default: the publication baseUrl)')
    .action(async (o) => setExit(await (await import('./commands/subscribers.js')).serveCommand(o, io)));
  return cmd;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  let code = 0;
  try {
    await program(io, (c) => (code = c)).parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      io.err(`bulletin: ${err.message}`);
      return err.exitCode;
    }
    if (isExpected(err)) {
      // Our own <What>Error codes (SECRET_WEAK, RECORD_EXISTS …) and system ones (EACCES …): the message says it all.
      io.err(`bulletin: ${err.message.replace(/\s*\n\s*/g, ' ')}`);
      return 1;
    }
    io.err(`bulletin: unexpected failure: ${(err as Error).message}`);
    if (process.env.BULLETIN_DEBUG) io.err(String((err as Error).stack));
    else io.err('(run again with BULLETIN_DEBUG=1 to see where it failed)');
    return 70;
  }
}

function isExpected(err: unknown): err is Error & { code: string } {
  const code: unknown = (err as { code?: unknown } | undefined)?.code;
  return err instanceof Error && typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code);
}
