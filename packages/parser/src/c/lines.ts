/**
 * The lexical layer of the line preprocessor (line-preprocess.ts): a header as logical lines
 * (comments gone, `\`-newlines spliced) and expression text as tokens. Anything outside the
 * plain subset kernel headers are written in throws NeedsTreeSitter, so the caller re-runs the
 * input through tree-sitter-c instead of guessing.
 */
import { NeedsTreeSitter } from "./engine.ts";
import type { Token } from "./macros.ts";

export interface LogicalLine {
  /** The line without comments, continuation lines joined, trimmed. */
  readonly text: string;
  /** 1-based line where it starts. */
  readonly line: number;
}

/** Splits `text` into logical lines the way cpp's first phases would. */
export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let current = "";
  let startLine = 1;
  let line = 1;
  let i = 0;
  const n = text.length;
  const flush = (): void => {
    const trimmed = current.trim();
    if (trimmed !== "") out.push({ text: trimmed, line: startLine });
    current = "";
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a /* \n */) {
      flush();
      line++;
      startLine = line;
      i++;
    } else if (c === 0x5c /* \ */ && (text[i + 1] === "\n" || (text[i + 1] === "\r" && text[i + 2] === "\n"))) {
      // Splice; tree-sitter's path replaces the pair by a space too (macros.ts parseWrapped).
      current += " ";
      i += text[i + 1] === "\n" ? 2 : 3;
      line++;
    } else if (c === 0x2f /* / */ && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) throw new NeedsTreeSitter("unterminated comment");
      const body = text.slice(i, end);
      const breaks = body.split("\n").length - 1;
      if (breaks > 0) {
        // Text after a multi-line comment joins the line the comment began on in cpp (a
        // directive goes on); tree-sitter sees two lines. Plain headers end such comments alone.
        const lineEnd = text.indexOf("\n", end);
        if (text.slice(end + 2, lineEnd < 0 ? n : lineEnd).trim() !== "") throw new NeedsTreeSitter("text after a multi-line comment");
      }
      current += " ";
      line += breaks;
      i = end + 2;
    } else if (c === 0x2f && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? n : end;
      if (/\\\r?$/.test(text.slice(i, stop))) throw new NeedsTreeSitter("line comment continued with a backslash");
      i = stop;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const quote = text[i] as string;
      let j = i + 1;
      while (j < n && text[j] !== quote && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      if (text[j] !== quote) throw new NeedsTreeSitter("unterminated string or character literal");
      current += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === 0x0d /* \r */ && text[i + 1] === "\n") {
      i++;
    } else {
      current += text[i];
      i++;
    }
  }
  flush();
  return out;
}

const operators = ["<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%", "&", "|", "^", "~", "!", "<", ">", "(", ")", "?", ":"];
const identifier = /[A-Za-z_]\w*/y;
// tree-sitter-c's number_literal, restricted to what parseIntegerLiteral accepts.
const number = /[0-9][0-9A-Za-z_.]*/y;
const integer = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)[uUlL]*$/;

const tokenCache = new Map<string, readonly Token[]>();

/** Tokens of expression text: identifiers, integer literals and C's integer operators. */
export function lineTokens(text: string): readonly Token[] {
  const cached = tokenCache.get(text);
  if (cached) return cached;
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === " " || c === "\t" || c === "\f" || c === "\v" || c === "\r") {
      i++;
      continue;
    }
    identifier.lastIndex = i;
    number.lastIndex = i;
    const id = identifier.exec(text);
    if (id) {
      tokens.push({ type: "identifier", text: id[0] });
      i += id[0].length;
      continue;
    }
    const num = number.exec(text);
    if (num) {
      if (!integer.test(num[0])) throw new NeedsTreeSitter(`not a plain integer literal: ${num[0]}`);
      tokens.push({ type: "number_literal", text: num[0] });
      i += num[0].length;
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    if (op === undefined) throw new NeedsTreeSitter(`unexpected character ${JSON.stringify(c)} in an expression`);
    tokens.push({ type: op, text: op });
    i += op.length;
  }
  if (tokenCache.size > 50_000) tokenCache.clear();
  tokenCache.set(text, tokens);
  return tokens;
}
