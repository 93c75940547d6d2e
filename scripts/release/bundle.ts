/**
 * The JavaScript of the published `xsysgen` package: one esbuild run over two entries — the CLI
 * (`dist/cli.mjs`, what the bin imports) and the API (`dist/index.mjs`) — sharing chunks, so a
 * process that loads both gets one copy of each module (one registry, one set of error classes).
 *
 * Unlike the workspace bin (scripts/build-bin.ts), nothing that runs is left to the workspace:
 * web-tree-sitter is bundled and its `tree-sitter.wasm`, found next to the chunk that holds it,
 * is copied into dist/ with the grammars' `.wasm` files. The sources find a grammar with
 * `require.resolve("tree-sitter-c/tree-sitter-c.wasm")`; here that call becomes a path next to
 * the chunk, and any grammar reference left unrewritten fails the build.
 * lzma-native (a native addon, optional: the system `xz` is tried first) and unbzip2-stream are
 * loaded with `require()` at run time and stay dependencies.
 */
import { build, type Metafile, type Plugin } from "esbuild";
import { copyFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { repoRoot } from "../lib/debian.ts";
import { nodeBundleOptions, requireBanner } from "../lib/esbuild.ts";

/** Loaded with require() at run time: dependencies of the published package, not bundled. */
const runtimeRequires = ["lzma-native", "unbzip2-stream"] as const;

const grammarCall = /require\.resolve\(\s*"(tree-sitter-[a-z]+)\/(tree-sitter-[a-z]+\.wasm)"\s*\)/g;
const grammarLeft = /tree-sitter-[a-z]+\/tree-sitter-[a-z]+\.wasm/;

/**
 * Rewrites the sources' grammar look-ups, resolving each as the source would have at run time
 * (from the importing file): .wasm file name → its path in the workspace.
 */
function grammarPaths(found: Map<string, string>): Plugin {
  return {
    name: "xsysgen-grammar-paths",
    setup(b) {
      b.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.ts$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        if (!text.includes(".wasm")) return undefined;
        const rewritten = text.replace(grammarCall, (_all, pkg: string, file: string) => {
          const path = createRequire(args.path).resolve(`${pkg}/${file}`);
          const before = found.get(file);
          if (before !== undefined && before !== path)
            throw new Error(`two different ${file} in the workspace: ${before} and ${path}`);
          found.set(file, path);
          return `__xsysgenAsset(${JSON.stringify(file)})`;
        });
        if (grammarLeft.test(rewritten)) {
          throw new Error(
            `${relative(repoRoot, args.path)}: a grammar .wasm reference the release build does not know how to ship`,
          );
        }
        return { contents: rewritten, loader: "ts" };
      });
    },
  };
}

const banner = [
  requireBanner,
  'import { fileURLToPath as __xsysgenFileURLToPath } from "node:url";',
  // Assets sit next to the chunks in dist/.
  "const __xsysgenAsset = (name) => __xsysgenFileURLToPath(new URL(name, import.meta.url));",
].join(" ");

/** The package directory (node_modules/…/<name>) a bundled input file belongs to. */
function packageDirOf(input: string): string | undefined {
  const parts = input.split("/");
  const at = parts.lastIndexOf("node_modules");
  if (at < 0) return undefined;
  const scoped = parts[at + 1]?.startsWith("@") === true;
  return parts.slice(0, at + (scoped ? 3 : 2)).join("/");
}

export interface BundleResult {
  readonly metafile: Metafile;
  /** Package directories (absolute) whose code or assets the bundle ships. */
  readonly shippedPackages: readonly string[];
}

/** Builds `dist/` (cli.mjs, index.mjs, chunks, .wasm files) into `outdir`, which must be empty. */
export async function bundleJs(outdir: string): Promise<BundleResult> {
  const grammars = new Map<string, string>();
  const result = await build({
    entryPoints: {
      cli: join(repoRoot, "packages", "cli", "src", "main.ts"),
      index: join(repoRoot, "packages", "xsysgen", "src", "api.ts"),
    },
    ...nodeBundleOptions([grammarPaths(grammars)]),
    absWorkingDir: repoRoot,
    outdir,
    external: [...runtimeRequires],
    banner: { js: banner },
    legalComments: "none",
    metafile: true,
  });
  const shipped = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const dir = packageDirOf(join(repoRoot, input));
    if (dir !== undefined) shipped.add(dir);
  }
  const webTreeSitter = [...shipped].filter((d) => d.endsWith("/web-tree-sitter"));
  if (webTreeSitter.length !== 1)
    throw new Error(`expected one bundled web-tree-sitter, found ${webTreeSitter.length}`);
  const assets = [join(webTreeSitter[0] as string, "tree-sitter.wasm")];
  for (const path of grammars.values()) {
    assets.push(path);
    shipped.add(dirname(path));
  }
  // Entries and chunks all sit in dist/, and each looks for its assets next to itself.
  for (const asset of assets) copyFileSync(asset, join(outdir, basename(asset)));
  return { metafile: result.metafile, shippedPackages: [...shipped].sort() };
}
