/**
 * Object-like macro expansion the way cpp does it for `#if` lines and `__NR_` values: the
 * replacement tokens are rescanned with the macro itself hidden (so `#define A A` stops after
 * one step), then the fully expanded token list is parsed as one expression, so precedence
 * follows the expanded text (`#define A 1+1`, `A*2` is 3, as in cpp).
 */
import type { Node, Parser } from "web-tree-sitter";
import { EvalError, evaluateExpr, exprFromNode, parseIntegerLiteral } from "./expr.ts";
import type { Expr } from "./expr.ts";

export interface Macro {
  readonly name: string;
  /** Parameter list for function-like macros (recorded, never expanded). */
  readonly params?: readonly string[];
  /** Replacement text as written (tree-sitter's preproc_arg), "" when empty. */
  readonly value: string;
  readonly file: string;
  readonly line: number;
}

export type MacroTable = Map<string, Macro>;

export interface Token {
  readonly type: string;
  readonly text: string;
}

/** Most tokens one evaluation may produce, and deepest macro-in-macro chain. */
export const maxExpansionTokens = 100_000;
export const maxExpansionDepth = 200;

const skipped = new Set(["comment", "line_continuation", "\n"]);

/**
 * The leaf tokens of an expression node, in source order. Iterative: a hostile `((((…1…))))` nests
 * as deep as it likes before any depth limit can see it, and recursion here would exhaust the stack.
 */
export function leafTokens(root: Node, out: Token[] = []): Token[] {
  const pending: Node[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (skipped.has(node.type)) continue;
    if (node.childCount === 0 || node.type === "number_literal") {
      if (node.text !== "") out.push({ type: node.type, text: node.text });
      continue;
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) pending.push(child);
    }
  }
  return out;
}

/**
 * tree-sitter-c's `#if` grammar has no `?:`, so expression text is parsed in C context instead:
 * as the initializer of `int __xsys = <text>;` (after splicing `\\`-newlines, as cpp does first).
 */
const wrapperHead = ["int", "__xsys", "="];

function parseWrapped(parser: Parser, text: string): Node | null {
  const tree = parser.parse(`int __xsys = ${text.replace(/\\\r?\n/g, " ")}\n;\n`);
  return tree ? tree.rootNode : null;
}

const tokenCache = new Map<string, readonly Token[]>();
const exprCache = new Map<string, Expr | EvalError>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size > 50_000) cache.clear();
  cache.set(key, value);
  return value;
}

/** Tokens of a macro replacement text, tokenised by tree-sitter-c. */
export function textTokens(parser: Parser, text: string): readonly Token[] {
  const cached = tokenCache.get(text);
  if (cached) return cached;
  if (text.trim() === "") return remember(tokenCache, text, []);
  const root = parseWrapped(parser, text);
  const leaves = root ? leafTokens(root) : [];
  if (
    leaves.length < 4 ||
    leaves.slice(0, 3).some((t, i) => t.text !== wrapperHead[i]) ||
    leaves.at(-1)?.text !== ";"
  ) {
    throw new EvalError(`cannot tokenize "${text}"`);
  }
  return remember(tokenCache, text, leaves.slice(3, -1));
}

/** Parses the expanded expression text into an Expr (cached). */
function textExpr(parser: Parser, text: string): Expr {
  let result = exprCache.get(text);
  if (result === undefined) {
    const root = parseWrapped(parser, text);
    const value = root?.child(0)?.childForFieldName("declarator")?.childForFieldName("value");
    try {
      if (!root || root.hasError || !value || root.childCount !== 1)
        throw new EvalError(`syntax error in expression: ${text}`);
      result = remember(exprCache, text, exprFromNode(value));
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      result = remember(exprCache, text, e);
    }
  }
  if (result instanceof EvalError) throw result;
  return result;
}

interface Budget {
  tokens: number;
}

function expand(
  parser: Parser,
  tokens: readonly Token[],
  macros: MacroTable,
  hidden: ReadonlySet<string>,
  depth: number,
  budget: Budget,
  out: Token[],
): void {
  if (depth > maxExpansionDepth) throw new EvalError(`macro expansion nested deeper than ${maxExpansionDepth}`);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (++budget.tokens > maxExpansionTokens)
      throw new EvalError(`macro expansion exceeds ${maxExpansionTokens} tokens`);
    if (t.text === "defined") {
      // The operand of `defined` is never expanded: copy `defined X` or `defined ( X )` verbatim.
      const end = tokens[i + 1]?.text === "(" ? i + 3 : i + 1;
      for (; i <= end && i < tokens.length; i++) out.push(tokens[i] as Token);
      i--;
      continue;
    }
    const macro = t.type === "identifier" && !hidden.has(t.text) ? macros.get(t.text) : undefined;
    if (!macro) {
      out.push(t);
      continue;
    }
    if (macro.params !== undefined) {
      if (tokens[i + 1]?.text === "(")
        throw new EvalError(`function-like macro ${macro.name}() in an expression is not supported`);
      out.push(t);
      continue;
    }
    const inner = new Set(hidden).add(macro.name);
    expand(parser, textTokens(parser, macro.value), macros, inner, depth + 1, budget, out);
  }
}

/** `defined X` / `defined ( X )` → 1 or 0, before the text is parsed in C context. */
/**
 * `defined X` / `defined(X)` → 1 or 0. `malformed` builds the error for a bad operand: the line
 * engine hands the header to tree-sitter (NeedsTreeSitter), the tree-sitter path reports it.
 */
export function resolveDefined(
  tokens: readonly Token[],
  macros: MacroTable,
  malformed: () => Error = () => new EvalError("defined needs a macro name"),
): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.text !== "defined") {
      out.push(tokens[i] as Token);
      continue;
    }
    const paren = tokens[i + 1]?.text === "(";
    const name = tokens[i + (paren ? 2 : 1)];
    if (!name || name.type !== "identifier" || (paren && tokens[i + 3]?.text !== ")")) throw malformed();
    out.push({ type: "number_literal", text: macros.has(name.text) ? "1" : "0" });
    i += paren ? 3 : 1;
  }
  return out;
}

/** Fully macro-expands `tokens` and joins them back into expression text. */
function expandTokens(parser: Parser, tokens: readonly Token[], macros: MacroTable, inIf: boolean): string {
  const out: Token[] = [];
  expand(parser, tokens, macros, new Set(), 0, { tokens: 0 }, out);
  // `defined` is an operator only on #if lines; in a value it stays and fails as a call.
  return (inIf ? resolveDefined(out, macros) : out).map((t) => t.text).join(" ");
}

/**
 * Evaluates tokens as cpp would. `strict`: an identifier left after expansion is an error
 * (a `__NR_` value must be a number); otherwise it is 0, as in `#if`.
 */
export function evaluateTokens(parser: Parser, tokens: readonly Token[], macros: MacroTable, strict: boolean): bigint {
  if (tokens.length === 1 && tokens[0]?.type === "number_literal") return parseIntegerLiteral(tokens[0].text);
  const text = expandTokens(parser, tokens, macros, !strict);
  if (text === "") throw new EvalError("empty expression");
  return evaluateExpr(textExpr(parser, text), {
    isDefined: (name) => macros.has(name),
    identifier: (name) => {
      if (strict) throw new EvalError(`${name} is not defined to a number`);
      return 0n;
    },
  });
}
