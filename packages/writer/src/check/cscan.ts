/**
 * Syscall-number uses in C, found the way the compiler sees the text (C11 5.1.1.2 phases 1–4,
 * enough of them): backslash-newline splices lines, comments become a space (so a block comment
 * spanning lines continues a directive), string and character literals are single tokens, and
 * directives are read as directives. A use is an `__NR_*`/`SYS_*` identifier in code or in a
 * `#define` body. Never uses: text inside comments and literals; `#error`, `#warning`, `#pragma`,
 * `#line`, `#ident` and `#include` lines (runc's cloned_binary.c says `#warning "… SYS_memfd_create"`);
 * the names a directive only tests (`#ifdef X`, `#if defined(X) …`, `#if X > 0`) or defines
 * (`#define X …`, `#undef X`); and a use of X inside `#ifdef X` (or the `#else` of `#ifndef X`),
 * which only compiles where X exists. Code under `#if 0` (or after a taken `#if 1`) is never
 * compiled, so it holds no uses either.
 */

export interface CUse {
  /** UTF-16 index into the text. */
  readonly index: number;
  readonly symbol: string;
}

interface Token {
  readonly kind: "id" | "other";
  readonly text: string;
  readonly index: number;
  /** Index just past the token, to tell `#define F(x)` (function-like) from `#define F (x)`. */
  readonly end: number;
}

const USE = /^(?:__NR_|SYS_)[A-Za-z0-9_]+$/;
const isIdStart = (c: string) => /[A-Za-z_]/.test(c);
const isId = (c: string) => /[A-Za-z0-9_]/.test(c);

/** Logical lines (after splicing and comment removal) as token lists. */
function logicalLines(text: string): Token[][] {
  const lines: Token[][] = [];
  let cur: Token[] = [];
  const n = text.length;
  // A backslash before a newline (optionally "\r\n") splices; returns the index after it, or -1.
  const splice = (i: number) =>
    text[i] !== "\\" ? -1 : text[i + 1] === "\n" ? i + 2 : text[i + 1] === "\r" && text[i + 2] === "\n" ? i + 3 : -1;
  let i = 0;
  while (i < n) {
    const s = splice(i);
    if (s >= 0) {
      i = s;
      continue;
    }
    const ch = text[i]!;
    if (ch === "\n") {
      lines.push(cur);
      cur = [];
      i++;
      continue;
    }
    if (ch === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (ch === "/" && text[i + 1] === "/") {
      // A line comment ends at a newline that is not spliced.
      while (i < n && text[i] !== "\n") i = splice(i) >= 0 ? splice(i) : i + 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = i++;
      while (i < n && text[i] !== ch && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
      i++;
      cur.push({ kind: "other", text: text.slice(start, Math.min(i, n)), index: start, end: i });
      continue;
    }
    if (isIdStart(ch)) {
      const start = i;
      while (i < n && isId(text[i]!)) i++;
      cur.push({ kind: "id", text: text.slice(start, i), index: start, end: i });
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      // A pp-number: `0x__NR_x` is one token, never an identifier.
      const start = i++;
      while (
        i < n &&
        (isId(text[i]!) || text[i] === "." || ((text[i] === "+" || text[i] === "-") && /[eEpP]/.test(text[i - 1]!)))
      )
        i++;
      cur.push({ kind: "other", text: text.slice(start, i), index: start, end: i });
      continue;
    }
    if (ch !== " " && ch !== "\t" && ch !== "\r" && ch !== "\f" && ch !== "\v")
      cur.push({ kind: "other", text: ch, index: i, end: i + 1 });
    i++;
  }
  lines.push(cur);
  return lines;
}

/** The name a condition guards: `#if defined(X)` / `#if defined X` (nothing else). */
function definedName(cond: readonly Token[]): string | undefined {
  const t = cond.map((x) => x.text);
  if (t.length === 2 && t[0] === "defined") return t[1];
  if (t.length === 4 && t[0] === "defined" && t[1] === "(" && t[3] === ")") return t[2];
  return undefined;
}

interface Frame {
  /** Name the current branch guards (it only compiles where the name is defined). */
  guard: string | undefined;
  /** Name the `#else` branch will guard (`#ifndef X` … `#else`). */
  elseGuard: string | undefined;
  /** The current branch is never compiled (`#if 0`, or a branch after a taken `#if 1`). */
  dead: boolean;
  /** An earlier branch is always taken (`#if 1`), so the later ones are dead. */
  taken: boolean;
}

/** A condition that is the literal 0 or 1 (`#if 0`, `#if (1)`), else undefined. */
function literal(cond: readonly Token[]): 0 | 1 | undefined {
  const t = cond.map((x) => x.text).join("");
  return t === "0" || t === "(0)" ? 0 : t === "1" || t === "(1)" ? 1 : undefined;
}

export function scanCText(text: string): CUse[] {
  const uses: CUse[] = [];
  const stack: Frame[] = [];
  const guarded = (symbol: string) => stack.some((f) => f.guard === symbol);
  const collect = (tokens: readonly Token[]) => {
    if (stack.some((f) => f.dead)) return;
    for (const t of tokens)
      if (t.kind === "id" && USE.test(t.text) && !guarded(t.text)) uses.push({ index: t.index, symbol: t.text });
  };
  for (const line of logicalLines(text)) {
    if (line[0]?.text !== "#") {
      collect(line);
      continue;
    }
    const directive = line[1]?.text;
    const rest = line.slice(2);
    switch (directive) {
      case "ifdef":
        stack.push({ guard: rest[0]?.text, elseGuard: undefined, dead: false, taken: false });
        break;
      case "ifndef":
        stack.push({ guard: undefined, elseGuard: rest[0]?.text, dead: false, taken: false });
        break;
      case "if": {
        const value = literal(rest);
        stack.push({ guard: definedName(rest), elseGuard: undefined, dead: value === 0, taken: value === 1 });
        break;
      }
      case "elif":
      case "elifdef":
      case "elifndef": {
        const top = stack[stack.length - 1];
        if (top !== undefined) {
          const value = directive === "elif" ? literal(rest) : undefined;
          top.guard = directive === "elif" ? definedName(rest) : directive === "elifdef" ? rest[0]?.text : undefined;
          top.elseGuard = undefined;
          top.dead = top.taken || value === 0;
          top.taken ||= value === 1;
        }
        break;
      }
      case "else": {
        const top = stack[stack.length - 1];
        if (top !== undefined) {
          top.guard = top.elseGuard;
          top.elseGuard = undefined;
          top.dead = top.taken;
        }
        break;
      }
      case "endif":
        stack.pop();
        break;
      case "define": {
        const name = rest[0];
        let body = rest.slice(1);
        // Function-like: `(` right after the name, no space; the parameter list is not a use.
        if (name !== undefined && body[0]?.text === "(" && body[0].index === name.end) {
          const close = body.findIndex((t) => t.text === ")");
          body = close < 0 ? [] : body.slice(close + 1);
        }
        collect(body);
        break;
      }
      default:
        // include, include_next, undef, error, warning, pragma, line, ident, null directive:
        // nothing there is compiled code.
        break;
    }
  }
  return uses;
}
