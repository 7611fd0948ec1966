// Runs `npm ci` only when node_modules was not installed from this exact package-lock.json by this
// Node version: the Maven build, ./fleet and .ci/e2e.sh then share one install instead of three.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const lock = readFileSync('package-lock.json');
const stamp = createHash('sha256').update(lock).update(process.version).digest('hex');
const stampFile = 'node_modules/.orderfleet-install-stamp';

if (existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp) {
  console.log('node_modules is up to date with package-lock.json; skipping npm ci');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stampFile, stamp + '\n');
