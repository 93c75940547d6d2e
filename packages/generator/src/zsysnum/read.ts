/**
 * The constants and GOARCH of an existing golang.org/x/sys `zsysnum_linux_<goarch>.go`, parsed
 * with tree-sitter-go (the file being replaced by a patch, or a reference to compare against).
 */
import { ParseError } from "@xsysgen/core";
import type { Node } from "web-tree-sitter";
import { treeSitterParser } from "@xsysgen/parser/tree-sitter";

/** One `SYS_*` constant of a zsysnum file. */
export interface ZsysnumConstant {
  readonly name: string;
  readonly number: number;
  /** Trailing `//` comment text on the constant's line, without `//` and surrounding blanks. */
  readonly comment?: string;
}

/** A parsed `zsysnum_linux_<goarch>.go`: its GOARCH and its constants. */
export interface ZsysnumGo {
  readonly goarch: string;
  readonly constants: ZsysnumConstant[];
}

/**
 * `source` names the file in messages; its `zsysnum_linux_<goarch>.go` name is used when no build
 * line says the GOARCH.
 */
export async function readZsysnumGo(goSource: string, source: string): Promise<ZsysnumGo> {
  const parser = await treeSitterParser("go");
  const tree = parser.parse(goSource);
  if (tree === null) throw new ParseError(source, undefined, "tree-sitter-go returned no tree");
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const bad = firstError(root);
      throw new ParseError(
        source,
        (bad?.startPosition.row ?? 0) + 1,
        `expected Go source, found a syntax error near ${JSON.stringify(bad?.text.slice(0, 40) ?? "")}`,
      );
    }
    const constants: ZsysnumConstant[] = [];
    const decls = root.namedChildren.filter((n): n is Node => n?.type === "const_declaration");
    if (decls.length === 0)
      throw new ParseError(source, undefined, "expected a const block of SYS_ constants, found none");
    for (const decl of decls) {
      const children = decl.namedChildren.filter((n): n is Node => n !== null);
      children.forEach((spec, i) => {
        if (spec.type !== "const_spec") return;
        const next = children[i + 1];
        const comment =
          next?.type === "comment" && next.startPosition.row === spec.endPosition.row && next.text.startsWith("//")
            ? next.text.slice(2).trim()
            : undefined;
        constants.push(readSpec(spec, source, comment));
      });
    }
    return { goarch: goarchOf(root, source), constants };
  } finally {
    tree.delete();
  }
}

function readSpec(spec: Node, source: string, comment: string | undefined): ZsysnumConstant {
  const line = spec.startPosition.row + 1;
  const names = spec.childrenForFieldName("name").filter((n): n is Node => n?.type === "identifier");
  const values = spec.childForFieldName("value")?.namedChildren.filter((n): n is Node => n !== null) ?? [];
  const [name] = names;
  const [value] = values;
  if (names.length !== 1 || values.length !== 1 || name === undefined || value === undefined) {
    throw new ParseError(source, line, `expected "NAME = number", found ${JSON.stringify(spec.text)}`);
  }
  if (value.type !== "int_literal") {
    throw new ParseError(
      source,
      line,
      `expected an integer literal for ${name.text}, found ${JSON.stringify(value.text)}`,
    );
  }
  const number = intLiteral(value.text);
  if (number === undefined)
    throw new ParseError(source, line, `expected a decimal or hex integer for ${name.text}, found ${value.text}`);
  return comment === undefined ? { name: name.text, number } : { name: name.text, number, comment };
}

function intLiteral(text: string): number | undefined {
  const digits = text.replaceAll("_", "");
  if (/^(0|[1-9][0-9]*)$/.test(digits)) return Number(digits);
  if (/^0[xX][0-9a-fA-F]+$/.test(digits)) return Number.parseInt(digits.slice(2), 16);
  return undefined;
}

/** GOARCH from `//go:build <goarch> && linux` or `// +build <goarch>,linux`, else from the file name. */
function goarchOf(root: Node, source: string): string {
  for (const node of root.namedChildren) {
    if (node?.type === "package_clause") break;
    if (node?.type !== "comment") continue;
    const go =
      /^\/\/go:build\s+(\w+)\s*&&\s*linux\s*$/.exec(node.text) ??
      /^\/\/go:build\s+linux\s*&&\s*(\w+)\s*$/.exec(node.text);
    if (go?.[1] !== undefined) return go[1];
    const plus = /^\/\/ \+build\s+(\w+),linux\s*$/.exec(node.text) ?? /^\/\/ \+build\s+linux,(\w+)\s*$/.exec(node.text);
    if (plus?.[1] !== undefined) return plus[1];
  }
  const fromName = /zsysnum_linux_(\w+)\.go$/.exec(source);
  if (fromName?.[1] !== undefined) return fromName[1];
  throw new ParseError(
    source,
    undefined,
    "expected a `//go:build <goarch> && linux` line or a zsysnum_linux_<goarch>.go name, found neither",
  );
}

function firstError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child?.hasError || child?.isMissing) return firstError(child);
  }
  return undefined;
}
