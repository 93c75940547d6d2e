/**
 * Decompression through the system's `xz`, `zstd` and `bzip2`: several times faster than the
 * JavaScript/WASM libraries on a kernel tarball. The child is killed on any failure (ours or
 * its own) and its stderr becomes the message.
 */
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { Writable } from "node:stream";
import { InputError } from "@xsysgen/parser";
import type { ReadContext } from "./context.ts";

const found = new Map<string, boolean>();

/** Whether an executable named `cmd` is on PATH. */
export function onPath(cmd: string): boolean {
  const path = process.env["PATH"] ?? "";
  const cached = found.get(`${cmd}\0${path}`);
  if (cached !== undefined) return cached;
  const dirs = path.split(delimiter).filter((d) => d !== "");
  const ok = dirs.some((d) => {
    try {
      accessSync(join(d, cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  found.set(`${cmd}\0${path}`, ok);
  return ok;
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

/** Streams `source` through `cmd args` and yields its stdout. */
export async function* runFilter(
  ctx: ReadContext,
  cmd: string,
  args: readonly string[],
  source: AsyncIterable<Buffer>,
  entry: string | undefined,
): AsyncGenerator<Buffer> {
  const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
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
    // Every chunk is passed on at once: the pipe holds only 64 KiB (a third of a millisecond of
    // xz output), so batching here stalls the decompressor while a batch is being parsed.
    for await (const chunk of child.stdout) yield chunk as Buffer;
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
    child.stdout.destroy();
    child.stdin.destroy();
    // Never leave the feeder pulling from a source its owner is about to reuse.
    await feed;
    await exited;
    ctx.children.delete(exited);
  }
}
