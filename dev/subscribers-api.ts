/**
 * The subscribers API in `npm run dev`: the real Lambda handler
 * (functions/subscribers-api.ts, API Gateway event in, result out) behind
 * the loopback API Gateway, over the dev stack's subscriber table, SES
 * (aws-ses-v2-local: confirmation and welcome emails land in its store),
 * send table (erasure redacts plans) and archive bucket (the latest issue
 * publish stored). Links in emails go to the listener's own URL.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoSendPlanStore } from '../adapters/dynamo-send-plans.js';
import { DynamoSubscriberStore } from '../adapters/dynamo-subscribers.js';
import { readTemplateFiles } from '../adapters/fs-templates.js';
import { S3ArchiveStore } from '../adapters/s3-archive-store.js';
import { S3ContentStore } from '../adapters/s3-content-store.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { systemClock } from '../adapters/system-clock.js';
import { loadConfig } from '../core/content/load-content.js';
import { compileTemplates } from '../core/render/templates.js';
import { envelopeFromPublication } from '../core/send/envelope.js';
import type { Clock } from '../core/ports.js';
import { latestStoredIssue } from '../functions/aws-subscribers.js';
import { createHandler, subscribersApiOver } from '../functions/subscribers-api.js';
import { serveApiGateway, type LocalApi } from './api-gateway.js';
import { devTokens, NAMES, type Clients } from './local-aws.js';

/** Starts the API on 127.0.0.1:`port` (0: a free one); its deps are built on the first request, once the URL is known. */
export async function startSubscribersApi(c: Clients, secretFile: string, options: { port?: number; clock?: Clock; names?: typeof NAMES } = {}): Promise<LocalApi> {
  const names = options.names ?? NAMES;
  const clock = options.clock ?? systemClock;
  let url = '';
  const api = async () => {
    const content = new S3ContentStore(c.s3, names.contentBucket);
    const { config } = await loadConfig(content);
    if (!config) throw new Error('the publication config in the content bucket cannot be read');
    const tokens = await devTokens(secretFile, content);
    const docs = DynamoDBDocumentClient.from(c.dynamo, { marshallOptions: { removeUndefinedValues: true } });
    const subscribers = {
      store: new DynamoSubscriberStore(docs, names.subscribersTable, (e) => tokens.subscriberId(e)),
      // The welcome email's unsubscribe link and headers point here too.
      tokens, clock, envelope: { ...envelopeFromPublication(config.publication), unsubscribeUrl: `${url}/unsubscribe` }, apiUrl: url,
      mailer: new SesMailer(c.ses, { configurationSetName: 'bulletin-dev' }),
      plans: new DynamoSendPlanStore(docs, names.sendTable),
      publicationName: config.publication.name, language: config.publication.language,
      workstreams: config.workstreams.map((w) => w.id),
      latestIssue: latestStoredIssue(new S3ArchiveStore(c.s3, names.archiveBucket)),
      onError: (what: string, error: unknown) => console.error(`subscribers API: ${what}: ${(error as Error).message}`),
    };
    return subscribersApiOver(subscribers, config, compileTemplates(await readTemplateFiles()));
  };
  const server = await serveApiGateway(createHandler(api), options.port ?? 0);
  url = server.url;
  return server;
}
