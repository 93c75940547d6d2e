/**
 * THIRD-PARTY-LICENSES.md of the published package: the bundle carries other projects' code
 * (fast-glob, fzstd, web-tree-sitter, …) and the tree-sitter grammars' .wasm builds, so
 * their licence texts ship with it. The list comes from what esbuild actually bundled.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

interface PackageJson {
  name: string;
  version: string;
  license?: string;
}

function licenseText(dir: string): string {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  if (file === undefined) throw new Error(`${dir}: no LICENSE file to ship with the bundled code`);
  return readFileSync(join(dir, file), "utf8").trim();
}

/** The notices file for the given package directories (absolute paths, one per package). */
export function renderThirdPartyLicenses(packageDirs: readonly string[]): string {
  const rows = packageDirs
    .map((dir) => {
      const pj = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageJson;
      return { pj, text: existsSync(dir) ? licenseText(dir) : "" };
    })
    .sort((a, b) => a.pj.name.localeCompare(b.pj.name));
  const parts = [
    "# Third-party licenses",
    "",
    "The files in `dist/` bundle code (and, for tree-sitter, WebAssembly builds) from these packages.",
    "",
  ];
  for (const { pj, text } of rows) {
    parts.push(`## ${pj.name} ${pj.version} (${pj.license ?? "see below"})`, "", "```text", text, "```", "");
  }
  return parts.join("\n");
}
