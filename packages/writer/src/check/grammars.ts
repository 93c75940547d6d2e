/** The tree-sitter Go parser, from the grammar's .wasm build, loaded once per process. C needs no parser (cscan.ts). */
import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";

const require = createRequire(import.meta.url);
let ready: Promise<{ go: Parser }> | undefined;

async function load(): Promise<{ go: Parser }> {
  await Parser.init();
  const goLang = await Language.load(require.resolve("tree-sitter-go/tree-sitter-go.wasm"));
  const go = new Parser();
  go.setLanguage(goLang);
  return { go };
}

export function parsers(): Promise<{ go: Parser }> {
  ready ??= load();
  return ready;
}
