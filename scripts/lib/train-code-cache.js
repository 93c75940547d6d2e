// One training run of the bin's V8 code cache (scripts/build-bin.ts): runs the bundle on an
// xsysgen command line as the bin does (packages/cli/bin/run-bundle.js, starting from the cache
// the previous run wrote), then writes the cache of every function compiled so far beside the
// bundle (temp + rename), for the next run to extend.
//
//   node scripts/lib/train-code-cache.js <bundle> <xsysgen arguments…>
import { renameSync, writeFileSync } from "node:fs";
import process from "node:process";
import { codeCacheSuffix, loadBundle } from "../../packages/cli/bin/run-bundle.js";

const bundle = process.argv[2];
// The bundle reads its arguments from argv[2] on, as under the bin.
process.argv.splice(2, 1);
const { script, cache } = loadBundle(bundle);
if (cache === "rejected") {
  process.stderr.write(`${bundle}${codeCacheSuffix}: V8 rejected the cache the previous training run wrote\n`);
  process.exit(2);
}
process.on("exit", (code) => {
  if (code !== 0) return;
  const target = bundle + codeCacheSuffix;
  writeFileSync(`${target}.tmp`, script.createCachedData());
  renameSync(`${target}.tmp`, target);
});
