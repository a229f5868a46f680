/**
 * `npx tsx bench/compose-profile.ts [N]`: composes N (default 20,000) July
 * messages from the once-per-issue buffer, for `node --cpu-prof` (run it as
 * `node --cpu-prof --import tsx bench/compose-profile.ts`, then
 * `node bench/cpuprofile-summary.js CPU.cpuprofile`), and prints µs per message.
 */
import { mimeChunks } from '../core/send/mime-message.js';
import { personaliseMessage, prepareEmail } from '../core/send/personalise-message.js';
import { TokenSigner } from '../core/send/tokens.js';
import { sampleEmail } from './sample-email.js';

const n = Number(process.argv[2] ?? 20_000);
const { email, envelope } = await sampleEmail();
const prepared = prepareEmail(email);
const tokens = new TokenSigner({ secret: 'profile-secret-0123456789abcdefghijklmnopqrstuvwxyz', listId: envelope.listId, subjects: 'opaque' });
const date = new Date('2010-08-05T08:00:00Z');
const keys = Array.from({ length: n + 2000 }, (_, i) => tokens.recipientKey(`reader${i}@example.org`));
const compose = (i: number) => mimeChunks(personaliseMessage({ prepared, envelope, tokens, issueId: '2010-07', kind: 'issue', to: `reader${i}@example.org`, recipientKey: keys[i], date }));
for (let i = 0; i < 2000; i++) compose(i);
const start = process.hrtime.bigint();
for (let i = 0; i < n; i++) compose(i);
console.log(`${(Number(process.hrtime.bigint() - start) / 1e3 / n).toFixed(1)} µs per message`);
