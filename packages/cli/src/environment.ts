/**
 * The environment variables xsysgen reads, all of them, here and nowhere else: the libraries take
 * options, and the CLI turns the variables into those options. A value that does not parse is a
 * usage error naming the variable (exit 2), never a silent default or a NaN that waits forever.
 *
 * - XSYSGEN_MAX_TOTAL_BYTES, XSYSGEN_MAX_ENTRY_BYTES: the reader's byte budgets (positive integers).
 * - XSYSGEN_DECOMPRESSORS: `auto`, `system` or `library`.
 * - XSYSGEN_LOCK_WAIT: seconds apply and revert wait for another run's module lock (0 or more).
 *
 * The whole environment also goes to the child processes: `go` (apply, revert) and the system
 * decompressors, found on its PATH.
 */
import { UsageError } from "@xsysgen/core";
import { decompressorChoices, type DecompressorChoice, type ReadOptions } from "xsysgen";

/** An environment as `process.env` holds it. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

/** What the variables say, as the libraries' options. */
export interface Settings {
  readonly read: ReadOptions;
  readonly lockWaitSeconds: number | undefined;
  readonly env: CliEnv;
}

function value(env: CliEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === "" ? undefined : raw;
}

function wrong(name: string, raw: string, expected: string): UsageError {
  return new UsageError(`${name}=${JSON.stringify(raw)}: expected ${expected}`);
}

function bytes(env: CliEnv, name: string): number | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  const n = /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw wrong(name, raw, "a positive whole number of bytes");
  return n;
}

function decompressors(env: CliEnv): DecompressorChoice | undefined {
  const raw = value(env, "XSYSGEN_DECOMPRESSORS");
  if (raw === undefined) return undefined;
  const choice = decompressorChoices.find((c) => c === raw.trim());
  if (choice === undefined) throw wrong("XSYSGEN_DECOMPRESSORS", raw, decompressorChoices.join(", "));
  return choice;
}

function seconds(env: CliEnv, name: string): number | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  const n = /^[0-9]+(\.[0-9]+)?$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isFinite(n)) throw wrong(name, raw, "a number of seconds, 0 or more");
  return n;
}

/** Reads and checks every XSYSGEN_* variable of `env`. */
export function readSettings(env: CliEnv): Settings {
  const maxEntryBytes = bytes(env, "XSYSGEN_MAX_ENTRY_BYTES");
  const maxTotalBytes = bytes(env, "XSYSGEN_MAX_TOTAL_BYTES");
  const choice = decompressors(env);
  return {
    read: {
      ...(maxEntryBytes === undefined ? {} : { maxEntryBytes }),
      ...(maxTotalBytes === undefined ? {} : { maxTotalBytes }),
      ...(choice === undefined ? {} : { decompressors: choice }),
      env,
    },
    lockWaitSeconds: seconds(env, "XSYSGEN_LOCK_WAIT"),
    env,
  };
}
