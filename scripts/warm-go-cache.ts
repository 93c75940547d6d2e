/**
 * Fills Go's build cache (`go env GOCACHE`) with what the tests compile again and again, so a fresh
 * machine's first `pnpm test` does not spend minutes compiling the standard library (~90 s of CPU for
 * the patched-file test alone): `std` for this machine with cgo (every `go build` and `go vet` of a
 * module the tests run: apply's, the corpus modules', mksysnum), and golang.org/x/sys's unix package,
 * with the standard packages it imports, for every GOARCH of the targets table the go command builds
 * (the patched zsysnum files are compiled for their GOARCH). The x/sys copy is Debian's v0.3.0
 * (.cache/debian), the one the tests patch. Run by scripts/install.sh after fetch-test-inputs.ts:
 * ~3 minutes of CPU on an empty cache; a second run finds everything cached and takes a second.
 *
 * Then the corpus modules check-corpus.test.ts builds (runc v1.0.0, cilium/ebpf, containerd/console):
 * `go build` and `go vet` in their module cache directories, which compiles and vets their
 * dependencies (~25 s of CPU the tests' first apply of runc would spend otherwise).
 *
 * The cache is Go's own and content-keyed, so a warm cache proves the same as a cold one: a changed
 * source, flag or toolchain misses it and compiles. Packages of a module in a temporary directory are
 * keyed by that directory too (no -trimpath), so those still compile in every test that makes one.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { goTargets } from "../packages/core/src/index.ts";
import { debianPackage, repoRoot } from "./lib/debian.ts";
import { downloadModule, goModEnv } from "./lib/gomod.ts";
import { builtCorpusModules } from "./lib/test-modules.ts";

const started = Date.now();
const go = (args: string[], cwd: string, env: Record<string, string>) =>
  execFileSync("go", args, {
    cwd,
    env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", GOPROXY: "off", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });

// x/sys has files for linux/ppc, which the go command does not build (no such port).
const ports = new Set(execFileSync("go", ["tool", "dist", "list"], { encoding: "utf8" }).trim().split("\n"));
const goarches = goTargets.map((t) => t.goarch as string).filter((goarch) => ports.has(`linux/${goarch}`));

// Unpacked at a fixed path: the cache keys x/sys's own packages by their directory, so a second run
// finds them too.
const xsys = join(repoRoot, ".cache", "go-warm", "x-sys-v0.3.0");
if (!existsSync(xsys)) {
  const partial = `${xsys}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  execFileSync("dpkg-deb", ["-x", debianPackage("golang-golang-x-sys-dev"), partial]);
  renameSync(join(partial, "usr/share/gocode/src/golang.org/x/sys"), xsys);
  rmSync(partial, { recursive: true, force: true });
}
go(["build", "std"], repoRoot, {});
for (const goarch of goarches) go(["build", "./unix"], xsys, { GOOS: "linux", GOARCH: goarch, CGO_ENABLED: "0" });
// As apply and the test build them (packages/writer/src/apply.ts): the module's own go.sum, offline.
// Only the cache matters here: a module whose vet reports something still leaves its facts cached.
const corpusEnv = goModEnv({ GOFLAGS: "", GOPROXY: "off", CGO_ENABLED: "1" });
for (const pin of builtCorpusModules) {
  const { dir } = downloadModule(pin.path, pin.version);
  for (const args of [
    ["build", "-mod=readonly", "-o", "/dev/null", "./..."],
    ["vet", "-mod=readonly", "./..."],
  ])
    spawnSync("go", args, { cwd: dir, env: corpusEnv, stdio: "ignore" });
}
process.stdout.write(
  `Go build cache ready: std (cgo), x/sys/unix for ${goarches.length} GOARCHes and ` +
    `${builtCorpusModules.length} corpus modules ` +
    `(${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
);
