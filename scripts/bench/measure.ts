/**
 * Whole-process measurements for `pnpm bench`: wall time (hrtime around the spawn), CPU time of
 * the process tree (user + sys, from `/usr/bin/time` when installed: it reports the rusage of
 * every waited-for descendant, so `xz` children count) and peak memory of the whole tree, summed
 * over its processes by polling /proc every 10 ms (the `%M` of time(1) is only the largest
 * single process, which would hide a decompressor child).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Sample {
  readonly wallMs: number;
  /** user + sys of the tree; undefined without /usr/bin/time. */
  readonly cpuMs: number | undefined;
  /** Largest sum of VmRSS over the tree seen while it ran, in KiB. */
  readonly treeRssKb: number;
}

export interface Command {
  readonly argv: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Runs before each run (e.g. emptying an output directory); not timed. */
  readonly before?: () => void;
}

const timeBin = "/usr/bin/time";
export const haveTime = existsSync(timeBin);

function descendants(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift() as number;
    out.push(p);
    let tasks: string[] = [];
    try {
      tasks = readFileSync(`/proc/${p}/task/${p}/children`, "latin1")
        .trim()
        .split(/\s+/)
        .filter((s) => s !== "");
    } catch {
      continue;
    }
    queue.push(...tasks.map(Number));
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "latin1"));
    return m === null ? 0 : Number(m[1]);
  } catch {
    return 0;
  }
}

/** One run of `cmd`; rejects when it exits non-zero. */
async function runOnce(cmd: Command): Promise<Sample> {
  cmd.before?.();
  const scratch = mkdtempSync(join(tmpdir(), "xsysgen-bench-"));
  const timeFile = join(scratch, "time");
  const argv = haveTime ? [timeBin, "-f", "%U %S", "-o", timeFile, ...cmd.argv] : [...cmd.argv];
  const start = process.hrtime.bigint();
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd: cmd.cwd,
    env: cmd.env ?? process.env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  let peak = 0;
  const poll = (): void => {
    if (child.pid === undefined) return;
    // The time(1) wrapper itself is not part of what is measured.
    const pids = descendants(child.pid).filter((p) => !haveTime || p !== child.pid);
    peak = Math.max(
      peak,
      pids.reduce((sum, p) => sum + rssKb(p), 0),
    );
  };
  const timer = setInterval(poll, 10);
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(timer);
  let cpuMs: number | undefined;
  if (haveTime && existsSync(timeFile)) {
    const [user, sys] = readFileSync(timeFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
    cpuMs = ((user ?? 0) + (sys ?? 0)) * 1000;
  }
  rmSync(scratch, { recursive: true, force: true });
  if (code !== 0)
    throw new Error(`${cmd.argv.join(" ")} exited ${code}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
  return { wallMs, cpuMs, treeRssKb: peak };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface Pair {
  readonly subject: Sample[];
  readonly baseline: Sample[];
}

/**
 * `runs` runs of each after one discarded warm-up of each (page cache, tsx's transform cache),
 * alternating which goes first so drifting machine load hits both alike.
 */
export async function measurePair(
  subject: Command,
  baseline: Command,
  runs: number,
  progress: (text: string) => void,
): Promise<Pair> {
  await runOnce(subject);
  await runOnce(baseline);
  const pair: Pair = { subject: [], baseline: [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? (["baseline", "subject"] as const) : (["subject", "baseline"] as const);
    for (const which of order) pair[which].push(await runOnce(which === "subject" ? subject : baseline));
    progress(".");
  }
  return pair;
}
