/**
 * The subscribers API inside `bulletin preview`, mounted at `/api/` so the
 * preview's subscribe page works end to end, without JavaScript: the form
 * posts to `/api/subscribe`, the confirmation lands in the outbox.
 *
 * Where it writes: everything goes under `--out` (default `dist/`, never
 * checked in) in `preview/` — the list `preview/subscribers.json` and the
 * emails `preview/outbox/`. Never `content/subscribers.json`: that file is
 * checked in (the sample list) and is what `bulletin publish` mails, so a
 * newcomer trying the form must not change it. The token secret is the one
 * `--out` already keeps (`.bulletin-secret`), created on first use.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { subscribersListener } from '../adapters/node-http-subscribers.js';
import type { Io } from './io.js';
import { localSubscribersApi } from './commands/subscribers.js';
import type { Mount } from './preview-server.js';
import { SITE_MOUNT } from './preview-server.js';

/** Where the preview's API lives under the preview's origin. */
export const API_MOUNT = '/api';

/** The API over the preview's own list and outbox, answering `/api/…`; `origin` is the preview's `http://host:port`. */
export async function previewApi(options: { content: string; out: string }, origin: string, io: Io): Promise<Mount> {
  const dir = join(options.out, 'preview');
  await mkdir(dir, { recursive: true });
  const handler = await localSubscribersApi({
    content: options.content, out: options.out,
    subscribers: join(dir, 'subscribers.json'), outbox: join(dir, 'outbox'),
    apiUrl: `${origin}${API_MOUNT}`, siteRoot: SITE_MOUNT,
  }, io);
  return subscribersListener(handler, API_MOUNT);
}
