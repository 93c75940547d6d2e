/**
 * `pnpm regen:registry --check-upstream`: what the registries hold that scripts/registry/inputs.tsv does not
 * pin yet — golang.org/x/sys releases (the Go module proxy, `go list -m -versions`), PyPI `system-calls`
 * releases (`pip index versions`), and Debian's `linux-libc-dev` and `-cross` header packages in every suite
 * that has them (a private apt configuration, refreshed). Each newer package is listed with the inputs.tsv row
 * that would add it (version, the kernel its tables are of, pin). The registry is behind when one of them is
 * of a kernel release newer than every release the registry has: exit 1. A registry that cannot be asked is
 * exit 2 (the rest is still listed). The only mode of the registry build that goes to the network for that.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { debianCrossPackage, targets } from "../../packages/core/src/index.ts";
import { SuiteApt } from "../lib/apt.ts";
import { inputRows, seriesOfInput, type InputKind, type InputRow } from "./input-table.ts";
import { registryCache, sha256 } from "./inputs.ts";
import { dockerLinux } from "./xsys-sources.ts";

/** A package a registry holds that no row pins at that version. */
export interface UpstreamPackage {
  readonly kind: InputKind;
  readonly name: string;
  readonly version: string;
  /** The kernel release its tables are of (`7.3`, `7.4-rc2`), when it says. */
  readonly release: string | undefined;
  /** What the row would pin; undefined when not fetched (a package of a suite the registry does not read). */
  readonly pin: string | undefined;
  /** The newest version pinned for that package, if any. */
  readonly pinned: string | undefined;
}

export interface UpstreamReport {
  readonly packages: readonly UpstreamPackage[];
  /** Registries that could not be asked, one line each. */
  readonly errors: readonly string[];
}

/** `7.3` > `7.2`, `7.10` > `7.9`; an -rc is before its release. */
export function compareRelease(a: string, b: string): number {
  const parse = (r: string) => {
    const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-rc(\d*))?$/.exec(r);
    if (m === null) throw new Error(`not a kernel release: ${r}`);
    const [major, minor] = [Number(m[1]), Number(m[2])];
    // 2.6.z: the third number is the series.
    return [major, major === 2 ? Number(m[3]) : minor, m[4] === undefined ? Infinity : Number(m[4] || 0)];
  };
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
  return 0;
}

/** Whether a package brings a kernel release the registry lacks (an -rc does not: it is no release). */
export function bringsNewRelease(p: UpstreamPackage, newest: string): boolean {
  return p.release !== undefined && !/-rc/.test(p.release) && compareRelease(seriesOfInput(p.release), newest) > 0;
}

/** The inputs.tsv row a package would be (`-` where the package states no kernel or was not fetched). */
export function rowOf(p: UpstreamPackage): string {
  return [p.kind, p.name, p.version, p.release ?? "-", p.pin ?? "-"].join("\t");
}

export function renderUpstream(report: UpstreamReport, newest: string): string {
  const lines: string[] = [];
  for (const p of report.packages) {
    const what = p.release === undefined ? "states no kernel" : `Linux ${p.release}`;
    const verdict = bringsNewRelease(p, newest) ? `a release past ${newest}: add` : "no new release; to pin it:";
    lines.push(`${p.kind} ${p.name} ${p.version} (${what}; pinned: ${p.pinned ?? "none"}) — ${verdict}`);
    lines.push(`  ${rowOf(p)}`);
  }
  for (const e of report.errors) lines.push(`error: ${e}`);
  const behind = report.packages.filter((p) => bringsNewRelease(p, newest));
  lines.push(
    behind.length > 0
      ? `behind: ${behind.length} input(s) of releases past ${newest}; add the rows to scripts/registry/inputs.tsv, ` +
          "pnpm regen, review the diff of the data"
      : `up to date: no input of a release past ${newest}` +
          (report.packages.length > 0 ? ` (${report.packages.length} newer package(s) of known releases)` : ""),
  );
  return `${lines.join("\n")}\n`;
}

/** 0 up to date, 1 behind, 2 when a registry could not be asked. */
export function upstreamExitCode(report: UpstreamReport, newest: string): 0 | 1 | 2 {
  if (report.errors.length > 0) return 2;
  return report.packages.some((p) => bringsNewRelease(p, newest)) ? 1 : 0;
}

const semver = (v: string) => /^v(\d+)\.(\d+)\.(\d+)$/.exec(v)?.slice(1).map(Number);

function newerSemver(a: string, b: string): boolean {
  const [x, y] = [semver(a), semver(b)];
  if (x === undefined) return false;
  if (y === undefined) return true;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) > (y[i] as number);
  return false;
}

const goEnv = () => ({
  ...process.env,
  GOMODCACHE: join(registryCache, "gomod"),
  GOFLAGS: "-mod=mod",
  GOTOOLCHAIN: "local",
});

/** x/sys releases past the newest pinned one, each with the Linux its Dockerfile clones and its go.sum hash. */
export function xsysUpstream(rows: readonly InputRow[], listing?: string): UpstreamPackage[] {
  const pinned = rows.filter((r) => r.kind === "go").map((r) => r.version);
  const newestPinned = pinned.reduce((a, b) => (newerSemver(b, a) ? b : a));
  const versions = (
    listing ??
    execFileSync("go", ["list", "-m", "-versions", "golang.org/x/sys"], {
      env: goEnv(),
      cwd: tmpdir(),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    })
  )
    .trim()
    .split(/\s+/)
    .slice(1);
  return versions
    .filter((v) => newerSemver(v, newestPinned))
    .map((version) => {
      const info = JSON.parse(
        execFileSync("go", ["mod", "download", "-json", `golang.org/x/sys@${version}`], {
          env: goEnv(),
          encoding: "utf8",
        }),
      ) as { Dir?: string; Sum?: string };
      const docker = info.Dir === undefined ? undefined : join(info.Dir, "unix", "linux", "Dockerfile");
      const release =
        docker !== undefined && existsSync(docker) ? dockerLinux(readFileSync(docker, "utf8")) : undefined;
      return { kind: "go", name: "golang.org/x/sys", version, release, pin: info.Sum, pinned: newestPinned };
    });
}

const numeric = (v: string) => v.split(".").map(Number);
function newerNumeric(a: string, b: string): boolean {
  const [x, y] = [numeric(a), numeric(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}

/** PyPI system-calls releases past the newest pinned one, downloaded to read their linux_version.py. */
export function pypiUpstream(rows: readonly InputRow[], listing?: string): UpstreamPackage[] {
  const newestPinned = rows
    .filter((r) => r.kind === "pypi")
    .map((r) => r.version)
    .reduce((a, b) => (newerNumeric(b, a) ? b : a));
  const text =
    listing ??
    execFileSync("pip", ["index", "versions", "system-calls"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  const versions = /^Available versions: (.+)$/m.exec(text)?.[1]?.split(", ") ?? [];
  if (versions.length === 0) throw new Error(`pip index versions system-calls: no "Available versions" line`);
  return versions
    .filter((v) => newerNumeric(v, newestPinned))
    .map((version) => {
      const dir = join(registryCache, "pypi", `system-calls-${version}`);
      mkdirSync(dir, { recursive: true });
      execFileSync("pip", [
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "-q",
        "-d",
        dir,
        `system-calls==${version}`,
      ]);
      const wheel = readdirSync(dir).find((f) => f.endsWith(".whl"));
      if (wheel === undefined) throw new Error(`pip download system-calls==${version} left no wheel in ${dir}`);
      const unpacked = join(dir, "unpacked");
      if (!existsSync(unpacked)) execFileSync("python3", ["-m", "zipfile", "-e", join(dir, wheel), unpacked]);
      const file = join(unpacked, "system_calls", "linux_version.py");
      const stated = existsSync(file)
        ? /linux_version\s*=\s*"([^"]+)"/.exec(readFileSync(file, "utf8"))?.[1]?.replace(/^(\d+\.\d+)\.\d+/, "$1")
        : undefined;
      return {
        kind: "pypi",
        name: "system-calls",
        version,
        release: stated,
        pin: sha256(readFileSync(join(dir, wheel))),
        pinned: newestPinned,
      };
    });
}

/**
 * Debian suites that carry kernel headers: the stable ones the registry reads, their backports, testing,
 * unstable and experimental (whose -rc packages are listed, never a reason to be behind).
 */
const debianSuitesAsked = ["bullseye", "bookworm", "trixie", "trixie-backports", "forky", "sid", "experimental"];

/** Debian's `7.3.4-1~bpo13+1` → 7.3, `7.3~rc7-1~exp1` → 7.3-rc7, `6.1.4-1cross1` → 6.1. */
export function debianRelease(version: string): string | undefined {
  const m = /^(?:\d+:)?(\d+)\.(\d+)(?:\.\d+)?(~rc\d+)?[-~+]/.exec(version);
  return m === null ? undefined : `${m[1]}.${m[2]}${m[3] === undefined ? "" : `-${m[3].slice(1)}`}`;
}

function debianNewer(a: string, b: string): boolean {
  try {
    execFileSync("dpkg", ["--compare-versions", a, "gt", b]);
    return true;
  } catch {
    return false;
  }
}

/** Per suite and header package, the newest version past the pinned one (or, in a suite not read, the newest). */
export function debianUpstream(
  rows: readonly InputRow[],
  available: (
    suite: string,
    names: readonly string[],
  ) => ReadonlyMap<string, ReadonlyArray<{ version: string; arch: string; sha256: string }>>,
): UpstreamPackage[] {
  const all = ["linux-libc-dev", ...targets.filter((t) => t.debianArch !== undefined).map(debianCrossPackage)];
  const out: UpstreamPackage[] = [];
  for (const suite of debianSuitesAsked) {
    const pinnedHere = rows.filter((r) => r.kind === "debian" && r.name.startsWith(`${suite}/`));
    // A suite the registry reads: the packages it reads; one it does not: linux-libc-dev.
    const names = all.filter((name) =>
      pinnedHere.length > 0
        ? pinnedHere.some((r) => r.name.startsWith(`${suite}/${name}:`))
        : name === "linux-libc-dev",
    );
    const listed = available(suite, names);
    for (const name of names) {
      const pins = pinnedHere.filter((r) => r.name.startsWith(`${suite}/${name}:`));
      const candidates = (listed.get(name) ?? []).filter((p) => p.arch === "all" || p.arch === "amd64");
      const newest = candidates.reduce<(typeof candidates)[number] | undefined>(
        (a, b) => (a === undefined || debianNewer(b.version, a.version) ? b : a),
        undefined,
      );
      const pinned = pins
        .map((r) => r.version)
        .reduce<string | undefined>((a, b) => (a === undefined || debianNewer(b, a) ? b : a), undefined);
      if (newest === undefined || (pinned !== undefined && !debianNewer(newest.version, pinned))) continue;
      out.push({
        kind: "debian",
        name: `${suite}/${name}:${newest.arch}`,
        version: newest.version,
        release: debianRelease(newest.version),
        pin: newest.sha256,
        pinned,
      });
    }
  }
  return out;
}

/** Asks every registry; a registry that fails is an error line, the others are still listed. */
export function checkUpstream(rows: readonly InputRow[] = inputRows()): UpstreamReport {
  const packages: UpstreamPackage[] = [];
  const errors: string[] = [];
  const ask = (what: string, f: () => UpstreamPackage[]) => {
    try {
      packages.push(...f());
    } catch (e) {
      errors.push(`${what}: ${(e as Error).message.split("\n")[0]}`);
    }
  };
  ask("golang.org/x/sys (go list -m -versions)", () => xsysUpstream(rows));
  ask("PyPI system-calls (pip index versions)", () => pypiUpstream(rows));
  ask("Debian (apt-get update)", () =>
    debianUpstream(rows, (suite, names) => {
      const apt = new SuiteApt(suite, join(registryCache, "debian", `${suite}-apt`));
      apt.refresh();
      return apt.available(names);
    }),
  );
  return { packages, errors };
}
