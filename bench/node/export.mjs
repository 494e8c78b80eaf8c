// Lists every contact of the benchmark server through the official Node
// SDK's auto-pagination (for await over contacts.list), as a bulk export
// would, and prints the wall time of each run as JSON. The first run warms
// the JIT and is not reported.
//
// Environment: BASE_URL (the server), NODE_SDK_DIR (where
// scripts/bench-node.sh installed intercom-client), PER_PAGE, RUNS.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.resolve(process.env.NODE_SDK_DIR, "package.json"));
const { IntercomClient } = require("intercom-client");
const sdkVersion = require("intercom-client/package.json").version;

const client = new IntercomClient({ token: "bench", baseUrl: process.env.BASE_URL });
const perPage = Number(process.env.PER_PAGE || 150);
const runs = Number(process.env.RUNS || 3);

async function exportAll() {
  let n = 0;
  let idBytes = 0;
  const page = await client.contacts.list({ per_page: perPage });
  for await (const contact of page) {
    n++;
    idBytes += contact.id.length;
  }
  if (idBytes === 0) throw new Error("no contacts decoded");
  return n;
}

await exportAll();
const ms = [];
let items = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  items = await exportAll();
  ms.push(performance.now() - t0);
}
console.log(JSON.stringify({ sdk: sdkVersion, node: process.version, items, ms }));
