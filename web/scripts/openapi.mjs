// The typed API layer's source of truth: the services' OpenAPI documents, committed in web/openapi/,
// and the TypeScript types generated from them in src/generated/ (openapi-typescript).
//   node scripts/openapi.mjs check          regenerate in memory; fail if a committed type file differs
//                                           from what its committed spec gives (run by `npm run check`)
//   node scripts/openapi.mjs generate       write src/generated/*.ts from web/openapi/*.json
//   node scripts/openapi.mjs update <url>   fetch <url>/docs/api/{users,inventory,orders} (the gateway),
//                                           write web/openapi/*.json normalized, then generate
// Whether the committed specs still equal what the services serve is checked by each service's
// *OpenApiContractTest (./mvnw verify); with -Dorderfleet.openapi.write=true that test writes the spec
// in the same normalized form as `update`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

export const SERVICES = ['users', 'inventory', 'orders'];
const spec = (name) => `openapi/${name}.json`;
const types = (name) => `src/generated/${name}.ts`;

/** Sorted keys and no `servers` (it names the host and port the document was fetched from). */
export function normalize(doc) {
  const sort = (v) => Array.isArray(v) ? v.map(sort)
    : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : v;
  const rest = { ...doc };
  delete rest.servers;
  return sort(rest);
}

async function generated(name) {
  const doc = JSON.parse(readFileSync(spec(name), 'utf8'));
  return COMMENT_HEADER + `// from web/openapi/${name}.json: run \`npm run api:generate\` after changing it\n\n`
    + astToString(await openapiTS(doc, { alphabetize: true }));
}

const [mode, base] = process.argv.slice(2);
if (mode === 'update') {
  if (!base) throw new Error('usage: node scripts/openapi.mjs update http://localhost:8080');
  for (const name of SERVICES) {
    const r = await fetch(`${base}/docs/api/${name}`);
    if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
    writeFileSync(spec(name), JSON.stringify(normalize(await r.json()), null, 2) + '\n');
  }
}
if (mode === 'update' || mode === 'generate') {
  mkdirSync('src/generated', { recursive: true });
  for (const name of SERVICES) writeFileSync(types(name), await generated(name));
  console.log(`generated ${SERVICES.map(types).join(', ')}`);
} else if (mode === 'check') {
  const stale = [];
  for (const name of SERVICES) {
    let committed = '';
    try { committed = readFileSync(types(name), 'utf8'); } catch { /* missing counts as stale */ }
    if (committed !== await generated(name)) stale.push(types(name));
  }
  if (stale.length) {
    console.error(`The API types do not match web/openapi/*.json: ${stale.join(', ')}. Run \`npm run api:generate\` and commit.`);
    process.exit(1);
  }
  console.log('API types match the committed OpenAPI documents');
} else {
  console.error('usage: node scripts/openapi.mjs check|generate|update <gateway-url>');
  process.exit(2);
}
