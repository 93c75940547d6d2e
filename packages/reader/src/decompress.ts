/**
 * Picks the decompressor for a compression format: the system tool when wanted and present,
 * else the in-process library. Both load on first use: the libraries (fzstd, lzma-native,
 * unbzip2-stream, node:zlib) only when asked for, node:child_process only when a tool runs, so
 * a run on a plain header compiles neither.
 */
import { InputError } from "@xsysgen/core";
import type { ReadContext } from "./context.ts";
import type { Compression } from "./magic.ts";
import { onPath } from "./on-path.ts";

const systemTools: Record<Compression, { cmd: string; args: readonly string[] }> = {
  gzip: { cmd: "gzip", args: ["-dc"] },
  xz: { cmd: "xz", args: ["-dc"] },
  lzma: { cmd: "xz", args: ["-dc", "--format=lzma"] },
  zstd: { cmd: "zstd", args: ["-dcq"] },
  bzip2: { cmd: "bzip2", args: ["-dc"] },
};

async function* system(
  ctx: ReadContext,
  format: Compression,
  source: AsyncIterable<Buffer>,
  entry: string | undefined,
): AsyncGenerator<Buffer> {
  const { runFilter, xzArgs } = await import("./system-decompress.ts");
  const tool = systemTools[format];
  const args = format === "xz" ? xzArgs(tool.args, ctx.inputBytes) : tool.args;
  return yield* runFilter(ctx, tool.cmd, args, source, entry);
}

async function* library(
  ctx: ReadContext,
  format: Compression,
  source: AsyncIterable<Buffer>,
  entry: string | undefined,
): AsyncGenerator<Buffer> {
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

/** The decompressed bytes of `source`. `entry` names the archive member, if any, for messages. */
export function decompress(
  ctx: ReadContext,
  format: Compression,
  source: AsyncIterable<Buffer>,
  entry?: string,
): AsyncGenerator<Buffer> {
  const tool = systemTools[format];
  // "auto" keeps gzip in-process: node:zlib inflates on libuv's thread pool, off the main thread
  // like a child process but without its spawn, and faster than GNU gzip's inflate (BENCHMARKS.md).
  const useSystem =
    ctx.decompressors === "system" || (ctx.decompressors === "auto" && format !== "gzip" && onPath(tool.cmd));
  if (useSystem) {
    if (!onPath(tool.cmd)) {
      throw new InputError(ctx.origin, `${format} data needs \`${tool.cmd}\`, which is not on PATH`, entry);
    }
    return system(ctx, format, source, entry);
  }
  return library(ctx, format, source, entry);
}
