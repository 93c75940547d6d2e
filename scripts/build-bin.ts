/**
 * Bundles the CLI into packages/cli/dist/ (git-ignored) so the installed `xsysgen` starts without
 * compiling TypeScript on every run: tsx's loader alone costs ~300 ms, more than everything
 * `gen --kernel` does. Run by scripts/install.sh; `pnpm build:bin` rebuilds it. The bin falls
 * back to the sources through tsx whenever the bundle is missing or older than any source file.
 *
 * web-tree-sitter and the grammars stay external: their .wasm files are found next to the
 * packages (packages/cli depends on them for that), and lzma-native is a native addon.
 */
import { build, type Plugin } from "esbuild";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { repoRoot } from "./lib/debian.ts";

/**
 * The registry module (packages/kernels/src/registry.generated.ts, ~590 KB of object literal)
 * becomes `JSON.parse("…")` in the bundle: V8 scans one string literal and parses JSON several
 * times faster than it compiles and runs the literal, and every command that imports the
 * registry pays that at start-up. The data is the module's own export, checked to survive the
 * JSON round trip unchanged (else the module is bundled as written).
 */
const registryAsJson: Plugin = {
  name: "registry-as-json",
  setup(b) {
    b.onLoad({ filter: /[\\/]kernels[\\/]src[\\/]registry\.generated\.ts$/ }, async (args) => {
      const mod = (await import(pathToFileURL(args.path).href)) as Record<string, unknown>;
      const names = Object.keys(mod);
      if (names.length !== 1 || names[0] !== "registry") return undefined;
      const json = JSON.stringify(mod["registry"]);
      if (!isDeepStrictEqual(JSON.parse(json), mod["registry"])) return undefined;
      return { contents: `export const registry = JSON.parse(${JSON.stringify(json)});\n`, loader: "js" };
    });
  },
};

// An argument names another directory inside packages/cli (tests build there, never over the
// bundle other processes may be running).
const outdir = join(repoRoot, "packages", "cli", process.argv[2] ?? "dist");
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(repoRoot, "packages", "cli", "src", "main.ts")],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  external: ["web-tree-sitter", "tree-sitter-c", "tree-sitter-go", "lzma-native", "unbzip2-stream"],
  // Bundled CommonJS (fast-glob and its dependencies) calls require(); give ESM output one.
  banner: {
    js:
      'import { createRequire as __xsysgenCreateRequire } from "node:module"; ' +
      "const require = __xsysgenCreateRequire(import.meta.url);",
  },
  logLevel: "warning",
  plugins: [registryAsJson],
});
process.stdout.write(`bundled the CLI into ${outdir}\n`);
