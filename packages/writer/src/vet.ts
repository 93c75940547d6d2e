/**
 * `go vet` before and after an apply, on the module's packages that import golang.org/x/sys.
 * A patched x/sys must not make vet say anything it did not say before; diagnostics it said
 * before (or type errors the patch cured, e.g. an old x/sys without SYS_OPENAT2) are not new.
 * The run before is needed only when the run after says something (apply.ts runs it then).
 * The analyzers that ran are the ones `go tool vet help` lists for this toolchain.
 */
import { runGo, type GoEnv } from "./go.ts";
import { XSYS } from "./vendor.ts";

export interface VetRun {
  /** Diagnostic lines (package headers `# pkg` dropped), sorted. */
  readonly diagnostics: readonly string[];
  readonly command: string;
}

export interface VetReport {
  /** No diagnostic after apply that was not there before. */
  readonly ok: boolean;
  readonly command: string;
  /** Import paths vetted: the module's packages importing golang.org/x/sys/... */
  readonly packages: readonly string[];
  /** Analyzer names (`go tool vet help`). */
  readonly checks: readonly string[];
  /** null when vet did not run before: it said nothing after, so nothing it says can be new. */
  readonly before: readonly string[] | null;
  readonly after: readonly string[];
  readonly new: readonly string[];
}

function modeFlag(vendored: boolean): string {
  return vendored ? "-mod=vendor" : "-mod=readonly";
}

/** The module's own packages whose imports include an x/sys package. */
export async function xsysImporters(moduleDir: string, vendored: boolean, env: GoEnv): Promise<string[]> {
  const r = await runGo(
    ["list", "-e", modeFlag(vendored), "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./..."],
    moduleDir,
    env,
  );
  return r.stdout
    .split("\n")
    .map((l) => l.trim().split(" "))
    .filter(
      ([pkg, ...imports]) =>
        pkg !== undefined && pkg !== "" && imports.some((i) => i === XSYS || i.startsWith(`${XSYS}/`)),
    )
    .map(([pkg]) => pkg!)
    .sort();
}

export async function vetChecks(moduleDir: string, env: GoEnv): Promise<string[]> {
  const r = await runGo(["tool", "vet", "help"], moduleDir, env);
  const text = r.stdout + r.stderr;
  const at = text.indexOf("Registered analyzers:");
  if (at < 0) return [];
  return [...text.slice(at).matchAll(/^ {4}([a-z][a-z0-9]*)\s/gm)].map((m) => m[1]!);
}

export async function runVet(
  moduleDir: string,
  vendored: boolean,
  packages: readonly string[],
  env: GoEnv,
): Promise<VetRun> {
  const args = ["vet", modeFlag(vendored), ...packages];
  if (packages.length === 0) return { diagnostics: [], command: `go ${args.join(" ")}` };
  const r = await runGo(args, moduleDir, env);
  const diagnostics = (r.stdout + r.stderr)
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l !== "" && !l.startsWith("# "))
    .sort();
  return { diagnostics, command: `go ${args.join(" ")}` };
}

export function compareVet(
  before: VetRun | null,
  after: VetRun,
  packages: readonly string[],
  checks: readonly string[],
): VetReport {
  const seen = new Set(before?.diagnostics);
  const fresh = after.diagnostics.filter((d) => !seen.has(d));
  return {
    ok: fresh.length === 0,
    command: after.command,
    packages,
    checks,
    before: before === null ? null : before.diagnostics,
    after: after.diagnostics,
    new: fresh,
  };
}
