/** tree-sitter parsers for Go and C, from the grammars' .wasm builds, loaded once per process. */
import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";

const require = createRequire(import.meta.url);
let ready: Promise<{ go: Parser; c: Parser }> | undefined;

async function load(): Promise<{ go: Parser; c: Parser }> {
  await Parser.init();
  const [goLang, cLang] = await Promise.all([
    Language.load(require.resolve("tree-sitter-go/tree-sitter-go.wasm")),
    Language.load(require.resolve("tree-sitter-c/tree-sitter-c.wasm")),
  ]);
  const go = new Parser();
  go.setLanguage(goLang);
  const c = new Parser();
  c.setLanguage(cLang);
  return { go, c };
}

export function parsers(): Promise<{ go: Parser; c: Parser }> {
  ready ??= load();
  return ready;
}
