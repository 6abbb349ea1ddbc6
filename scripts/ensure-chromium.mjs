// `pnpm setup:browser`: makes sure a Chromium exists for the end-to-end tests.
// The tests drive the system's Chromium through playwright-core (never `playwright install`):
// CHROMIUM_PATH when set, otherwise /usr/bin/chromium. When neither exists and we are root on a
// Debian/Ubuntu machine, install Debian's `chromium` package with apt-get; otherwise explain.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEFAULT_PATH = '/usr/bin/chromium';
const wanted = process.env.CHROMIUM_PATH ?? DEFAULT_PATH;

if (existsSync(wanted)) {
  console.log(`setup:browser: Chromium found at ${wanted}`);
  process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
  console.error(`setup:browser: CHROMIUM_PATH is set to ${wanted}, but there is no file there.`);
  process.exit(1);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.error(
    [
      `setup:browser: no Chromium at ${DEFAULT_PATH}.`,
      hasApt
        ? '  Install it as root:  sudo apt-get update && sudo apt-get install -y chromium'
        : '  Install Chromium with your system package manager,',
      '  or point CHROMIUM_PATH at an existing Chromium/Chrome binary and run this again.',
    ].join('\n'),
  );
  process.exit(1);
}

for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
  console.log(`setup:browser: running apt-get ${args.join(' ')}`);
  const run = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (run.status !== 0) {
    console.error(`setup:browser: apt-get ${args.join(' ')} failed (exit ${run.status ?? run.signal}).`);
    process.exit(1);
  }
}
if (!existsSync(DEFAULT_PATH)) {
  console.error(`setup:browser: apt-get finished, but ${DEFAULT_PATH} still does not exist.`);
  process.exit(1);
}
console.log(`setup:browser: Chromium installed at ${DEFAULT_PATH}`);
