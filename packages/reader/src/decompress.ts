/**
 * Picks the decompressor for a compression format: the system tool when wanted and present,
 * else the in-process library. The libraries (fzstd, lzma-native, unbzip2-stream, node:zlib)
 * load on first use: a run that hands everything to `xz` never compiles them.
 */
import { execFileSync } from "node:child_process";
import { InputError } from "@xsysgen/parser";
import type { ReadContext } from "./context.ts";
import type { Compression } from "./magic.ts";
import { onPath, runFilter } from "./system-decompress.ts";

const systemTools: Record<Compression, { cmd: string; args: readonly string[] }> = {
  gzip: { cmd: "gzip", args: ["-dc"] },
  xz: { cmd: "xz", args: ["-dc"] },
  lzma: { cmd: "xz", args: ["-dc", "--format=lzma"] },
  zstd: { cmd: "zstd", args: ["-dcq"] },
  bzip2: { cmd: "bzip2", args: ["-dc"] },
};

/** The decompressed bytes of `source`. `entry` names the archive member, if any, for messages. */
async function* library(ctx: ReadContext, format: Compression, source: AsyncIterable<Buffer>, entry: string | undefined): AsyncGenerator<Buffer> {
  const lib = await import("./library-decompress.ts");
  switch (format) {
    case "gzip":
      return yield* lib.gunzip(ctx, source, entry);
    case "xz":
    case "lzma":
      return yield* lib.unxzLibrary(ctx, source, entry);
    case "zstd":
      return yield* lib.unzstdLibrary(ctx, source, entry);
    case "bzip2":
      return yield* lib.bunzip2Library(ctx, source, entry);
  }
}

/**
 * xz 5.4's threaded decoder with room for one worker: the worker decodes while xz's main thread
 * writes to our pipe, which a single-threaded `xz -dc` does in turn. On linux-source-6.1.tar.xz
 * (55 blocks of ~25 MB) `xz -dc | cat` takes 8.5–10.1 s against 7.3–8.8 s for `xz -dc > /dev/null`;
 * with these flags 7.5 s, at the same CPU time and 39 MB of RSS (two workers would hold 128 MB and
 * take the second core). Only for big inputs (small ones are over before a thread pays off).
 */
const threadedXz = ["-T2", "--memlimit-mt-decompress=40MiB"];
const threadedXzFrom = 16 * 1024 * 1024;
let xzThreaded: boolean | undefined;

/** Whether the system xz has the threaded decoder (5.3.4+; Debian 11's 5.2 rejects the flag). */
function xzDecodesThreaded(): boolean {
  if (xzThreaded === undefined) {
    try {
      const version = /(\d+)\.(\d+)\.(\d+)/.exec(execFileSync("xz", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
      const [major, minor, patch] = (version ?? []).slice(1).map(Number) as [number, number, number];
      xzThreaded = version !== null && (major > 5 || (major === 5 && (minor > 3 || (minor === 3 && patch >= 4))));
    } catch {
      xzThreaded = false;
    }
  }
  return xzThreaded;
}

export function decompress(
  ctx: ReadContext,
  format: Compression,
  source: AsyncIterable<Buffer>,
  entry?: string,
): AsyncGenerator<Buffer> {
  const tool = systemTools[format];
  // "auto" keeps gzip in-process: node:zlib inflates on libuv's thread pool, off the main thread
  // like a child process but without its spawn, and faster than GNU gzip's inflate (BENCHMARKS.md).
  const useSystem = ctx.decompressors === "system" || (ctx.decompressors === "auto" && format !== "gzip" && onPath(tool.cmd));
  if (useSystem) {
    if (!onPath(tool.cmd)) {
      throw new InputError(ctx.origin, `${format} data needs \`${tool.cmd}\`, which is not on PATH`, entry);
    }
    const args = format === "xz" && ctx.inputBytes >= threadedXzFrom && xzDecodesThreaded() ? [...tool.args, ...threadedXz] : tool.args;
    return runFilter(ctx, tool.cmd, args, source, entry);
  }
  return library(ctx, format, source, entry);
}
