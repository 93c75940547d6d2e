/** The line engine (see engine.ts): plain headers evaluated without tree-sitter. */
import type { CEngine } from "./engine.ts";
import { evaluateLineTokens } from "./line-eval.ts";
import { linePreprocess } from "./line-preprocess.ts";
import { lineTokens } from "./lines.ts";

export const lineEngine: CEngine = {
  name: "line",
  preprocess: linePreprocess,
  tokens: lineTokens,
  evaluate: evaluateLineTokens,
};
