/**
 * The READMEs' coverage statements, from the registry's data: `pnpm regen:registry` writes them between
 * `<!-- coverage:<name> -->` and `<!-- /coverage:<name> -->` in README.md and packages/kernels/README.md, and
 * scripts/test/readme-coverage.test.ts compares the committed READMEs with what the shipped registry gives,
 * so a new release (a row of scripts/registry/inputs.tsv) needs no hand edit of either.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { targets } from "../../packages/core/src/index.ts";
import type { KernelListing } from "../../packages/kernels/src/index.ts";
import { repoRoot } from "./inputs.ts";

export const coverageReadmes = [join(repoRoot, "README.md"), join(repoRoot, "packages", "kernels", "README.md")];

const thousands = (n: number) => n.toLocaleString("en-US");

/** A statement on lines of its own inside a list item: `indent` + words, up to 118 columns. */
function block(text: string, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent.length + line.length + 1 + word.length > 118) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return `\n${lines.map((l) => indent + l).join("\n")}\n${indent}`;
}

/** Every marked statement, by name, for a listing of the registry. */
export function coverageStatements(listing: KernelListing): Record<string, string> {
  const oldest = listing.vanilla[0]?.series as string;
  const newest = listing.newest;
  const cells = listing.vanilla.reduce((n, v) => n + v.targets.length, 0);
  const exact = listing.vanilla.reduce((n, v) => n + v.snapshotOf.length, 0);
  const later = targets
    .filter((t) => t.firstKernel !== oldest)
    .map((t) => `${t.name} ${t.firstKernel}`)
    .join(", ");
  return {
    range: `${oldest} … ${newest}`,
    newest: `\`"${newest}"\``,
    kernels: block(
      `every vanilla release from ${oldest} to ${newest} (\`3.10\`, \`3.10.0\`, \`6.1.20\`) on every arch from the ` +
        `release Linux gained it (${later}): ${thousands(cells)} (release, arch) tables, offline, ` +
        `${thousands(exact)} of them read from a complete table of that release.`,
      "  ",
    ),
  };
}

const marked = /<!-- coverage:(\w+) -->[^]*?<!-- \/coverage:\1 -->/g;

/** `text` with every marked statement rewritten; an unknown name is an error. */
export function withCoverage(text: string, statements: Record<string, string>, file: string): string {
  return text.replace(marked, (_, name: string) => {
    const statement = statements[name];
    if (statement === undefined) throw new Error(`${file}: no coverage statement named ${name}`);
    return `<!-- coverage:${name} -->${statement}<!-- /coverage:${name} -->`;
  });
}

/** The READMEs as `pnpm regen:registry` writes them: path → text. */
export function coverageFiles(listing: KernelListing): Map<string, string> {
  const statements = coverageStatements(listing);
  return new Map(coverageReadmes.map((f) => [f, withCoverage(readFileSync(f, "utf8"), statements, f)] as const));
}
