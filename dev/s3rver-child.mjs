// s3rver in its own process (its ListObjectsV2 continuation tokens need
// --openssl-legacy-provider, which only a fresh process can enable).
// Reports its port over IPC, forwards every S3 notification record it emits
// (`event`) to the parent, and exits when the parent goes away.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

const directory = mkdtempSync(join(tmpdir(), 'bulletin-dev-s3-'));
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
