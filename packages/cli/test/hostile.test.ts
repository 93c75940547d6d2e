/**
 * Issue 6's hostile-input corpus (testdata/hostile/README.md), each case through the real CLI
 * process: `gen --headers <case> --exact --out <dir>` must exit 2 with exactly one stderr line
 * naming the input (and the entry/line and cause where there is one), no stack trace, nothing
 * written to --out, nothing around it touched, and finish before a 60 s hang detector fires.
 *
 * The CLI runs as `node packages/cli/bin/xsysgen.js`, the installed `xsysgen` bin: one process
 * (tsx's loader registered in-process), so the hang detector's SIGKILL reaches xsysgen itself
 * (the tsx CLI would leave its child node running).
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../scripts/lib/debian.ts";
import { hostileFixtures, hostileCorpus, type HostileCase } from "../../../scripts/make-hostile.ts";
import { scratchDir } from "../../../scripts/lib/scratch.ts";
import { asNobody, reachableXsysgen } from "./_reachable.ts";
import { withoutStatus } from "./_support.ts";

const bin = join(repoRoot, "packages", "cli", "bin", "xsysgen.js");
const hangDetectorMs = 60_000;
const isRoot = process.getuid?.() === 0;

// Listed at collection time, so that every case is its own test; written before the first runs.
const caseNames = hostileCorpus("").cases.map((c) => c.name);
let corpus = "";
let cases: readonly HostileCase[] = [];
let corpusBefore: string[] = [];
const fixturesBefore = snapshot(hostileFixtures);

beforeAll(() => {
  corpus = scratchDir("corpus");
  chmodSync(corpus, 0o755); // the unprivileged case reads through it
  const written = hostileCorpus(corpus);
  written.write();
  cases = written.cases;
  corpusBefore = snapshot(corpus);
});

/** Every path under `dir` with its type, size and mtime: any write shows up as a difference. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = join(dir, rel);
    const st = lstatSync(abs);
    const kind = st.isDirectory() ? "d" : st.isSymbolicLink() ? "l" : st.isFIFO() ? "p" : "f";
    out.push(`${rel} ${kind} ${st.isDirectory() ? "" : st.size} ${st.mtimeMs}`);
    if (st.isDirectory()) for (const name of readdirSync(abs).sort()) walk(rel === "" ? name : `${rel}/${name}`);
  };
  walk("");
  return out;
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly out: string;
  readonly sandbox: string;
  /** snapshot(sandbox) just before the run. */
  readonly before: readonly string[];
}

/** Runs a process to its end; a SIGKILL from the hang detector is a failure of its own. */
function run(
  argv: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), hangDetectorMs);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      if (signal !== null)
        reject(new Error(`killed by ${signal}: no result within the ${hangDetectorMs} ms hang detector`));
      else resolve({ status, stdout, stderr });
    });
  });
}

/** Runs the CLI from `<sandbox>/cwd` with `--out <sandbox>/out`, next to a sentinel file. */
async function runGen(
  input: string,
  options: { env?: Readonly<Record<string, string>>; unprivileged?: boolean } = {},
): Promise<Run> {
  const sandbox = scratchDir("sandbox");
  mkdirSync(join(sandbox, "cwd"));
  mkdirSync(join(sandbox, "sentinel"));
  writeFileSync(join(sandbox, "sentinel", "keep.txt"), "untouched\n");
  const out = join(sandbox, "out");
  let prefix: readonly string[] = [];
  let xsysgen = [process.execPath, bin];
  if (options.unprivileged === true && isRoot) {
    // World-writable, so a wrongful write by `nobody` would succeed and be caught below.
    for (const d of [sandbox, join(sandbox, "cwd")]) chmodSync(d, 0o777);
    prefix = asNobody;
    // A copy of the bin `nobody` can reach wherever the checkout is.
    xsysgen = [...reachableXsysgen()];
  }
  const before = snapshot(sandbox);
  const argv = [...prefix, ...xsysgen, "gen", "--headers", input, "--exact", "--out", out];
  const result = await run(argv, { cwd: join(sandbox, "cwd"), env: { ...process.env, ...options.env } });
  return { ...result, out, sandbox, before };
}

function expectCleanFailure(c: HostileCase, run: Run): void {
  const lines = run.stderr.split("\n").filter((l) => l !== "");
  expect(lines, run.stderr).toHaveLength(1);
  const line = lines[0] as string;
  expect(line.startsWith("xsysgen: ")).toBe(true);
  expect(line).toContain(c.input);
  for (const m of c.mentions) expect(line).toContain(m);
  expect(line).not.toMatch(/internal error|\bat .+:\d+:\d+\)?$|Error:/);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  // Nothing written: no --out, and the sandbox around it (cwd/, sentinel/keep.txt) as it was.
  expect(existsSync(run.out)).toBe(false);
  expect(snapshot(run.sandbox)).toEqual(run.before);
  expect(readFileSync(join(run.sandbox, "sentinel", "keep.txt"), "utf8")).toBe("untouched\n");
  // Escape targets the archives name: never created.
  expect(existsSync("/tmp/xsysgen-hostile-absolute")).toBe(false);
  expect(existsSync(join(corpus, "..", "escape"))).toBe(false);
  expect(existsSync(join(run.sandbox, "..", "escape"))).toBe(false);
}

// Each case is its own process in its own sandbox: they run side by side.
describe.concurrent("hostile inputs through `xsysgen gen --headers <case> --exact`", () => {
  it.each(caseNames)("%s", async (name) => {
    const c = cases.find((x) => x.name === name) as HostileCase;
    const run = await runGen(c.input, {
      ...(c.env === undefined ? {} : { env: c.env }),
      ...(c.unprivileged === true ? { unprivileged: true } : {}),
    });
    expectCleanFailure(c, run);
  });

  it("non-UTF-8 bytes in a comment are carried through, not an error", async () => {
    const run = await runGen(join(hostileFixtures, "non-utf8-comment"));
    expect(withoutStatus(run.stderr)).toBe("");
    expect(run.status).toBe(0);
    const go = readFileSync(join(run.out, "zsysnum_linux_amd64.go"), "utf8");
    expect(go).toMatch(/SYS_READ\s+= 0\n/);
    expect(go).toMatch(/SYS_WRITE\s+= 1\n/);
  });

  it("a consumer that closes stdout before reading (`| true`): quiet exit, no EPIPE stack trace", async () => {
    const sandbox = scratchDir("sandbox");
    const script = `"$1" "$2" diff 2.6.32 7.1 --arch all --format json 2>"$3" | true; echo "\${PIPESTATUS[0]}"`;
    const result = await run(["bash", "-c", script, "bash", process.execPath, bin, join(sandbox, "stderr")], {
      cwd: sandbox,
      env: process.env,
    });
    // Notes the registry prints about derived tables are fine; an error or stack trace is not.
    const stderr = readFileSync(join(sandbox, "stderr"), "utf8")
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("xsysgen: note: "));
    expect(stderr).toEqual([]);
    expect(result.stdout.trim()).toBe("0");
  });
});

describe("after every case", () => {
  it("leaves the corpus itself unchanged", () => {
    expect(snapshot(corpus)).toEqual(corpusBefore);
    expect(snapshot(hostileFixtures)).toEqual(fixturesBefore);
  });
});
