/**
 * A structural look at a header without evaluating it (for layout detection): the macros it
 * defines, the files it includes and the identifiers its conditionals test.
 */
import type { Node, Parser } from "web-tree-sitter";
import { NeedsTreeSitter } from "./c/engine.ts";
import { isExpression } from "./c/line-eval.ts";
import { parseDefine, splitDirective } from "./c/line-preprocess.ts";
import { lineTokens, logicalLines } from "./c/lines.ts";
import { leafTokens } from "./c/macros.ts";
import { targets } from "@xsysgen/core";

export interface HeaderShape {
  readonly defines: ReadonlySet<string>;
  readonly includes: readonly string[];
  readonly tested: ReadonlySet<string>;
}

/** The shape from the directive lines alone, or undefined when the text is not plain (see c/lines.ts). */
export function scanLines(text: string): HeaderShape | undefined {
  const defines = new Set<string>();
  const includes: string[] = [];
  const tested = new Set<string>();
  try {
    for (const { text: line } of logicalLines(text)) {
      const d = splitDirective(line);
      if (d === undefined) {
        if (!/^[A-Za-z_]\w*\s*\([\w\s,]*\)\s*;?$/.test(line)) return undefined;
      } else if (d.name === "define") defines.add(parseDefine(d.rest).name);
      else if (/^(el)?ifn?def$/.test(d.name)) {
        if (!/^[A-Za-z_]\w*$/.test(d.rest)) return undefined;
        tested.add(d.rest);
      } else if (d.name === "if" || d.name === "elif") {
        const tokens = lineTokens(d.rest);
        if (!isExpression(tokens)) return undefined;
        for (const t of tokens) if (t.type === "identifier" && t.text !== "defined") tested.add(t.text);
      } else if (d.name === "include") {
        const m = /^(<[^>]*>|"[^"]*")$/.exec(d.rest);
        if (!m) return undefined;
        includes.push(d.rest.slice(1, -1));
      }
    }
  } catch (e) {
    if (e instanceof NeedsTreeSitter) return undefined;
    throw e;
  }
  return { defines, includes, tested };
}

/** What a header defines, includes and tests: from its lines when plain, else from tree-sitter-c's tree. */
export function scanHeader(parser: Parser, text: string): HeaderShape {
  return scanLines(text) ?? scanTree(parser, text);
}

export function scanTree(parser: Parser, text: string): HeaderShape {
  const defines = new Set<string>();
  const includes: string[] = [];
  const tested = new Set<string>();
  const tree = parser.parse(text);
  const stack: Node[] = tree ? [tree.rootNode] : [];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const name = node.childForFieldName("name");
    if ((node.type === "preproc_def" || node.type === "preproc_function_def") && name) defines.add(name.text);
    if ((node.type === "preproc_ifdef" || node.type === "preproc_elifdef") && name) tested.add(name.text);
    const condition =
      node.type === "preproc_if" || node.type === "preproc_elif" ? node.childForFieldName("condition") : null;
    if (condition) for (const t of leafTokens(condition)) if (t.type === "identifier") tested.add(t.text);
    const path = node.type === "preproc_include" ? node.childForFieldName("path") : null;
    if (path) includes.push(path.text.slice(1, -1));
    for (const child of node.children) if (child) stack.push(child);
  }
  tree?.delete();
  return { defines, includes, tested };
}

const has = (set: ReadonlySet<string>, re: RegExp) => [...set].some((s) => re.test(s));

/** x86's per-ABI headers, `unistd_{32,64,x32}.h`, which its asm/unistd.h picks from. */
const x86Headers = targets.flatMap((t) => (t.linuxArch === "x86" && t.installedHeader ? [t.installedHeader] : []));
const includesX86Header = (includes: readonly string[]) => includes.some((i) => x86Headers.some((h) => i.endsWith(h)));

/**
 * Which Linux arch a bare `asm/unistd.h` (no triplet directory) belongs to, from what it
 * defines and tests: arm defines `__NR_SYSCALL_BASE` / tests `__ARM_EABI__`; mips tests
 * `_MIPS_SIM` / defines `__NR_Linux`; powerpc tests `__powerpc64__`; s390 `__s390x__`; sparc
 * `__arch64__`; x86 tests `__i386__`/`__ILP32__` around `unistd_{32,64,x32}.h`; an
 * `asm-generic/unistd.h` includer is riscv when it defines `__NR_riscv_*`, loongarch when it
 * mentions loongarch, else arm64. A file that itself defines `__NR3264_*` is asm-generic (arm64).
 */
export function archOfHeader(shape: HeaderShape): string | undefined {
  const { defines, includes, tested } = shape;
  if (defines.has("__NR_SYSCALL_BASE") || tested.has("__ARM_EABI__")) return "arm";
  if (tested.has("_MIPS_SIM") || defines.has("__NR_Linux")) return "mips";
  if (tested.has("__powerpc64__")) return "powerpc";
  if (tested.has("__s390x__")) return "s390";
  if (tested.has("__arch64__") || tested.has("__32bit_syscall_numbers__")) return "sparc";
  if (tested.has("__i386__") || (includesX86Header(includes) && tested.has("__ILP32__"))) return "x86";
  if (has(defines, /^__NR_riscv_/)) return "riscv";
  if (has(defines, /loongarch/i) || has(tested, /loongarch/i)) return "loongarch";
  if (includes.includes("asm-generic/unistd.h") || has(defines, /^__NR3264_/)) return "arm64";
  return undefined;
}
