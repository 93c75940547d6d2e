/**
 * Integer constant expressions of `#if` lines: a small AST built from tree-sitter-c expression
 * nodes and its evaluation with the preprocessor's intmax_t (64-bit) arithmetic.
 */
import type { Node } from "web-tree-sitter";

export type Expr =
  | { readonly k: "num"; readonly v: bigint }
  | { readonly k: "id"; readonly name: string }
  | { readonly k: "defined"; readonly name: string }
  | { readonly k: "un"; readonly op: string; readonly e: Expr }
  | { readonly k: "bin"; readonly op: string; readonly l: Expr; readonly r: Expr }
  | { readonly k: "cond"; readonly c: Expr; readonly t: Expr; readonly f: Expr };

/** Why an expression has no value; the preprocessor turns it into a ParseError with file:line. */
export class EvalError extends Error {}

/**
 * Deepest expression tree accepted (C11 5.2.4.1 asks for 63 levels of parentheses); deeper input is
 * pathological, not a kernel header, and must stop here rather than exhaust V8's stack.
 */
const maxExprDepth = 200;

/** Digits of each radix C's integer constants use. */
const digitsOf: Readonly<Record<number, RegExp>> = {
  16: /^[0-9a-fA-F]+$/,
  10: /^[0-9]+$/,
  8: /^[0-7]+$/,
  2: /^[01]+$/,
};
/** A decimal with no sign, suffix or leading zero, short enough for int64: most of a header's literals. */
const plainDecimal = /^(0|[1-9][0-9]{0,17})$/;

export function parseIntegerLiteral(text: string): bigint {
  // The general path below gives the same value; this one runs ~1,200 times per x86 package, cold.
  if (plainDecimal.test(text)) return BigInt(text);
  // tree-sitter-c lexes a signed literal (`-1` in `(-1 < 0)`) as one number_literal token.
  const sign = text.startsWith("-") ? -1n : 1n;
  const body = text.replace(/^[-+]\s*/, "").replace(/[uUlL]+$/, "");
  let digits = body;
  let radix = 10;
  if (/^0[xX]/.test(body)) [digits, radix] = [body.slice(2), 16];
  else if (/^0[bB]/.test(body)) [digits, radix] = [body.slice(2), 2];
  // A leading 0 makes an octal constant: `08` is an error to cc, not eight.
  else if (/^0[0-9]+$/.test(body)) [digits, radix] = [body.slice(1), 8];
  const valid = digitsOf[radix] as RegExp;
  if (!valid.test(digits)) throw new EvalError(`not an integer constant: ${text}`);
  const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : radix === 2 ? "0b" : "";
  return BigInt.asIntN(64, sign * BigInt(prefix + digits));
}

function field(node: Node, name: string): Node {
  const child = node.childForFieldName(name);
  if (child === null) throw new EvalError(`incomplete expression: ${node.text}`);
  return child;
}

/** Converts a tree-sitter-c expression node (an `#if` condition) into an Expr. */
export function exprFromNode(node: Node, depth = 0): Expr {
  if (depth > maxExprDepth) throw new EvalError(`expression nested deeper than ${maxExprDepth}`);
  if (node.hasError || node.isMissing) throw new EvalError(`syntax error in expression: ${node.text}`);
  const sub = (n: Node) => exprFromNode(n, depth + 1);
  switch (node.type) {
    case "number_literal":
      return { k: "num", v: parseIntegerLiteral(node.text) };
    case "identifier":
      return { k: "id", name: node.text };
    case "preproc_defined": {
      const id = node.namedChildren.find((c) => c?.type === "identifier");
      if (!id) throw new EvalError(`defined without a name: ${node.text}`);
      return { k: "defined", name: id.text };
    }
    case "parenthesized_expression": {
      const inner = node.namedChildren.filter((c) => c !== null && c.type !== "comment");
      if (inner.length !== 1 || !inner[0]) throw new EvalError(`bad parentheses: ${node.text}`);
      return sub(inner[0]);
    }
    case "unary_expression":
      return { k: "un", op: field(node, "operator").type, e: sub(field(node, "argument")) };
    case "binary_expression":
      return { k: "bin", op: field(node, "operator").type, l: sub(field(node, "left")), r: sub(field(node, "right")) };
    case "conditional_expression":
      return {
        k: "cond",
        c: sub(field(node, "condition")),
        t: sub(field(node, "consequence")),
        f: sub(field(node, "alternative")),
      };
    case "call_expression":
      throw new EvalError(`function-like macro call in expression is not supported: ${node.text}`);
    default:
      throw new EvalError(`unsupported ${node.type} in preprocessor expression: ${node.text}`);
  }
}

export interface EvalContext {
  isDefined(name: string): boolean;
  /** Value of an identifier left after macro expansion: 0 in `#if`, an error for __NR_ values. */
  identifier(name: string): bigint;
}

const wrap = (v: bigint) => BigInt.asIntN(64, v);
const bool = (b: boolean) => (b ? 1n : 0n);

function binary(op: string, l: bigint, r: bigint): bigint {
  switch (op) {
    case "+":
      return wrap(l + r);
    case "-":
      return wrap(l - r);
    case "*":
      return wrap(l * r);
    case "/":
    case "%":
      if (r === 0n) throw new EvalError("division by zero in preprocessor expression");
      return wrap(op === "/" ? l / r : l % r);
    case "<<":
      return wrap(l << (r & 63n));
    case ">>":
      return l >> (r & 63n);
    case "&":
      return l & r;
    case "|":
      return l | r;
    case "^":
      return l ^ r;
    case "==":
      return bool(l === r);
    case "!=":
      return bool(l !== r);
    case "<":
      return bool(l < r);
    case ">":
      return bool(l > r);
    case "<=":
      return bool(l <= r);
    case ">=":
      return bool(l >= r);
    default:
      throw new EvalError(`unsupported operator ${op} in preprocessor expression`);
  }
}

export function evaluateExpr(e: Expr, ctx: EvalContext): bigint {
  switch (e.k) {
    case "num":
      return e.v;
    case "id":
      return ctx.identifier(e.name);
    case "defined":
      return bool(ctx.isDefined(e.name));
    case "cond":
      return evaluateExpr(e.c, ctx) !== 0n ? evaluateExpr(e.t, ctx) : evaluateExpr(e.f, ctx);
    case "un": {
      const v = evaluateExpr(e.e, ctx);
      if (e.op === "!") return bool(v === 0n);
      if (e.op === "-") return wrap(-v);
      if (e.op === "+") return v;
      if (e.op === "~") return ~v;
      throw new EvalError(`unsupported unary ${e.op} in preprocessor expression`);
    }
    case "bin": {
      // && and || short-circuit like cpp: `defined(X) && X > 1` must not evaluate X when undefined.
      if (e.op === "&&") return bool(evaluateExpr(e.l, ctx) !== 0n && evaluateExpr(e.r, ctx) !== 0n);
      if (e.op === "||") return bool(evaluateExpr(e.l, ctx) !== 0n || evaluateExpr(e.r, ctx) !== 0n);
      return binary(e.op, evaluateExpr(e.l, ctx), evaluateExpr(e.r, ctx));
    }
  }
}
