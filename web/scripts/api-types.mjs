// Generates src/api-types.ts from the API contract, so the app's types follow the server's.
// The contract is openapi.yaml plus one fragment per domain (src/main/resources/openapi/), merged
// at start-up by platform/http/Contract.java; this merges them the same way (paths must not
// repeat, components are merged by kind) and hands the whole document to openapi-typescript.
// ContractFragmentsTest keeps every fragment on disk listed in Contract.FRAGMENTS, so the
// generated types describe exactly the served contract.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import openapiTS, { astToString } from 'openapi-typescript';

const web = fileURLToPath(new URL('..', import.meta.url));
const resources = join(web, '..', 'src', 'main', 'resources');
const target = join(web, 'src', 'api-types.ts');

const contract = parse(readFileSync(join(resources, 'openapi.yaml'), 'utf8'));
contract.paths ??= {};
contract.components ??= {};
for (const name of readdirSync(join(resources, 'openapi')).filter((f) => f.endsWith('.yaml')).sort()) {
  const fragment = parse(readFileSync(join(resources, 'openapi', name), 'utf8')) ?? {};
  for (const [path, item] of Object.entries(fragment.paths ?? {})) {
    if (path in contract.paths) throw new Error(`Path ${path} is defined twice (${name})`);
    contract.paths[path] = item;
  }
  for (const [kind, entries] of Object.entries(fragment.components ?? {})) {
    contract.components[kind] = { ...(contract.components[kind] ?? {}), ...entries };
  }
}

const source = '// Generated from the API contract by scripts/api-types.mjs at build time; do not edit.\n'
  + astToString(await openapiTS(contract, { silent: true }));
// rewrite only on change, so an unchanged contract does not look like an edit to watchers
if (!existsSync(target) || readFileSync(target, 'utf8') !== source) {
  writeFileSync(target, source);
}
