/**
 * The syscalls each exported function of a Go syscall package makes on linux/<goarch>: read with
 * tree-sitter-go from golang.org/x/sys/unix (the module's pinned copy) or the toolchain's
 * `syscall`, following calls inside the package (x/sys `Openat2` → `openat2` →
 * `Syscall6(SYS_OPENAT2, …)`; on arm64 and riscv64, which have no renameat, `Renameat` →
 * `Renameat2` → `Syscall6(SYS_RENAMEAT2, …)`).
 *
 * A syscall is made by a call whose callee's name contains "syscall" (any case: `Syscall`,
 * `Syscall6`, `RawSyscall6`, `RawSyscallNoError`, `SyscallNoError`, `rawSyscallNoError`,
 * `rawVforkSyscall`, `AllThreadsSyscall`, and the `syscall.Syscall` forwards newer x/sys makes)
 * whose first argument is a `SYS_*` constant or a package constant defined as one (the standard
 * library's `sys_SETGID = SYS_SETGID32` on 386 and arm), possibly converted with `uintptr(…)`.
 * Which function bodies count on an arch is decided by the files' names and build lines, as the
 * go command decides (constraints.ts). A syscall reached only through a function that compares an
 * error with ENOSYS (enosys.ts: x/sys and std `Faccessat` fall back from faccessat2) is marked
 * handled by the wrapper.
 */
import { treeSitterQuery } from "@xsysgen/parser/tree-sitter";
import type { Node, Parser, Query } from "web-tree-sitter";
import { comparesWithEnosys } from "./enosys.ts";
import { goFileAllows } from "./constraints.ts";

/** One syscall an exported function makes, and how: the call chain ending in the function that makes it. */
export interface WrapperCall {
  /** Kernel name, lower case (`SYS_OPENAT2` → "openat2"). */
  readonly syscall: string;
  /** Functions from the wrapper to the one calling Syscall: ["Openat2", "openat2"]. */
  readonly via: readonly string[];
  /** Every path to the syscall passes through a function that compares an error with ENOSYS. */
  readonly handled: boolean;
  /** The first such function on `via` (`Faccessat` for `Access` → `Faccessat` → `Faccessat2`). */
  readonly handledIn?: string;
}

interface FunctionSummary {
  readonly name: string;
  /** First arguments of syscall calls: `SYS_*` names or package constants that may alias one. */
  readonly traps: readonly string[];
  /** Functions of the same package it calls by bare name. */
  readonly calls: readonly string[];
  readonly enosys: boolean;
}

/** What one file contributes: its build header (name and lines before `package`), functions and constant aliases. */
export interface PackageFileSummary {
  readonly name: string;
  readonly header: string;
  readonly functions: readonly FunctionSummary[];
  /** `const sys_SETGID = SYS_SETGID32` (or a var): name → the SYS_ constant. */
  readonly aliases: ReadonlyMap<string, string>;
  /** Assignments (`fcntl64Syscall = SYS_FCNTL64` in an init): they win over any declaration. */
  readonly assignments: ReadonlyMap<string, string>;
}

/** Kernel syscall name of a Go `SYS_*` constant or a C `__NR_*`/`SYS_*` macro. */
export function syscallOf(symbol: string): string {
  return (symbol.startsWith("__NR_") ? symbol.slice(5) : symbol.slice(4)).toLowerCase();
}

const SYS = /^SYS_[A-Z0-9_]+$/;

/**
 * What a file holds, as one tree-sitter query (run in the grammar's wasm: far cheaper than walking
 * every node from JavaScript): function bodies, bare calls, calls into the `syscall` package,
 * first arguments of syscall calls, ENOSYS names, and `const x = SYS_Y` (or var, or assignment) aliases.
 */
const SUMMARY_QUERY = `
(function_declaration name: (identifier) @fn body: (block) @body)
(call_expression function: (identifier) @call)
(call_expression function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @member))
(call_expression function: (identifier) @trapper arguments: (argument_list . (_) @trap) (#match? @trapper "[Ss]yscall"))
(call_expression
  function: (selector_expression field: (field_identifier) @trapper)
  arguments: (argument_list . (_) @trap)
  (#match? @trapper "[Ss]yscall"))
((identifier) @enosys (#eq? @enosys "ENOSYS"))
(const_spec name: (identifier) @alias value: (expression_list . (identifier) @value .) (#match? @value "^SYS_"))
(var_spec name: (identifier) @alias value: (expression_list . (identifier) @value .) (#match? @value "^SYS_"))
(assignment_statement
  left: (expression_list . (identifier) @assigned .)
  right: (expression_list . (identifier) @value .)
  (#match? @value "^SYS_"))
`;

/** The compiled {@link SUMMARY_QUERY}. */
export const summaryQuery = (): Promise<Query> => treeSitterQuery("go", SUMMARY_QUERY);

/** The identifier an argument names, through parentheses and `uintptr(…)`. */
function trapName(arg: Node | null | undefined): string | undefined {
  let n = arg;
  for (;;) {
    if (n === null || n === undefined) return undefined;
    if (n.type === "identifier") return n.text;
    if (n.type === "parenthesized_expression") n = n.namedChildren[0];
    else if (n.type === "call_expression" && n.childForFieldName("function")?.text === "uintptr")
      n = n.childForFieldName("arguments")?.namedChildren[0];
    else return undefined;
  }
}

/** The import name a file gives the standard library's `syscall` package (usually "syscall"). */
function syscallImportName(text: string): string | undefined {
  const m = /^\s*(?:import\s+)?(\w+\s+)?"syscall"\s*$/m.exec(text);
  return m === null ? undefined : (m[1]?.trim() ?? "syscall");
}

/**
 * Reads one file of a Go syscall package: its functions (the syscalls each calls directly, the
 * package functions and `syscall.X` functions it calls, whether it handles ENOSYS) and constant
 * aliases of SYS_ constants.
 */
export function summarizePackageFile(name: string, text: string, go: Parser, query: Query): PackageFileSummary {
  const at = text.search(/^package /m);
  const header = at < 0 ? "" : text.slice(0, at);
  const aliases = new Map<string, string>();
  const assignments = new Map<string, string>();
  const tree = go.parse(text);
  if (tree === null) return { name, header, functions: [], aliases, assignments };
  try {
    const std = syscallImportName(text);
    const bodies: {
      name: string;
      body: Node;
      traps: string[];
      calls: Set<string>;
      enosys: boolean | undefined;
    }[] = [];
    const matches = query.matches(tree.rootNode);
    const enclosing = (index: number) => {
      // Bodies come in source order and never nest (function declarations are top level).
      let lo = 0;
      let hi = bodies.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const b = bodies[mid]!.body;
        if (index < b.startIndex) hi = mid - 1;
        else if (index >= b.endIndex) lo = mid + 1;
        else return bodies[mid];
      }
      return undefined;
    };
    for (const m of matches) {
      const c = Object.fromEntries(m.captures.map((x) => [x.name, x.node]));
      if (c.fn !== undefined && c.body !== undefined)
        bodies.push({ name: c.fn.text, body: c.body, traps: [], calls: new Set(), enosys: undefined });
    }
    bodies.sort((a, b) => a.body.startIndex - b.body.startIndex);
    for (const m of matches) {
      const c = Object.fromEntries(m.captures.map((x) => [x.name, x.node]));
      if (c.alias !== undefined && c.value !== undefined) aliases.set(c.alias.text, c.value.text);
      if (c.assigned !== undefined && c.value !== undefined) assignments.set(c.assigned.text, c.value.text);
      const anchor = c.call ?? c.member ?? c.trap ?? c.enosys;
      const fn = anchor === undefined ? undefined : enclosing(anchor.startIndex);
      if (fn === undefined) continue;
      if (c.call !== undefined && c.call.text !== fn.name) fn.calls.add(c.call.text);
      if (c.member !== undefined && c.pkg?.text === std) fn.calls.add(`syscall.${c.member.text}`);
      if (c.trap !== undefined) {
        const trap = trapName(c.trap);
        if (trap !== undefined) fn.traps.push(trap);
      }
      if (c.enosys !== undefined) fn.enosys ??= comparesWithEnosys(fn.body, (e) => e.text === "ENOSYS");
    }
    const functions = bodies.map((b) => ({
      name: b.name,
      traps: b.traps,
      calls: [...b.calls],
      enosys: b.enosys === true,
    }));
    return { name, header, functions, aliases, assignments };
  } finally {
    tree.delete();
  }
}

/** Exported function name → the syscalls it makes on one GOARCH (undefined: not a function that makes any). */
export interface WrapperCalls {
  /** The syscalls exported function `name` makes, by syscall name; undefined when it makes none (or is no function). */
  get(name: string): readonly WrapperCall[] | undefined;
}

/**
 * The lookup for `goarch` from a package's file summaries: only the files that build for
 * linux/`goarch` count, and each function's syscalls include those of the package functions it
 * calls (a call cycle adds nothing more) and, through `std`, of the `syscall.X` functions it calls.
 * Each name is worked out when first asked for, so `std` is consulted only on a path that forwards.
 */
export function wrapperCalls(
  files: readonly PackageFileSummary[],
  goarch: string,
  std?: (name: string) => readonly WrapperCall[] | undefined,
): WrapperCalls {
  const fns = new Map<string, { traps: Set<string>; calls: Set<string>; enosys: boolean }>();
  const aliases = new Map<string, string>();
  const assignments = new Map<string, string>();
  for (const file of files) {
    if (!goFileAllows(file.name, file.header, goarch)) continue;
    for (const [k, v] of file.aliases) aliases.set(k, v);
    for (const [k, v] of file.assignments) assignments.set(k, v);
    for (const f of file.functions) {
      // Two bodies for one arch only where a custom tag picks one (gccgo/gc aside): both may run.
      const seen = fns.get(f.name) ?? { traps: new Set<string>(), calls: new Set<string>(), enosys: false };
      for (const t of f.traps) seen.traps.add(t);
      for (const c of f.calls) seen.calls.add(c);
      seen.enosys ||= f.enosys;
      fns.set(f.name, seen);
    }
  }
  // `fcntl64Syscall = SYS_FCNTL64` in the init of fcntl_linux_32bit.go wins over the var's SYS_FCNTL.
  for (const [k, v] of assignments) aliases.set(k, v);
  const memo = new Map<string, Map<string, WrapperCall>>();
  const visiting = new Set<string>();
  const visit = (name: string): Map<string, WrapperCall> => {
    const done = memo.get(name);
    if (done !== undefined) return done;
    const out = new Map<string, WrapperCall>();
    const fn = fns.get(name);
    if (fn === undefined || visiting.has(name)) return out;
    visiting.add(name);
    const add = (call: WrapperCall) => {
      const had = out.get(call.syscall);
      if (had === undefined) out.set(call.syscall, call);
      else
        out.set(call.syscall, {
          ...(call.via.length < had.via.length ? call : had),
          handled: had.handled && call.handled,
        });
    };
    for (const trap of fn.traps) {
      const constant = SYS.test(trap) ? trap : aliases.get(trap);
      if (constant !== undefined)
        add({
          syscall: syscallOf(constant),
          via: [name],
          handled: fn.enosys,
          ...(fn.enosys ? { handledIn: name } : {}),
        });
    }
    for (const callee of [...fn.calls].sort()) {
      // x/sys forwards some wrappers to the standard library (`Setuid` → `syscall.Setuid`).
      const calls = callee.startsWith("syscall.")
        ? (std?.(callee.slice("syscall.".length)) ?? []).map((c) => ({
            ...c,
            via: c.via.map((v) => `syscall.${v}`),
            ...(c.handledIn === undefined ? {} : { handledIn: `syscall.${c.handledIn}` }),
          }))
        : visit(callee).values();
      for (const c of calls) {
        const handledIn = fn.enosys ? name : c.handledIn;
        add({
          syscall: c.syscall,
          via: [name, ...c.via],
          handled: fn.enosys || c.handled,
          ...(handledIn ? { handledIn } : {}),
        });
      }
    }
    visiting.delete(name);
    memo.set(name, out);
    return out;
  };
  const answers = new Map<string, readonly WrapperCall[] | undefined>();
  return {
    get(name) {
      if (!/^[A-Z]/.test(name)) return undefined;
      if (answers.has(name)) return answers.get(name);
      const calls = [...visit(name).values()].sort((a, b) => (a.syscall < b.syscall ? -1 : 1));
      const answer = calls.length > 0 ? calls : undefined;
      answers.set(name, answer);
      return answer;
    },
  };
}
