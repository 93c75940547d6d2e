/**
 * Decompression through the system's `xz`, `zstd` and `bzip2`: several times faster than the
 * JavaScript/WASM libraries on a kernel tarball. The child is killed on any failure (ours or
 * its own) and its stderr becomes the message.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import type { Writable } from "node:stream";
import { InputError, renderErrno } from "@xsysgen/core";
import { streamOutput } from "./child-output.ts";
import type { ReadContext } from "./context.ts";

/**
 * xz 5.4's threaded decoder with room for one worker: the worker decodes while xz's main thread
 * writes to our pipe, which a single-threaded `xz -dc` does in turn. On linux-source-6.1.tar.xz
 * (55 blocks of ~25 MB) `xz -dc | cat` takes 8.5–10.1 s against 7.3–8.8 s for `xz -dc > /dev/null`;
 * with these flags 7.5 s, at the same CPU time and 39 MB of RSS (two workers would hold 128 MB and
 * take the second core). Only for big inputs (small ones are over before a thread pays off).
 */
const threadedXz = ["-T2", "--memlimit-mt-decompress=40MiB"];
const threadedXzFrom = 16 * 1024 * 1024;
/** Per PATH (the `env` option's or this process's): whether that xz has the threaded decoder. */
const xzThreaded = new Map<string | undefined, boolean>();

/** Whether the system xz has the threaded decoder (5.3.4+; Debian 11's 5.2 rejects the flag). */
function xzDecodesThreaded(env: ReadContext["env"]): boolean {
  let threaded = xzThreaded.get(env?.["PATH"]);
  if (threaded === undefined) {
    try {
      const version = /(\d+)\.(\d+)\.(\d+)/.exec(
        execFileSync("xz", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env }),
      );
      const [major, minor, patch] = (version ?? []).slice(1).map(Number) as [number, number, number];
      threaded = version !== null && (major > 5 || (major === 5 && (minor > 3 || (minor === 3 && patch >= 4))));
    } catch {
      threaded = false;
    }
    xzThreaded.set(env?.["PATH"], threaded);
  }
  return threaded;
}

/** `xz -dc`'s arguments for this input (threaded for a big input file). */
export function xzArgs(ctx: ReadContext, base: readonly string[]): readonly string[] {
  return ctx.inputBytes >= threadedXzFrom && xzDecodesThreaded(ctx.env) ? [...base, ...threadedXz] : base;
}

function drained(w: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      w.off("drain", done);
      w.off("close", done);
      w.off("error", done);
      resolve();
    };
    w.on("drain", done);
    w.on("close", done);
    w.on("error", done);
  });
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.trim() ?? "";
}

/**
 * Starts `cmd args` (found on the PATH of `ctx.env`, or of this process when the caller gave none);
 * undefined when there is no such program there (ENOENT), or only one this user may not run
 * (EACCES). Nothing has been read from the input yet.
 */
export async function startFilter(
  ctx: ReadContext,
  cmd: string,
  args: readonly string[],
  entry: string | undefined,
): Promise<ChildProcessWithoutNullStreams | undefined> {
  // After the read was given up (its children reaped), nothing may start: it would outlive it.
  if (ctx.signal.aborted) throw new InputError(ctx.origin, `${cmd} not started: the read was stopped`, entry);
  const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"], env: ctx.env });
  // Node reports either on the next tick: 'spawn' once the program runs, 'error' when exec failed.
  const failure = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    child.once("spawn", () => resolve(undefined));
    child.once("error", resolve);
  });
  if (failure === undefined) return child;
  child.on("error", () => undefined);
  for (const stream of [child.stdin, child.stdout, child.stderr]) stream.destroy();
  if (failure.code === "ENOENT" || failure.code === "EACCES") return undefined;
  throw new InputError(ctx.origin, `cannot run ${cmd}: ${renderErrno(failure)}`, entry);
}

/** Streams `source` through the started `child` (`cmd args`) and yields its stdout. */
export async function* runFilter(
  ctx: ReadContext,
  child: ChildProcessWithoutNullStreams,
  cmd: string,
  args: readonly string[],
  source: AsyncIterable<Buffer>,
  entry: string | undefined,
): AsyncGenerator<Buffer> {
  const output = streamOutput(child.stdout);
  let stderr = "";
  child.stderr.setEncoding("latin1");
  child.stderr.on("data", (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const exited = new Promise<string | number>((resolve) => {
    child.on("error", (e) => resolve(e.message));
    child.on("close", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  ctx.children.add(exited);
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  ctx.signal.addEventListener("abort", kill, { once: true });
  // EPIPE when the tool quits early (corrupt data): its exit status and stderr say why.
  child.stdin.on("error", () => undefined);

  let feedError: unknown;
  const feed = (async () => {
    try {
      for await (const chunk of source) {
        if (child.stdin.destroyed) break;
        if (!child.stdin.write(chunk)) await drained(child.stdin);
      }
      child.stdin.end();
    } catch (e) {
      feedError = e;
      kill();
    }
  })();

  try {
    yield* output.chunks;
    await feed;
    if (feedError !== undefined) throw feedError;
    const status = await exited;
    if (status !== 0) {
      const complaint = firstLine(stderr) || (typeof status === "number" ? `exit status ${status}` : status);
      throw new InputError(ctx.origin, `${cmd} ${args.join(" ")} failed: ${complaint}`, entry);
    }
  } catch (e) {
    // The tool died because we stopped feeding it: the feeding error is the real one.
    await feed;
    throw feedError ?? e;
  } finally {
    ctx.signal.removeEventListener("abort", kill);
    kill();
    output.stop();
    child.stdin.destroy();
    // Never leave the feeder pulling from a source its owner is about to reuse.
    await feed;
    await exited;
    ctx.children.delete(exited);
  }
}
