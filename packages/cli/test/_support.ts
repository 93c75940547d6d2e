/**
 * Test support: run the CLI in-process or as a real process, and reach real x/sys v0.3.0 files from
 * Debian's package.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../../../scripts/lib/debian.ts";
import { bufferIo } from "../src/io.ts";
import { runCli } from "../src/run.ts";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function xsysgen(...argv: string[]): Promise<CliResult> {
  const io = bufferIo();
  const code = await runCli(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/**
 * The unix/ directory of golang.org/x/sys v0.3.0 as Debian 12 ships it (golang-golang-x-sys-dev),
 * unpacked once into .cache/debian-unpacked: read it, or copy it to change it.
 */
export { xsysV030UnixDir as xsysV030Unix } from "../../generator/test/_xsys.ts";

export function fromLine2(text: string): string {
  return text.slice(text.indexOf("\n") + 1);
}

/** The installed `xsysgen` bin (bundle when fresh, else the sources through tsx's loader). */
const bin = join(repoRoot, "packages", "cli", "bin", "xsysgen.js");

export interface ProcessResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a real process to its end. `argv[0]` is the program; use `xsysgenArgv(...)` for the CLI.
 * No time limit of its own: vitest's test timeout is the only clock.
 */
export function runProcess(
  argv: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** `node <bin> …args`: the argv of a real xsysgen process. */
export function xsysgenArgv(...args: string[]): string[] {
  return [process.execPath, bin, ...args];
}

/** Runs the real CLI process. */
export function xsysgenProcess(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  return runProcess(xsysgenArgv(...args), options);
}

/**
 * stderr without the status lines of what a command wrote or did (`wrote …`, `removed …` of gen and
 * diff --out; apply's report, `reverted …`): what is left is notes, warnings and errors.
 */
export function withoutStatus(stderr: string): string {
  const status = new RegExp(
    "^(wrote |removed |(would )?patch(ed)? golang\\.org/x/sys |reverted |recovered an interrupted run|" +
      "go vet: |go build |rolled back: | {2})",
  );
  return stderr
    .split("\n")
    .filter((l) => !status.test(l))
    .join("\n");
}

/**
 * The lines of stderr, for "exactly one line" checks. Notes (`xsysgen: note: …`, such as what the
 * registry derived for a kernel) are information, not the error, and are left out.
 */
export function stderrLines(result: { stderr: string }): string[] {
  return withoutStatus(result.stderr)
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("xsysgen: note: "));
}
