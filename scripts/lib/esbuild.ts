/**
 * What the workspace bin (scripts/build-bin.ts) and the published package (scripts/release/bundle.ts)
 * build alike: Node 20, the registry as JSON, and ESM in split chunks with a `require` for the
 * CommonJS they bundle — which the bin overrides with one CommonJS file, the only kind of script
 * V8 keeps a code cache for.
 */
import type { BuildOptions, Plugin } from "esbuild";
import { readFile } from "node:fs/promises";

/** Bundled CommonJS (fast-glob and its dependencies) calls require(); ESM output needs one. */
export const requireBanner =
  'import { createRequire as __xsysgenCreateRequire } from "node:module"; ' +
  "const require = __xsysgenCreateRequire(import.meta.url);";

/**
 * The registry's data (packages/kernels/data/registry.json, ~600 KB of TSV lines) becomes `JSON.parse("…")`
 * in the bundle rather than an object literal: V8 scans one string literal and parses JSON several times
 * faster than it compiles and runs a literal, and every command that imports the registry pays that at
 * start-up. (Each target's lines are parsed into records only when it is asked for: packages/kernels/src/data.ts.)
 */
const registryAsJson: Plugin = {
  name: "registry-as-json",
  setup(b) {
    b.onLoad({ filter: /[\\/]kernels[\\/]data[\\/]registry\.json$/ }, async (args) => {
      const json = JSON.stringify(JSON.parse(await readFile(args.path, "utf8")));
      return { contents: `export default JSON.parse(${JSON.stringify(json)});\n`, loader: "js" };
    });
  },
};

/**
 * What the workspace bin's bundle (scripts/build-bin.ts) leaves to packages/cli's node_modules at
 * run time: web-tree-sitter and the grammars, whose .wasm files are found next to the packages, and
 * lzma-native, a native addon (with unbzip2-stream, loaded by require() the same way).
 */
export const binExternals = ["web-tree-sitter", "tree-sitter-c", "tree-sitter-go", "lzma-native", "unbzip2-stream"];

/** The options both builds share; each adds its entries, output directory, externals and banner. */
export function nodeBundleOptions(plugins: readonly Plugin[] = []): BuildOptions {
  return {
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
    plugins: [registryAsJson, ...plugins],
  };
}
