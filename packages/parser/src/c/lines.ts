/**
 * The lexical layer of the line preprocessor (line-preprocess.ts): a header as logical lines
 * (comments gone, `\`-newlines spliced) and expression text as tokens. Anything outside the
 * plain subset kernel headers are written in throws NeedsTreeSitter, so the caller re-runs the
 * input through tree-sitter-c instead of guessing. This code runs once per process, cold, so
 * it leans on regular expressions and string built-ins rather than character loops.
 */
import { NeedsTreeSitter } from "./engine.ts";
import type { Token } from "./macros.ts";

export interface LogicalLine {
  /** The line without comments, continuation lines joined, trimmed. */
  readonly text: string;
  /** 1-based line where it starts. */
  readonly line: number;
}

/** A block comment, a line comment, or a string or character literal (kept as written). */
const lexical = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;
const literal = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;

function withoutComments(text: string): string {
  return text.replace(lexical, (match: string, at: number) => {
    if (match.startsWith("/*")) {
      const breaks = match.split("\n").length - 1;
      if (breaks === 0) return " ";
      // Text after a multi-line comment joins the line the comment began on in cpp (a
      // directive goes on); tree-sitter sees two lines. Plain headers end such comments alone.
      const end = at + match.length;
      const lineEnd = text.indexOf("\n", end);
      if (text.slice(end, lineEnd < 0 ? text.length : lineEnd).trim() !== "")
        throw new NeedsTreeSitter("text after a multi-line comment");
      // One space, then the comment's line breaks, so later lines keep their numbers.
      return ` ${"\n".repeat(breaks)}`;
    }
    if (match.startsWith("//")) {
      if (/\\\r?$/.test(match)) throw new NeedsTreeSitter("line comment continued with a backslash");
      return "";
    }
    return match;
  });
}

/** Splits `text` into logical lines the way cpp's first phases would. */
export function logicalLines(text: string): LogicalLine[] {
  const stripped = withoutComments(text);
  // A quote left outside every literal is an unterminated one; a "/*" left, an unterminated comment.
  if (/["'/]/.test(stripped)) {
    const code = stripped.replace(literal, "");
    if (/["']/.test(code)) throw new NeedsTreeSitter("unterminated string or character literal");
    if (code.includes("/*")) throw new NeedsTreeSitter("unterminated comment");
  }
  const physical = stripped.split("\n");
  const out: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    let line = physical[i] as string;
    // Splice; tree-sitter's path replaces the pair by a space too (macros.ts parseWrapped).
    while (line.endsWith("\\") || line.endsWith("\\\r")) {
      line = `${line.slice(0, line.lastIndexOf("\\"))} ${physical[++i] ?? ""}`;
    }
    const trimmed = line.trim();
    if (trimmed === "") continue;
    // tree-sitter-c's preproc_arg ends at "/*" even inside a string: only #include "x" is plain.
    if ((trimmed.includes('"') || trimmed.includes("'")) && !/^#\s*include\s*"[^"]*"$/.test(trimmed))
      throw new NeedsTreeSitter("string or character literal");
    out.push({ text: trimmed, line: start + 1 });
  }
  return out;
}

// tree-sitter-c's number_literal, restricted below to what parseIntegerLiteral accepts.
const token = /[ \t\f\v\r]*(?:([A-Za-z_]\w*)|([0-9][0-9A-Za-z_.]*)|(<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^~!<>()?:]))/y;
const integer = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)[uUlL]*$/;

const tokenCache = new Map<string, readonly Token[]>();

/** Tokens of expression text: identifiers, integer literals and C's integer operators. */
export function lineTokens(text: string): readonly Token[] {
  const cached = tokenCache.get(text);
  if (cached) return cached;
  const tokens: Token[] = [];
  token.lastIndex = 0;
  const end = text.trimEnd().length;
  while (token.lastIndex < end) {
    const at = token.lastIndex;
    const m = token.exec(text);
    if (m === null)
      throw new NeedsTreeSitter(`unexpected character ${JSON.stringify(text.slice(at).trim()[0])} in an expression`);
    if (m[1] !== undefined) tokens.push({ type: "identifier", text: m[1] });
    else if (m[2] !== undefined) {
      if (!integer.test(m[2])) throw new NeedsTreeSitter(`not a plain integer literal: ${m[2]}`);
      tokens.push({ type: "number_literal", text: m[2] });
    } else tokens.push({ type: m[3] as string, text: m[3] as string });
  }
  if (tokenCache.size > 50_000) tokenCache.clear();
  tokenCache.set(text, tokens);
  return tokens;
}
