/**
 * A C preprocessor over tree-sitter-c syntax trees: conditionals, object-like macros,
 * `#undef`, `#error` and `#include` between the files of a bundle. It produces what
 * `cc -E -dD` shows of a header: the active `#define`s in order and the final macro table.
 */
import type { Node, Parser } from "web-tree-sitter";
import { ParseError } from "@xsysgen/core";
import { EvalError } from "./expr.ts";
import { resolveInclude } from "./includes.ts";
import { evaluateTokens, leafTokens } from "./macros.ts";
import type { Macro, MacroTable, Token } from "./macros.ts";

/** One active object-like `#define`, in the order cpp meets it. */
export interface DefineEvent {
  readonly name: string;
  readonly value: string;
  readonly file: string;
  readonly line: number;
}

export interface MissingInclude {
  readonly file: string;
  readonly line: number;
  readonly path: string;
}

export interface PreprocessResult {
  readonly macros: MacroTable;
  readonly defines: readonly DefineEvent[];
  /** `#include`s of files the bundle does not hold (skipped, like `<asm/bitsperlong.h>`). */
  readonly missingIncludes: readonly MissingInclude[];
  /** Every bundle file read, entry first. */
  readonly included: readonly string[];
}

export interface PreprocessOptions {
  readonly files: ReadonlyMap<string, string>;
  /** `-D` macros: the target's predefines. */
  readonly predefined?: Readonly<Record<string, string>>;
  /** Extra include roots tried after the includer's own root. */
  readonly includeDirs?: readonly string[];
}

/**
 * Deepest conditional/tree nesting and `#include` nesting accepted. C11 5.2.4.1 asks a compiler for
 * 63 levels of conditional inclusion and 15 of #include (gcc stops includes at 200); kernel headers
 * nest #if a few levels. The walk recurses per level, and a deeper limit could exhaust V8's stack
 * before it is reached while the walker still runs unoptimized (as it may on a loaded machine).
 */
const maxNesting = 200;
export const maxIncludeDepth = 200;

const ignoredDirectives = new Set(["#pragma", "#warning", "#line", "#ident", "#sccs", "#assert", "#unassert"]);
const structuralTokens = new Set([
  "#if",
  "#ifdef",
  "#ifndef",
  "#elif",
  "#elifdef",
  "#elifndef",
  "#else",
  "#endif",
  "\n",
]);

const line = (node: Node) => node.startPosition.row + 1;

function containsDirective(node: Node): boolean {
  if (node.type.startsWith("#") || node.type.startsWith("preproc_")) return true;
  return node.children.some((c) => c !== null && containsDirective(c));
}

class Preprocessor {
  readonly macros: MacroTable = new Map();
  readonly defines: DefineEvent[] = [];
  readonly missingIncludes: MissingInclude[] = [];
  readonly included: string[] = [];
  private readonly includeStack: string[] = [];

  constructor(
    private readonly parser: Parser,
    private readonly options: PreprocessOptions,
  ) {
    for (const [name, value] of Object.entries(options.predefined ?? {})) {
      this.macros.set(name, { name, value, file: "<command-line>", line: 0 });
    }
  }

  runFile(path: string): void {
    if (this.includeStack.length >= maxIncludeDepth) {
      throw new ParseError(
        path,
        undefined,
        `#include nested deeper than ${maxIncludeDepth} (recursive include of ${path}?)`,
      );
    }
    const text = this.options.files.get(path);
    if (text === undefined) throw new ParseError(path, undefined, "file is not in the input");
    this.included.push(path);
    this.includeStack.push(path);
    const tree = this.parser.parse(text);
    if (!tree) throw new ParseError(path, undefined, "tree-sitter returned no tree");
    try {
      this.children(tree.rootNode, path, 0);
    } finally {
      tree.delete();
      this.includeStack.pop();
    }
  }

  private children(node: Node, file: string, depth: number): void {
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (child) this.visit(child, file, depth);
    }
  }

  private visit(node: Node, file: string, depth: number): void {
    if (depth > maxNesting) throw new ParseError(file, line(node), `nesting deeper than ${maxNesting}`);
    switch (node.type) {
      case "preproc_if":
      case "preproc_ifdef": {
        const end = node.child(node.childCount - 1);
        if (!end || end.type !== "#endif" || end.isMissing)
          throw new ParseError(file, line(node), "unterminated conditional: expected #endif, found end of file");
        return this.conditional(node, file, depth);
      }
      case "preproc_def":
      case "preproc_function_def":
        return this.define(node, file);
      case "preproc_include":
        return this.include(node, file);
      case "preproc_call":
        return this.directive(node, file);
      case "ERROR":
        if (containsDirective(node))
          throw new ParseError(file, line(node), `syntax error in preprocessor directive: ${node.text.split("\n")[0]}`);
        return;
      default:
        if (node.childCount > 0) this.children(node, file, depth + 1);
    }
  }

  private condition(node: Node, file: string): boolean {
    const isIf = node.type === "preproc_if" || node.type === "preproc_elif";
    const operand = node.childForFieldName(isIf ? "condition" : "name");
    if (!operand || (!isIf && (operand.hasError || operand.isMissing)))
      throw new ParseError(file, line(node), `syntax error in ${node.text.split("\n")[0]}`);
    if (!isIf) {
      const negated = node.child(0)?.type === "#ifndef" || node.child(0)?.type === "#elifndef";
      return this.macros.has(operand.text) !== negated;
    }
    // The whole directive line, not just the condition field: tree-sitter's `#if` grammar has
    // no `?:` and leaves such a line partly in ERROR nodes beside the condition.
    const tokens: Token[] = [];
    for (let i = 1; i < node.childCount && node.child(i)?.type !== "\n"; i++) leafTokens(node.child(i) as Node, tokens);
    try {
      return evaluateTokens(this.parser, tokens, this.macros, false) !== 0n;
    } catch (e) {
      if (e instanceof EvalError) throw new ParseError(file, line(node), `#if ${operand.text}: ${e.message}`);
      throw e;
    }
  }

  private conditional(node: Node, file: string, depth: number): void {
    if (this.condition(node, file)) return this.body(node, file, depth + 1);
    const alternative = node.childForFieldName("alternative");
    if (!alternative) return;
    if (alternative.type === "preproc_else") return this.body(alternative, file, depth + 1);
    return this.conditional(alternative, file, depth + 1);
  }

  private body(node: Node, file: string, depth: number): void {
    if (depth > maxNesting) throw new ParseError(file, line(node), `conditional nesting deeper than ${maxNesting}`);
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (!child || node.fieldNameForChild(i) !== null || structuralTokens.has(child.type)) continue;
      this.visit(child, file, depth);
    }
  }

  private define(node: Node, file: string): void {
    const name = node.childForFieldName("name");
    if (!name || name.isMissing || node.hasError)
      throw new ParseError(file, line(node), `syntax error in ${node.text.trim().split("\n")[0]}`);
    const value = node.childForFieldName("value")?.text.trim() ?? "";
    const params = node.childForFieldName("parameters");
    const macro: Macro = params
      ? {
          name: name.text,
          value,
          file,
          line: line(node),
          params: params.namedChildren.flatMap((p) => (p ? [p.text] : [])),
        }
      : { name: name.text, value, file, line: line(node) };
    this.macros.set(name.text, macro);
    if (!params) this.defines.push({ name: name.text, value, file, line: line(node) });
  }

  private include(node: Node, file: string): void {
    const path = node.childForFieldName("path");
    if (!path || node.hasError) throw new ParseError(file, line(node), `syntax error in ${node.text.trim()}`);
    let spec: string;
    if (path.type === "system_lib_string") spec = path.text.slice(1, -1);
    else if (path.type === "string_literal") spec = path.text.slice(1, -1);
    else throw new ParseError(file, line(node), `computed #include is not supported: ${node.text.trim()}`);
    const target = resolveInclude(
      this.options.files,
      file,
      spec,
      path.type === "string_literal",
      this.options.includeDirs ?? [],
    );
    if (target === undefined) {
      this.missingIncludes.push({ file, line: line(node), path: spec });
      return;
    }
    this.runFile(target);
  }

  private directive(node: Node, file: string): void {
    const directive = node.childForFieldName("directive")?.text ?? "";
    const argument = node.childForFieldName("argument")?.text.trim() ?? "";
    if (directive === "#undef") {
      const name = argument.split(/\s/)[0] ?? "";
      if (!/^[A-Za-z_]\w*$/.test(name))
        throw new ParseError(file, line(node), `#undef needs a macro name, found "${argument}"`);
      this.macros.delete(name);
      return;
    }
    if (directive === "#error") throw new ParseError(file, line(node), `#error ${argument}`);
    if (ignoredDirectives.has(directive)) return;
    if (structuralTokens.has(directive)) throw new ParseError(file, line(node), `${directive} without #if`);
    throw new ParseError(file, line(node), `unsupported preprocessor directive ${directive}`);
  }
}

/** Preprocesses `entry` (a path in `options.files`) and everything it includes. */
export function preprocess(parser: Parser, entry: string, options: PreprocessOptions): PreprocessResult {
  const pp = new Preprocessor(parser, options);
  pp.runFile(entry);
  return { macros: pp.macros, defines: pp.defines, missingIncludes: pp.missingIncludes, included: pp.included };
}
