/**
 * The workspace's package graph: workspace dependencies form a tree with no cycle, and each package's
 * README states exactly what its sources import (its "May import" and "Node built-ins" lines), every
 * one of them a declared dependency. The pipeline read → parse → table → render → write stays legible
 * only while these lists are true.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../lib/debian.ts";

interface WorkspacePackage {
  readonly dir: string;
  readonly name: string;
  readonly dependencies: readonly string[];
  readonly devDependencies: readonly string[];
  readonly published: boolean;
}

const packages: WorkspacePackage[] = readdirSync(join(repoRoot, "packages")).map((dir) => {
  const json = JSON.parse(readFileSync(join(repoRoot, "packages", dir, "package.json"), "utf8")) as {
    name: string;
    private?: boolean;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return {
    dir,
    name: json.name,
    dependencies: Object.keys(json.dependencies ?? {}),
    devDependencies: Object.keys(json.devDependencies ?? {}),
    published: json.private !== true,
  };
});
const workspaceNames = new Set(packages.map((p) => p.name));

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`), `node:x` for built-ins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/")) return undefined;
  const bare = specifier.replace(/^node:/, "");
  if (builtinModules.includes(bare.split("/")[0]!)) return `node:${bare.split("/")[0]}`;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The TypeScript files under `packages/<dir>/src`, absolute. */
function sourceFiles(dir: string): string[] {
  const src = join(repoRoot, "packages", dir, "src");
  if (!existsSync(src)) return [];
  return readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(src, f));
}

/** Every package the sources under `packages/<dir>/src` import, statically or with `import()`. */
function importsOf(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const files = sourceFiles(dir);
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName } of info.importedFiles) {
      const name = packageOf(fileName);
      if (name !== undefined && !found.has(name)) found.set(name, relative(repoRoot, file));
    }
  }
  return found;
}

/** The backquoted names on the README line starting with `label` (e.g. "- May import:"). */
function readmeList(dir: string, label: string): string[] | undefined {
  const readme = readFileSync(join(repoRoot, "packages", dir, "README.md"), "utf8");
  const line = readme.split("\n").find((l) => l.startsWith(`- ${label}:`));
  if (line === undefined) return undefined;
  return [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).sort();
}

describe("workspace package graph", () => {
  it("workspace dependencies (dev ones too) have no cycle", () => {
    const edges = new Map(
      packages.map((p) => [p.name, [...p.dependencies, ...p.devDependencies].filter((d) => workspaceNames.has(d))]),
    );
    const state = new Map<string, "visiting" | "done">();
    const cycles: string[] = [];
    const visit = (name: string, path: string[]): void => {
      if (state.get(name) === "done") return;
      if (state.get(name) === "visiting") {
        cycles.push([...path.slice(path.indexOf(name)), name].join(" → "));
        return;
      }
      state.set(name, "visiting");
      for (const next of edges.get(name) ?? []) visit(next, [...path, name]);
      state.set(name, "done");
    };
    for (const name of edges.keys()) visit(name, []);
    expect(cycles).toEqual([]);
  });

  const withSources = packages.filter((p) => sourceFiles(p.dir).length > 0);
  it.each(withSources.map((p) => [p.dir, p] as const))("%s: README lists exactly what src imports", (_dir, pkg) => {
    const imports = importsOf(pkg.dir);
    const packagesImported = [...imports.keys()].filter((n) => !n.startsWith("node:")).sort();
    const builtinsImported = [...imports.keys()].filter((n) => n.startsWith("node:")).sort();
    expect(readmeList(pkg.dir, "May import"), `packages/${pkg.dir}/README.md "- May import:"`).toEqual(
      packagesImported,
    );
    expect(readmeList(pkg.dir, "Node built-ins"), `packages/${pkg.dir}/README.md "- Node built-ins:"`).toEqual(
      builtinsImported,
    );
    // The published package bundles the workspace packages it imports, so they are devDependencies.
    const declared = pkg.published ? [...pkg.dependencies, ...pkg.devDependencies] : pkg.dependencies;
    const undeclared = packagesImported.filter((n) => n !== pkg.name && !declared.includes(n));
    expect(undeclared, "imported by src but not in dependencies").toEqual([]);
  });
});
