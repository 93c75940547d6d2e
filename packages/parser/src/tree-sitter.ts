/**
 * The one tree-sitter loader: web-tree-sitter, initialised once per process, and a parser per
 * grammar (tree-sitter-c for headers, tree-sitter-go for zsysnum files and `check`), each made
 * from its .wasm on first use and shared (loading a wasm is the only slow step).
 */
import { createRequire } from "node:module";
import type * as WebTreeSitter from "web-tree-sitter";
import type { Parser, Query } from "web-tree-sitter";

const require = createRequire(import.meta.url);

/**
 * Each grammar's .wasm, from its npm package. Written out per grammar: the release bundle
 * (scripts/release/bundle.ts) rewrites each literal `require.resolve` call to a file it ships.
 */
const grammarWasm = {
  c: () => require.resolve("tree-sitter-c/tree-sitter-c.wasm"),
  go: () => require.resolve("tree-sitter-go/tree-sitter-go.wasm"),
} as const;

/** A grammar `treeSitterParser` loads. */
type Grammar = keyof typeof grammarWasm;

let runtime: Promise<typeof WebTreeSitter> | undefined;
const parsers = new Map<Grammar, Promise<Parser>>();

/** web-tree-sitter after `Parser.init()`, imported on first use: commands that never parse skip it. */
function webTreeSitter(): Promise<typeof WebTreeSitter> {
  runtime ??= import("web-tree-sitter")
    .then(async (module) => {
      await module.Parser.init();
      return module;
    })
    .catch((e: unknown) => {
      runtime = undefined;
      throw e;
    });
  return runtime;
}

async function load(grammar: Grammar): Promise<Parser> {
  const { Language, Parser } = await webTreeSitter();
  const language = await Language.load(grammarWasm[grammar]());
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** The shared parser of `grammar`, created on first use (a failed load is retried on the next call). */
export function treeSitterParser(grammar: Grammar): Promise<Parser> {
  let ready = parsers.get(grammar);
  if (ready === undefined) {
    ready = load(grammar).catch((e: unknown) => {
      parsers.delete(grammar);
      throw e;
    });
    parsers.set(grammar, ready);
  }
  return ready;
}

const queries = new Map<string, Promise<Query>>();

/** A compiled query over `grammar`, made once per process and source (compiling one walks the grammar). */
export function treeSitterQuery(grammar: Grammar, source: string): Promise<Query> {
  const key = `${grammar}\0${source}`;
  let ready = queries.get(key);
  if (ready === undefined) {
    ready = Promise.all([webTreeSitter(), treeSitterParser(grammar)]).then(([{ Query }, parser]) => {
      if (parser.language === null) throw new Error(`tree-sitter-${grammar}: parser without a language`);
      return new Query(parser.language, source);
    });
    ready.catch(() => queries.delete(key));
    queries.set(key, ready);
  }
  return ready;
}
