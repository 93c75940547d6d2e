/**
 * Where a command prints, and the environment it reads (environment.ts) and hands to the programs
 * it runs. main passes the process's streams and environment; tests pass buffers.
 */
import type { CliEnv } from "./environment.ts";

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: CliEnv;
}

export function bufferIo(env: CliEnv = process.env): CliIo & { out(): string; err(): string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env,
    out: () => out,
    err: () => err,
  };
}
