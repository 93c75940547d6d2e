/**
 * The two ways headers are evaluated. tree-sitter-c (preprocess.ts, macros.ts) handles any C
 * the kernel has written; its WebAssembly costs ~100 ms to load and compile. The line
 * preprocessor (line-engine.ts) handles the plain subset nearly every uapi header is written
 * in — directives, integer expressions, `__SYSCALL(…)` lines — with no grammar at all, and
 * throws NeedsTreeSitter on anything else. Callers try the line engine first and redo the
 * whole job with tree-sitter when it declines (test/engines.test.ts proves both agree on
 * every header of the corpus).
 */
import type { Parser } from "web-tree-sitter";
import { evaluateTokens, textTokens } from "./macros.ts";
import type { MacroTable, Token } from "./macros.ts";
import { preprocess } from "./preprocess.ts";
import type { PreprocessOptions, PreprocessResult } from "./preprocess.ts";

/** The line engine met something outside its subset: evaluate the input with tree-sitter. */
export class NeedsTreeSitter extends Error {}

export interface CEngine {
  readonly name: "line" | "tree-sitter";
  preprocess(entry: string, options: PreprocessOptions): PreprocessResult;
  /** Tokens of a macro replacement text. */
  tokens(text: string): readonly Token[];
  /** Macro-expands and evaluates tokens (strict: identifiers left over are an error, not 0). */
  evaluate(tokens: readonly Token[], macros: MacroTable, strict: boolean): bigint;
}

export function treeSitterEngine(parser: Parser): CEngine {
  return {
    name: "tree-sitter",
    preprocess: (entry, options) => preprocess(parser, entry, options),
    tokens: (text) => textTokens(parser, text),
    evaluate: (tokens, macros, strict) => evaluateTokens(parser, tokens, macros, strict),
  };
}

/**
 * Stands in for the C parser where an API takes one (layout detection) while the line engine
 * runs: any use means the input needs tree-sitter after all.
 */
export const parserNotLoaded: Parser = new Proxy(
  {},
  {
    get: () => {
      throw new NeedsTreeSitter("the input needs the tree-sitter C parser");
    },
  },
) as Parser;
