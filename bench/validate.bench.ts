/**
 * `npx bulletin validate` on the sample content, the whole process, as a user
 * runs it: with `.build/` fresh (the `prepare` script is run first, so the
 * precompiled bundle runs, not tsx). Median of 7 runs; the row also says
 * how much of it is Node itself starting.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median, ms, timeMs, type Row } from './support.js';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 7;
const TARGET_MS = 300;


export async function run(): Promise<Row[]> {
  await exec('npm', ['run', '--silent', 'prepare'], { cwd: ROOT });
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const times = async (args: string[]) => {
    const out: number[] = [];
    for (let i = 0; i < RUNS; i++) out.push(await timeMs(() => exec(args[0]!, args.slice(1), { cwd: ROOT, env })));
    return median(out);
  };
  const node = await times([process.execPath, '-e', '0']);
  const validate = await times([process.execPath, 'bin/bulletin.js', 'validate']);
  const npx = await times(['npx', '--no-install', 'bulletin', 'validate']);
  return [
    { name: 'bulletin validate, sample content, whole process', value: ms(validate), target: `≤ ${ms(TARGET_MS)}`, met: validate <= TARGET_MS, note: `median of ${RUNS}, .build/ fresh; \`node -e 0\` alone ${ms(node)}` },
    { name: 'npx bulletin validate, the same through npx', value: ms(npx), note: `npx's own start (${ms(npx - validate)}) on top of the command` },
  ];
}
