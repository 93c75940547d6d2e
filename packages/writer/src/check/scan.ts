/**
 * Finds syscall-number symbols in source text. Go: `<alias>.SYS_*` selector expressions on any
 * import name of golang.org/x/sys/unix or syscall (bare `SYS_*` after a dot import), plus the cgo
 * preamble (the comment right before `import "C"`), which is C, and `C.SYS_x`/`C.__NR_x` in Go code,
 * which cgo resolves from those C headers. C is scanned by cscan.ts.
 */
import type { Node, Parser } from "web-tree-sitter";
import { scanCText } from "./cscan.ts";

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
  readonly api: "x/sys" | "syscall" | "c";
}

const SYSCALL_PACKAGES = new Set(["golang.org/x/sys/unix", "syscall"]);
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

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of node.children) if (child !== null) walk(child, visit);
}

function syscallOf(symbol: string): string {
  return (symbol.startsWith("__NR_") ? symbol.slice(5) : symbol.slice(4)).toLowerCase();
}

function importPath(spec: Node): string | undefined {
  const lit = spec.childForFieldName("path");
  return lit === null ? undefined : lit.text.slice(1, -1);
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

export function scanGo(text: string, go: Parser): SymbolUse[] {
  const tree = go.parse(text);
  if (tree === null) return [];
  try {
    const at = locator(text);
    const aliases = new Map<string, SymbolUse["api"]>();
    let dotImport: SymbolUse["api"] | undefined;
    let importsC = false;
    const uses: SymbolUse[] = [];
    walk(tree.rootNode, (n) => {
      if (n.type === "import_declaration") {
        const specs = n.descendantsOfType("import_spec").filter((s): s is Node => s !== null);
        if (specs.some((s) => importPath(s) === "C")) {
          importsC = true;
          const pre = preamble(text, n);
          if (pre !== undefined) uses.push(...scanC(pre));
        }
        for (const s of specs) {
          const path = importPath(s);
          if (path === undefined || !SYSCALL_PACKAGES.has(path)) continue;
          const name = s.childForFieldName("name");
          const api = path === "syscall" ? "syscall" : "x/sys";
          if (name === null) aliases.set(path.slice(path.lastIndexOf("/") + 1), api);
          else if (name.type === "dot") dotImport = api;
          else if (name.type === "package_identifier") aliases.set(name.text, api);
        }
      }
    });
    walk(tree.rootNode, (n) => {
      if (n.type === "selector_expression") {
        const operand = n.childForFieldName("operand");
        const field = n.childForFieldName("field");
        const api = operand?.type === "identifier" ? aliases.get(operand.text) : undefined;
        if (api !== undefined && field !== null && goSymbol.test(field.text)) {
          uses.push({ ...at(field.startIndex), symbol: field.text, syscall: syscallOf(field.text), kind: "go", api });
        } else if (importsC && operand?.text === "C" && field !== null && cSymbol.test(field.text)) {
          // `C.SYS_x` / `C.__NR_x`: cgo evaluates the C macro, so it is a C use (the C headers' number).
          uses.push({
            ...at(field.startIndex),
            symbol: field.text,
            syscall: syscallOf(field.text),
            kind: "c",
            api: "c",
          });
        }
      } else if (
        dotImport !== undefined &&
        n.type === "identifier" &&
        goSymbol.test(n.text) &&
        n.parent?.type !== "selector_expression"
      ) {
        uses.push({ ...at(n.startIndex), symbol: n.text, syscall: syscallOf(n.text), kind: "go", api: dotImport });
      }
    });
    return uses;
  } finally {
    tree.delete();
  }
}
