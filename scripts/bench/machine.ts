/** The machine a benchmark ran on, for BENCHMARKS.md: a ratio means little without it. */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

function version(cmd: string, args: string[]): string {
  try {
    return (
      execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
        .split("\n")[0]
        ?.trim() ?? "?"
    );
  } catch {
    return "not installed";
  }
}

export function describeMachine(): string[] {
  return [
    `cpus: ${cpus().length} × ${cpus()[0]?.model.trim() ?? "?"} (nproc ${version("nproc", [])})`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    [`node ${process.version}`, ...["xz", "zstd", "dpkg-deb", "rpm"].map((tool) => version(tool, ["--version"]))].join(
      "; ",
    ),
    `load average at start: ${loadAverage()}`,
  ];
}

export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}
