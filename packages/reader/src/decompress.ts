/**
 * Picks the decompressor for a compression format: the system tool when wanted and present,
 * else the in-process library. The libraries (fzstd, lzma-native, unbzip2-stream, node:zlib)
 * load on first use: a run that hands everything to `xz` never compiles them.
 */
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
    return runFilter(ctx, tool.cmd, tool.args, source, entry);
  }
  return library(ctx, format, source, entry);
}
