/**
 * Bundles the CLI into packages/cli/dist/ (git-ignored) so the installed `xsysgen` starts without
 * compiling TypeScript on every run: tsx's loader alone costs ~300 ms, more than everything
 * `gen --kernel` does. Run by scripts/install.sh; `pnpm build:bin` rebuilds it. The bin falls
 * back to the sources through tsx whenever the bundle is missing or older than any source file.
 *
 * web-tree-sitter and the grammars stay external: their .wasm files are found next to the
 * packages (packages/cli depends on them for that), and lzma-native is a native addon.
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./lib/debian.ts";
import { nodeBundleOptions, requireBanner } from "./lib/esbuild.ts";

// An argument names another directory inside packages/cli (tests build there, never over the
// bundle other processes may be running).
const outdir = join(repoRoot, "packages", "cli", process.argv[2] ?? "dist");
rmSync(outdir, { recursive: true, force: true });
await build({
  ...nodeBundleOptions(),
  entryPoints: [join(repoRoot, "packages", "cli", "src", "main.ts")],
  outdir,
  external: ["web-tree-sitter", "tree-sitter-c", "tree-sitter-go", "lzma-native", "unbzip2-stream"],
  banner: { js: requireBanner },
});
process.stdout.write(`bundled the CLI into ${outdir}\n`);
