/**
 * The line engine's preprocessor: what preprocess.ts computes (active `#define`s in order, the
 * final macro table, includes between the bundle's files), read line by line with no parse
 * tree. It accepts the subset uapi headers are written in — conditionals, object- and
 * function-like `#define`, `#undef`, `#include`, `__SYSCALL(__NR_x, sys_x)` lines — and throws
 * NeedsTreeSitter on everything else, errors included: tree-sitter then reports them exactly.
 */
import { NeedsTreeSitter } from "./engine.ts";
import { EvalError } from "./expr.ts";
import { resolveInclude } from "./includes.ts";
import { evaluateLineTokens } from "./line-eval.ts";
import { lineTokens, logicalLines, type LogicalLine } from "./lines.ts";
import type { Macro, MacroTable } from "./macros.ts";
import {
  maxIncludeDepth,
  type DefineEvent,
  type MissingInclude,
  type PreprocessOptions,
  type PreprocessResult,
} from "./preprocess.ts";

const ignoredDirectives = new Set(["pragma", "warning", "line", "ident", "sccs", "assert", "unassert"]);
/** asm-generic/unistd.h's table lines: `__SYSCALL(__NR_io_setup, sys_io_setup)`. */
const macroCallLine = /^[A-Za-z_]\w*\s*\([\w\s,]*\)\s*;?$/;
const macroName = /^[A-Za-z_]\w*$/;

interface Frame {
  /** Whether lines in the current branch are processed. */
  active: boolean;
  /** Whether some branch of this conditional was taken. */
  taken: boolean;
  readonly outerActive: boolean;
  sawElse: boolean;
  elifs: number;
}

/**
 * Deepest nesting (and longest #elif chain, which tree-sitter nests too) taken without
 * tree-sitter: real headers stay far below; tree-sitter's own limits judge deeper input.
 */
const plainNesting = 100;

const linesCache = new Map<string, LogicalLine[]>();

function cachedLines(text: string): LogicalLine[] {
  let lines = linesCache.get(text);
  if (lines === undefined) {
    lines = logicalLines(text);
    if (linesCache.size > 1000) linesCache.clear();
    linesCache.set(text, lines);
  }
  return lines;
}

/** `#name rest` of a directive line; undefined for other lines. */
export function splitDirective(text: string): { name: string; rest: string } | undefined {
  if (!text.startsWith("#")) return undefined;
  const m = /^#\s*([A-Za-z_]\w*)(.*)$/s.exec(text);
  if (!m) throw new NeedsTreeSitter(`unusual directive ${text}`);
  return { name: m[1] as string, rest: (m[2] as string).trim() };
}

/** Name, parameters and value of a `#define` line's rest. */
export function parseDefine(rest: string): { name: string; params?: string[]; value: string } {
  const m = /^([A-Za-z_]\w*)(\(([^)]*)\))?(.*)$/s.exec(rest);
  if (!m) throw new NeedsTreeSitter(`unusual #define ${rest}`);
  const value = m[4] as string;
  if (value !== "" && !/^\s/.test(value)) throw new NeedsTreeSitter(`no space after the macro name: #define ${rest}`);
  if (m[2] === undefined) return { name: m[1] as string, value: value.trim() };
  const params = (m[3] as string).split(",").map((p) => p.trim());
  if (
    !(params.length === 1 && params[0] === "") &&
    !params.every((p, i) => macroName.test(p) || (p === "..." && i === params.length - 1))
  ) {
    throw new NeedsTreeSitter(`unusual parameters: #define ${rest}`);
  }
  // tree-sitter-c lists named parameters only: `...` is not among preprocess.ts's params either.
  return { name: m[1] as string, params: params.filter((p) => p !== "" && p !== "..."), value: value.trim() };
}

class LinePreprocessor {
  readonly macros: MacroTable = new Map();
  readonly defines: DefineEvent[] = [];
  readonly missingIncludes: MissingInclude[] = [];
  readonly included: string[] = [];
  private depth = 0;

  constructor(private readonly options: PreprocessOptions) {
    for (const [name, value] of Object.entries(options.predefined ?? {})) {
      this.macros.set(name, { name, value, file: "<command-line>", line: 0 });
    }
  }

  runFile(path: string): void {
    if (this.depth >= maxIncludeDepth) throw new NeedsTreeSitter("deep includes");
    const text = this.options.files.get(path);
    if (text === undefined) throw new NeedsTreeSitter(`${path} is not in the input`);
    this.included.push(path);
    this.depth++;
    const stack: Frame[] = [];
    for (const { text: line, line: number } of cachedLines(text)) {
      const directive = splitDirective(line);
      const active = stack.length === 0 || (stack[stack.length - 1] as Frame).active;
      if (directive === undefined) {
        if (!macroCallLine.test(line)) throw new NeedsTreeSitter(`C code: ${line}`);
        continue;
      }
      this.directive(directive.name, directive.rest, path, number, stack, active);
    }
    if (stack.length > 0) throw new NeedsTreeSitter("unterminated conditional");
    this.depth--;
  }

  private directive(name: string, rest: string, file: string, line: number, stack: Frame[], active: boolean): void {
    const top = stack[stack.length - 1];
    switch (name) {
      case "if":
      case "ifdef":
      case "ifndef": {
        if (stack.length >= plainNesting) throw new NeedsTreeSitter("deep nesting");
        const taken = active && this.condition(name, rest);
        stack.push({ active: taken, taken, outerActive: active, sawElse: false, elifs: 0 });
        return;
      }
      case "elif":
      case "elifdef":
      case "elifndef": {
        if (!top || top.sawElse || ++top.elifs > plainNesting)
          throw new NeedsTreeSitter(`#${name} out of place or in a long chain`);
        top.active = top.outerActive && !top.taken && this.condition(name, rest);
        top.taken ||= top.active;
        return;
      }
      case "else":
        if (!top || top.sawElse || rest !== "") throw new NeedsTreeSitter("#else out of place");
        top.sawElse = true;
        top.active = top.outerActive && !top.taken;
        top.taken = true;
        return;
      case "endif":
        if (!top || rest !== "") throw new NeedsTreeSitter("#endif out of place");
        stack.pop();
        return;
    }
    if (!active) return;
    switch (name) {
      case "define": {
        const d = parseDefine(rest);
        const macro: Macro = d.params
          ? { name: d.name, value: d.value, file, line, params: d.params }
          : { name: d.name, value: d.value, file, line };
        this.macros.set(d.name, macro);
        if (!d.params) this.defines.push({ name: d.name, value: d.value, file, line });
        return;
      }
      case "undef":
        if (!macroName.test(rest)) throw new NeedsTreeSitter(`#undef ${rest}`);
        this.macros.delete(rest);
        return;
      case "include":
        return this.include(rest, file, line);
      default:
        if (ignoredDirectives.has(name)) return;
        // #error and anything unknown: tree-sitter's preprocessor words the message.
        throw new NeedsTreeSitter(`#${name}`);
    }
  }

  private condition(name: string, rest: string): boolean {
    if (name === "ifdef" || name === "ifndef" || name === "elifdef" || name === "elifndef") {
      if (!macroName.test(rest)) throw new NeedsTreeSitter(`#${name} ${rest}`);
      return this.macros.has(rest) !== name.endsWith("ndef");
    }
    try {
      return evaluateLineTokens(lineTokens(rest), this.macros, false) !== 0n;
    } catch (e) {
      if (e instanceof EvalError) throw new NeedsTreeSitter(e.message);
      throw e;
    }
  }

  private include(rest: string, file: string, line: number): void {
    const m = /^(<([^>]*)>|"([^"]*)")$/.exec(rest);
    if (!m) throw new NeedsTreeSitter(`#include ${rest}`);
    const quoted = m[3] !== undefined;
    const spec = (quoted ? m[3] : m[2]) as string;
    const target = resolveInclude(this.options.files, file, spec, quoted, this.options.includeDirs ?? []);
    if (target === undefined) {
      this.missingIncludes.push({ file, line, path: spec });
      return;
    }
    this.runFile(target);
  }
}

/** preprocess() of the line engine (see the module comment). */
export function linePreprocess(entry: string, options: PreprocessOptions): PreprocessResult {
  const pp = new LinePreprocessor(options);
  pp.runFile(entry);
  return { macros: pp.macros, defines: pp.defines, missingIncludes: pp.missingIncludes, included: pp.included };
}
