/** Test support: run the CLI in-process and reach real x/sys v0.3.0 files from Debian's package. */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { debianPackage } from "../../../scripts/lib/debian.ts";
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

export function tempDir(prefix = "xsysgen-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The unix/ directory of golang.org/x/sys v0.3.0 as Debian 12 ships it (golang-golang-x-sys-dev). */
export function xsysV030Unix(): string {
  const dir = tempDir("xsys-v0.3.0-");
  execFileSync("dpkg-deb", ["-x", debianPackage("golang-golang-x-sys-dev"), dir]);
  return join(dir, "usr/share/gocode/src/golang.org/x/sys/unix");
}

export function fromLine2(text: string): string {
  return text.slice(text.indexOf("\n") + 1);
}
