/**
 * The tree-sitter C parser: web-tree-sitter plus the tree-sitter-c grammar, initialised once per
 * process and shared (loading the wasm is the only slow step).
 */
import { createRequire } from "node:module";
import type { Parser } from "web-tree-sitter";

let cParser: Promise<Parser> | undefined;

async function load(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  // Imported on first use: commands that never parse (gen --kernel, diff of kernels) skip it.
  const { Language, Parser } = await import("web-tree-sitter");
  await Parser.init();
  const language = await Language.load(require.resolve("tree-sitter-c/tree-sitter-c.wasm"));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** The shared C parser (created on first use). */
export function cParserReady(): Promise<Parser> {
  cParser ??= load().catch((e: unknown) => {
    cParser = undefined;
    throw e;
  });
  return cParser;
}
