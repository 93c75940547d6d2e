/**
 * Macro expansion and `#if`/`__NR_` evaluation for the line engine, without tree-sitter: the
 * same algorithm as macros.ts (rescan with the macro hidden, `defined` operands untouched, the
 * expanded tokens parsed as one expression) with a small precedence-climbing parser in place
 * of tree-sitter-c, building the same Expr that expr.ts evaluates with cpp's 64-bit arithmetic.
 * Anything unusual (a function-like macro call, a comma, a keyword, an over-long expansion)
 * throws NeedsTreeSitter: tree-sitter then gives the answer or the error message.
 */
import { NeedsTreeSitter } from "./engine.ts";
import { EvalError, evaluateExpr, parseIntegerLiteral } from "./expr.ts";
import type { Expr } from "./expr.ts";
import { lineTokens } from "./lines.ts";
import { maxExpansionDepth, maxExpansionTokens, resolveDefined } from "./macros.ts";
import type { MacroTable, Token } from "./macros.ts";

function expand(
  tokens: readonly Token[],
  macros: MacroTable,
  hidden: ReadonlySet<string>,
  depth: number,
  budget: { tokens: number },
  out: Token[],
): void {
  if (depth > maxExpansionDepth) throw new NeedsTreeSitter("deep macro expansion");
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (++budget.tokens > maxExpansionTokens) throw new NeedsTreeSitter("long macro expansion");
    if (t.text === "defined") {
      const end = tokens[i + 1]?.text === "(" ? i + 3 : i + 1;
      for (; i <= end && i < tokens.length; i++) out.push(tokens[i] as Token);
      i--;
      continue;
    }
    const macro = t.type === "identifier" && !hidden.has(t.text) ? macros.get(t.text) : undefined;
    if (!macro || macro.params !== undefined) {
      if (t.type === "identifier" && tokens[i + 1]?.text === "(") throw new NeedsTreeSitter(`call of ${t.text}()`);
      out.push(t);
      continue;
    }
    expand(lineTokens(macro.value), macros, new Set(hidden).add(macro.name), depth + 1, budget, out);
  }
}

const resolveDefinedOrDecline = (tokens: readonly Token[], macros: MacroTable): Token[] =>
  resolveDefined(tokens, macros, () => new NeedsTreeSitter("malformed defined"));

const binaryPrecedence: Readonly<Record<string, number>> = {
  "||": 1,
  "&&": 2,
  "|": 3,
  "^": 4,
  "&": 5,
  "==": 6,
  "!=": 6,
  "<": 7,
  ">": 7,
  "<=": 7,
  ">=": 7,
  "<<": 8,
  ">>": 8,
  "+": 9,
  "-": 9,
  "*": 10,
  "/": 10,
  "%": 10,
};
const maxDepth = 200;
/** Words tree-sitter-c parses as keywords or literals of their own (never plain identifiers). */
const keywords = new Set([
  "sizeof",
  "_Alignof",
  "alignof",
  "__alignof__",
  "typeof",
  "__typeof__",
  "int",
  "long",
  "short",
  "char",
  "signed",
  "unsigned",
  "void",
  "struct",
  "union",
  "enum",
  "const",
  "volatile",
  "true",
  "false",
  "NULL",
  "nullptr",
  "__int128",
  "_Bool",
  "bool",
  "float",
  "double",
  "defined",
]);

/** Precedence climbing over C's integer operators, `?:` lowest and right-associative. */
class ExprParser {
  private at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Expr {
    const e = this.conditional(0);
    if (this.at !== this.tokens.length) throw new NeedsTreeSitter("trailing tokens in an expression");
    return e;
  }

  private peek(): string | undefined {
    return this.tokens[this.at]?.text;
  }

  private expect(text: string): void {
    if (this.peek() !== text) throw new NeedsTreeSitter(`expected ${text} in an expression`);
    this.at++;
  }

  private conditional(depth: number): Expr {
    if (depth > maxDepth) throw new NeedsTreeSitter("deep expression");
    const c = this.binary(1, depth);
    if (this.peek() !== "?") return c;
    this.at++;
    const t = this.conditional(depth + 1);
    this.expect(":");
    const f = this.conditional(depth + 1);
    return { k: "cond", c, t, f };
  }

  private binary(min: number, depth: number): Expr {
    let left = this.unary(depth + 1);
    for (;;) {
      const op = this.peek();
      const prec = op === undefined ? undefined : binaryPrecedence[op];
      if (prec === undefined || prec < min) return left;
      this.at++;
      const right = this.binary(prec + 1, depth + 1);
      left = { k: "bin", op: op as string, l: left, r: right };
    }
  }

  private unary(depth: number): Expr {
    if (depth > maxDepth) throw new NeedsTreeSitter("deep expression");
    const t = this.tokens[this.at];
    if (t === undefined) throw new NeedsTreeSitter("incomplete expression");
    this.at++;
    if (t.text === "!" || t.text === "~" || t.text === "-" || t.text === "+")
      return { k: "un", op: t.text, e: this.unary(depth + 1) };
    if (t.text === "(") {
      const inner = this.conditional(depth + 1);
      this.expect(")");
      return inner;
    }
    if (t.type === "number_literal") return { k: "num", v: parseIntegerLiteral(t.text) };
    if (t.type === "identifier" && !keywords.has(t.text)) return { k: "id", name: t.text };
    throw new NeedsTreeSitter(`unexpected ${t.text} in an expression`);
  }
}

/** Whether `#if` tokens form one expression (for layout scans, which evaluate nothing). */
export function isExpression(tokens: readonly Token[]): boolean {
  try {
    new ExprParser(resolveDefinedOrDecline(tokens, new Map())).parse();
    return true;
  } catch (e) {
    if (e instanceof NeedsTreeSitter || e instanceof EvalError) return false;
    throw e;
  }
}

/** Like macros.ts evaluateTokens, on the line engine's tokens. */
export function evaluateLineTokens(tokens: readonly Token[], macros: MacroTable, strict: boolean): bigint {
  if (tokens.length === 1 && tokens[0]?.type === "number_literal") return parseIntegerLiteral(tokens[0].text);
  const out: Token[] = [];
  expand(tokens, macros, new Set(), 0, { tokens: 0 }, out);
  const expanded = strict ? out : resolveDefinedOrDecline(out, macros);
  if (expanded.length === 0) throw new NeedsTreeSitter("empty expression");
  return evaluateExpr(new ExprParser(expanded).parse(), {
    isDefined: (name) => macros.has(name),
    identifier: (name) => {
      if (strict) throw new NeedsTreeSitter(`${name} is not defined to a number`);
      return 0n;
    },
  });
}
