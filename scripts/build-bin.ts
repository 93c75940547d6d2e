/**
 * Bundles the CLI into packages/cli/dist/ (git-ignored) so the installed `xsysgen` starts without
 * compiling TypeScript on every run: tsx's loader alone costs ~300 ms, more than everything
 * `gen --kernel` does. Run by scripts/install.sh; `pnpm build:bin` rebuilds it. The bin falls
 * back to the sources through tsx whenever the bundle is missing or older than any source file.
 *
 * One CommonJS file (dist/xsysgen.cjs), not ES modules: the bin compiles it with a V8 code cache
 * (packages/cli/bin/run-bundle.js), which V8 keeps for classic scripts only. The cache
 * (dist/xsysgen.cjs.v8cache) is written here by training runs of the bundle on commands that
 * cover the paths users time (scripts/lib/training-inputs.ts), each extending the last; it
 * belongs to this machine's Node, and any other Node ignores it.
 *
 * web-tree-sitter and the grammars stay external: their .wasm files are found next to the
 * packages (packages/cli depends on them for that), and lzma-native is a native addon.
 */
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./lib/debian.ts";
import { binExternals, nodeBundleOptions } from "./lib/esbuild.ts";
import { writeTrainingInputs } from "./lib/training-inputs.ts";

// An argument names another directory inside packages/cli (tests build there, never over the
// bundle other processes may be running).
const outdir = join(repoRoot, "packages", "cli", process.argv[2] ?? "dist");
const bundle = join(outdir, "xsysgen.cjs");
rmSync(outdir, { recursive: true, force: true });
await build({
  ...nodeBundleOptions(),
  splitting: false,
  format: "cjs",
  entryPoints: [join(repoRoot, "packages", "cli", "src", "main.ts")],
  outfile: bundle,
  external: binExternals,
  // import() of an external becomes require(): a vm.Script has no module loader behind import()
  // unless given the experimental importModuleDynamically hook (web-tree-sitter ships a CommonJS
  // build). createRequire(import.meta.url) in the sources: the bundle's own URL.
  supported: { "dynamic-import": false },
  define: { "import.meta.url": "__xsysgenBundleUrl" },
  banner: { js: 'const __xsysgenBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});

// The bin reads the bundle as latin1 (packages/cli/bin/run-bundle.js): esbuild escapes non-ASCII.
if (readFileSync(bundle).some((byte) => byte > 0x7f)) throw new Error(`${bundle}: not ASCII`);

const scratch = mkdtempSync(join(tmpdir(), "xsysgen-train-"));
try {
  for (const args of writeTrainingInputs(scratch)) {
    // Its status lines (`wrote …`) are not the build's: only a failure shows them (in the error thrown).
    execFileSync(process.execPath, [join(repoRoot, "scripts", "lib", "train-code-cache.js"), bundle, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(`bundled the CLI into ${outdir}\n`);
