// s3rver in its own process, for `npm run dev` (dev/servers.ts) and the test
// run (test/global-setup-aws.ts): its ListObjectsV2 continuation tokens use
// DES, which OpenSSL 3 only offers with --openssl-legacy-provider, a flag that
// cannot be turned on inside an already running process. Reports its port
// over IPC first, then forwards every S3 notification record it emits
// (`event`) to the parent, and exits when the parent goes away, so a killed
// run leaves nothing behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

const directory = mkdtempSync(join(tmpdir(), 'bulletin-s3-'));
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, resetOnClose: true });
server.on('event', (event) => process.send?.({ event }));
const { port } = await server.run();
process.send?.({ port });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close().catch(() => {});
  rmSync(directory, { recursive: true, force: true });
  process.exit(0);
}
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
