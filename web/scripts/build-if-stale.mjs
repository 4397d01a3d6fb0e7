// Run by Maven (generate-resources): `npm ci` when package-lock.json changed since the last
// install, `npm run build` when any input of the web app changed since the last build. Both
// decisions compare content hashes, so a fresh clone, a branch switch or an edit all rebuild,
// and an unchanged tree costs a few milliseconds.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const webroot = join(web, '..', 'webroot');
const installStamp = join(web, 'node_modules', '.showfloor-install');
const buildStamp = join(webroot, '.build-stamp');
// the contract is an input too: src/api-types.ts is generated from it (scripts/api-types.mjs)
const inputs = ['index.html', 'package.json', 'package-lock.json', 'tsconfig.json', 'vite.config.ts', 'src', 'public', 'scripts',
  '../src/main/resources/openapi.yaml', '../src/main/resources/openapi'];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

// written by the build itself from the contract (an input already), so never a reason to rebuild
const generated = join(web, 'src', 'api-types.ts');

function hashOf(paths) {
  const hash = createHash('sha256');
  for (const file of paths.flatMap((p) => files(join(web, p))).filter((f) => f !== generated)) {
    hash.update(relative(web, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function read(path) {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : '';
}

function npm(...args) {
  const started = Date.now();
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: web, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`web: npm ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  console.log(`web: npm ${args[0]} ${args[1] ?? ''} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const lockHash = hashOf(['package-lock.json']);
if (read(installStamp) !== lockHash) {
  npm('ci', '--no-audit', '--no-fund', '--loglevel=error');
  writeFileSync(installStamp, lockHash + '\n');
}

const sourceHash = hashOf(inputs);
if (process.argv.includes('--force') || read(buildStamp) !== sourceHash || !existsSync(join(webroot, 'index.html'))) {
  npm('run', 'build', '--silent', '--', '--logLevel', 'warn');
  writeFileSync(buildStamp, sourceHash + '\n');
} else {
  console.log('web: webroot/ is up to date');
}
