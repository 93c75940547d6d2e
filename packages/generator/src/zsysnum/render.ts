/**
 * `zsysnum_linux_<goarch>.go` exactly as golang.org/x/sys's mksysnum + gofmt print it for a
 * table, optionally with trailing comments on some constants (the patched variant).
 */
import { UsageError } from "@xsysgen/core";
import type { SyscallTable } from "@xsysgen/core";
import { buildLines, modernEra } from "./era.ts";
import type { HeaderEra } from "./era.ts";
import { layoutConstBlock } from "./layout.ts";
import type { ConstLine } from "./layout.ts";
import { goTarget, mksysnumConstants } from "./rules.ts";

/** Options of {@link renderZsysnumGo}. */
export interface RenderZsysnumOptions {
  /** Line 1 without `// `: the command that regenerates the file. */
  readonly command: string;
  readonly era?: HeaderEra;
  /** Entry name (or `SYS_` constant name) → trailing comment text. */
  readonly annotations?: ReadonlyMap<string, string>;
}

/**
 * A golang.org/x/sys `zsysnum_linux_<goarch>.go` for `table`, gofmt-clean: line 1 is
 * `options.command`, the build lines follow `options.era` (default the current x/sys format), and
 * `options.annotations` add trailing comments (see {@link mergeForPatch}).
 */
export function renderZsysnumGo(table: SyscallTable, options: RenderZsysnumOptions): string {
  const target = goTarget(table);
  const era = options.era ?? modernEra;
  singleLine("command", options.command);
  singleLine("era line 2", era.generatedLine);
  const lines: ConstLine[] = mksysnumConstants(table, { archSpecificOffsets: era.archSpecificOffsets }).map((c) => {
    const comment = options.annotations?.get(c.entry) ?? options.annotations?.get(c.name);
    if (comment === undefined) return { name: c.name, value: String(c.number) };
    singleLine(`annotation for ${c.name}`, comment);
    // go/printer drops trailing blanks of `//` comments.
    return { name: c.name, value: String(c.number), comment: comment.trim() };
  });
  const build = buildLines(era, target.goarch);
  const head = [`// ${options.command}`.trimEnd(), `// ${era.generatedLine}`.trimEnd(), ""];
  if (build.length > 0) head.push(...build, "");
  head.push("package unix", "");
  const body = lines.length === 0 ? "const ()" : `const (\n${layoutConstBlock(lines).join("\n")}\n)`;
  return `${head.join("\n")}\n${body}\n`;
}

function singleLine(what: string, text: string): void {
  if (/[\n\r]/.test(text))
    throw new UsageError(`${what} must be one line, found a line break in ${JSON.stringify(text)}`);
}
