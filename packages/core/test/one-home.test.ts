/**
 * The targets table is the one file that names an arch's installed headers and packages: no other
 * source or script spells `unistd_64.h`, a GNU triplet or a `linux-libc-dev-<arch>-cross` package in
 * its code (string, template and regex literals; comments may name them). Tests, generated files
 * and data are inputs and may name concrete files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const home = "packages/core/src/targets.ts";

/** Per-arch names: a per-ABI header (`unistd_x32.h`, `/unistd_(32|64)\.h/`), a triplet, a -cross package. */
const perArchNames: readonly RegExp[] = [/unistd_\S*?\.h/, /-linux-gnu/, /linux-libc-dev-(\$\{|$|[a-z0-9]+-cross)/];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!["node_modules", "test", "data", "dist", "dist-test", "release"].includes(entry.name))
        out.push(...sources(path));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".generated.ts")) out.push(path);
  }
  return out;
}

const literalKinds = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

/** Every string, template and regex literal of a TypeScript source, with its line. */
export function literals(text: string): { line: number; text: string }[] {
  const file = ts.createSourceFile("x.ts", text, ts.ScriptTarget.Latest, true);
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (literalKinds.has(node.kind)) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
      out.push({
        line,
        text:
          node.kind === ts.SyntaxKind.RegularExpressionLiteral ? node.getText(file) : (node as ts.LiteralLikeNode).text,
      });
    }
    node.forEachChild(visit);
  };
  visit(file);
  return out;
}

/** `path:line: literal` for every per-arch name outside the targets table. */
export function perArchNamesOutsideHome(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const rel = relative(repoRoot, file);
    if (rel === home) continue;
    for (const { line, text } of literals(readFileSync(file, "utf8")))
      if (perArchNames.some((re) => re.test(text))) found.push(`${rel}:${line}: ${JSON.stringify(text)}`);
  }
  return found;
}

describe("one home for per-arch facts", () => {
  const files = [
    ...readdirSync(join(repoRoot, "packages")).flatMap((p) => {
      const src = join(repoRoot, "packages", p, "src");
      try {
        return sources(src);
      } catch {
        return [];
      }
    }),
    ...sources(join(repoRoot, "scripts")),
  ];

  it("reads the sources of every package and the scripts", () => {
    expect(files.some((f) => f.endsWith("packages/parser/src/layout.ts"))).toBe(true);
    expect(files.some((f) => f.endsWith("scripts/registry/debian-sources.ts"))).toBe(true);
    expect(files.some((f) => f.includes("/test/"))).toBe(false);
  });

  it("names installed headers, triplets and Debian -cross packages only in the targets table", () => {
    expect(perArchNamesOutsideHome(files)).toEqual([]);
  });

  it("would catch a header, triplet or package name in a string, template or regex", () => {
    const probe = [
      'const a = "asm/unistd_64.h";',
      "const b = /unistd_(32|64|x32)\\.h$/;",
      "const c = `usr/include/x86_64-linux-gnu/asm/${f}`;",
      "const d = `linux-libc-dev-${arch}-cross`;",
      "// a comment may say unistd_32.h and linux-libc-dev-arm64-cross",
      'const e = "linux-libc-dev-bench";',
    ].join("\n");
    const hits = literals(probe).filter(({ text }) => perArchNames.some((re) => re.test(text)));
    expect(hits.map((h) => h.line)).toEqual([1, 2, 3, 4]);
  });
});
