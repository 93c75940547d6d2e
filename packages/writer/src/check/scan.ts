/**
 * Finds syscall uses in source text. Go: `<alias>.SYS_*` selector expressions on any import name
 * of golang.org/x/sys/unix or syscall (bare `SYS_*` after a dot import), the other exported names
 * used through those imports (`unix.Openat2`: check.ts looks them up among the wrappers), the
 * cgo preamble (the comment right before `import "C"`), which is C, and `C.SYS_x`/`C.__NR_x` in
 * Go code, which cgo resolves from those C headers. Each Go use says whether the function it sits
 * in handles ENOSYS (enosys.ts). C is scanned by cscan.ts.
 */
import { treeSitterQuery } from "@xsysgen/parser/tree-sitter";
import type { Node, Parser, Query } from "web-tree-sitter";
import { scanCText } from "./cscan.ts";
import { comparesWithEnosys, type EnosysName } from "./enosys.ts";
import { syscallOf } from "./wrappers.ts";

/** Where a use's number or function comes from. */
export type Api = "x/sys" | "syscall" | "c";

/** One syscall-number symbol used in a Go or C file. */
export interface SymbolUse {
  /** 1-based line and byte column, as go and gcc report them. */
  readonly line: number;
  readonly column: number;
  readonly symbol: string;
  /** Kernel syscall name: `SYS_OPENAT2` → "openat2", `__NR_preadv2` → "preadv2". */
  readonly syscall: string;
  readonly kind: "go" | "c";
  /**
   * Where the number comes from: golang.org/x/sys/unix (which `apply` patches), the standard
   * library's `syscall` (frozen upstream since Go 1.4: nothing patches it), or C headers.
   */
  readonly api: Api;
  /** The Go function the use sits in (or one enclosing it) compares an error with ENOSYS. */
  readonly handled: boolean;
}

/** An exported name used through an import of golang.org/x/sys/unix or syscall (`unix.Openat2`), maybe a wrapper. */
export interface MemberUse {
  readonly line: number;
  readonly column: number;
  readonly name: string;
  readonly api: "x/sys" | "syscall";
  readonly handled: boolean;
}

/** What {@link scanGo} finds in one Go file. */
export interface GoScan {
  readonly uses: readonly SymbolUse[];
  readonly members: readonly MemberUse[];
}

const SYSCALL_PACKAGES = new Map<string, "x/sys" | "syscall">([
  ["golang.org/x/sys/unix", "x/sys"],
  ["syscall", "syscall"],
]);
const goSymbol = /^SYS_[A-Z0-9_]+$/;
const cSymbol = /^(?:__NR_|SYS_)[A-Za-z0-9_]+$/;

/** Maps UTF-16 offsets of `text` to 1-based line and byte column. */
function locator(text: string): (index: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Buffer.byteLength(text.slice(starts[lo]!, index)) + 1 };
  };
}

/** C uses (cgo preamble or .c/.h file); see cscan.ts for what the compiler would see. */
export function scanC(text: string): SymbolUse[] {
  const at = locator(text);
  return scanCText(text).map((u) => ({
    ...at(u.index),
    symbol: u.symbol,
    syscall: syscallOf(u.symbol),
    kind: "c",
    api: "c",
    handled: false,
  }));
}

/** The cgo preamble of `importC`, with every other character blanked so positions stay those of the Go file. */
function preamble(text: string, importC: Node): string | undefined {
  const comments: Node[] = [];
  for (let p = importC.previousSibling; p !== null && p.type === "comment"; p = p.previousSibling) {
    const next = comments[0] ?? importC;
    if (next.startPosition.row - p.endPosition.row > 1) break;
    comments.unshift(p);
  }
  if (comments.length === 0) return undefined;
  const out = text.replace(/[^\n]/g, " ").split("");
  for (const c of comments) {
    const body = c.text.startsWith("/*") ? c.text.slice(2, -2) : c.text.slice(2);
    for (let i = 0; i < body.length; i++) out[c.startIndex + 2 + i] = body[i]!;
  }
  return out.join("");
}

/** Imports, selectors and bare identifiers of a Go file, found in the grammar's wasm. */
const GO_QUERY = `
(import_declaration) @import
(selector_expression operand: (identifier) @operand field: (field_identifier) @field)
((identifier) @bare (#match? @bare "^SYS_[A-Z0-9_]+$"))
(call_expression function: (identifier) @dotcall (#match? @dotcall "^[A-Z]"))
`;

/** The compiled {@link GO_QUERY} (scanGo's `query` argument). */
export const goScanQuery = (): Promise<Query> => treeSitterQuery("go", GO_QUERY);

const FUNCTION_TYPES = new Set(["function_declaration", "method_declaration", "func_literal"]);

/**
 * Syscall uses in one Go file: number symbols (`unix.SYS_X`, cgo C) and the exported names used
 * through unix or syscall, each with whether its function handles ENOSYS.
 */
export function scanGo(text: string, go: Parser, query: Query): GoScan {
  const tree = go.parse(text);
  if (tree === null) return { uses: [], members: [] };
  try {
    const at = locator(text);
    const aliases = new Map<string, "x/sys" | "syscall">();
    let dotImport: "x/sys" | "syscall" | undefined;
    let importsC = false;
    const uses: SymbolUse[] = [];
    const members: MemberUse[] = [];
    const matches = query.matches(tree.rootNode).map((m) => new Map(m.captures.map((c) => [c.name, c.node])));
    for (const m of matches) {
      const node = m.get("import");
      if (node === undefined) continue;
      const specs = node.descendantsOfType("import_spec").filter((s): s is Node => s !== null);
      const path = (s: Node) => s.childForFieldName("path")?.text.slice(1, -1);
      if (specs.some((s) => path(s) === "C")) {
        importsC = true;
        const pre = preamble(text, node);
        if (pre !== undefined) uses.push(...scanC(pre));
      }
      for (const s of specs) {
        const p = path(s);
        const api = p === undefined ? undefined : SYSCALL_PACKAGES.get(p);
        if (api === undefined) continue;
        const alias = s.childForFieldName("name");
        if (alias === null) aliases.set(p!.slice(p!.lastIndexOf("/") + 1), api);
        else if (alias.type === "dot") dotImport = api;
        else if (alias.type === "package_identifier") aliases.set(alias.text, api);
      }
    }
    if (aliases.size === 0 && dotImport === undefined && !importsC) return { uses, members };
    const isEnosys: EnosysName = (n) =>
      (n.type === "selector_expression" &&
        n.childForFieldName("field")?.text === "ENOSYS" &&
        aliases.has(n.childForFieldName("operand")?.text ?? "")) ||
      (dotImport !== undefined && n.type === "identifier" && n.text === "ENOSYS");
    const handledByFunction = new Map<number, boolean>();
    const handled = (node: Node): boolean => {
      for (let p = node.parent; p !== null; p = p.parent) {
        if (!FUNCTION_TYPES.has(p.type)) continue;
        let h = handledByFunction.get(p.id);
        if (h === undefined) handledByFunction.set(p.id, (h = comparesWithEnosys(p, isEnosys)));
        if (h) return true;
      }
      return false;
    };
    for (const m of matches) {
      const node = m.get("operand");
      const field = m.get("field");
      const bare = m.get("bare");
      const dotcall = m.get("dotcall");
      if (node !== undefined && field !== undefined) {
        const api = aliases.get(node.text);
        if (api !== undefined && goSymbol.test(field.text)) {
          const u = { symbol: field.text, syscall: syscallOf(field.text), kind: "go", api } as const;
          uses.push({ ...at(field.startIndex), ...u, handled: handled(field) });
        } else if (api !== undefined && /^[A-Z]/.test(field.text)) {
          members.push({ ...at(field.startIndex), name: field.text, api, handled: handled(field) });
        } else if (importsC && node.text === "C" && cSymbol.test(field.text)) {
          // `C.SYS_x` / `C.__NR_x`: cgo evaluates the C macro, so it is a C use (the C headers' number).
          const u = { symbol: field.text, syscall: syscallOf(field.text), kind: "c", api: "c" } as const;
          uses.push({ ...at(field.startIndex), ...u, handled: false });
        }
      } else if (bare !== undefined && dotImport !== undefined && bare.parent?.type !== "selector_expression") {
        const u = { symbol: bare.text, syscall: syscallOf(bare.text), kind: "go", api: dotImport } as const;
        uses.push({ ...at(bare.startIndex), ...u, handled: handled(bare) });
      } else if (dotcall !== undefined && dotImport !== undefined) {
        members.push({ ...at(dotcall.startIndex), name: dotcall.text, api: dotImport, handled: handled(dotcall) });
      }
    }
    return { uses, members };
  } finally {
    tree.delete();
  }
}
