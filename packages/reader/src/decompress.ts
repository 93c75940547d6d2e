/**
 * Picks the decompressor for a compression format: in-process where Node decodes the format itself
 * (gzip; zstd where node:zlib has it), else the system tool when wanted and present, else the
 * in-process library. Both load on first use: the libraries (fzstd, lzma-native, unbzip2-stream,
 * node:zlib) only when asked for, node:child_process only when a tool runs, so a run on a plain
 * header compiles neither.
 *
 * Whether a tool is present is the spawn's own answer (ENOENT from the PATH of `ctx.env`, or of this
 * process when none is given), so the reader never reads PATH itself.
 */
import { InputError } from "@xsysgen/core";
import type { ReadContext } from "./context.ts";
import type { Compression } from "./magic.ts";

const systemTools: Record<Compression, { cmd: string; args: readonly string[] }> = {
  gzip: { cmd: "gzip", args: ["-dc"] },
  xz: { cmd: "xz", args: ["-dc"] },
  lzma: { cmd: "xz", args: ["-dc", "--format=lzma"] },
  zstd: { cmd: "zstd", args: ["-dcq"] },
  bzip2: { cmd: "bzip2", args: ["-dc"] },
};

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

/**
 * What "auto" decodes in-process rather than through a tool: gzip (node:zlib inflates on libuv's
 * thread pool, off the main thread like a child process but without its spawn, and faster than GNU
 * gzip's inflate: BENCHMARKS.md), and zstd from an input of up to 16 MiB (a package) where
 * node:zlib decodes zstd correctly (zlib-zstd.ts): in one call, with no `zstd` process to start
 * (BENCHMARKS.md, "Issue 26"). A bigger input (a .tar.zst of a tree) streams through
 * the tool, as on Node 20.
 */
async function inProcessFirst(ctx: ReadContext, format: Compression): Promise<boolean> {
  if (format === "gzip") return true;
  if (format !== "zstd" || ctx.inputBytes > inProcessZstdUpTo) return false;
  const { zlibZstd } = await import("./zlib-zstd.ts");
  return (await zlibZstd()) !== undefined;
}

const inProcessZstdUpTo = 16 * 1024 * 1024;

/** The decompressed bytes of `source`. `entry` names the archive member, if any, for messages. */
export async function* decompress(
  ctx: ReadContext,
  format: Compression,
  source: AsyncIterable<Buffer>,
  entry?: string,
): AsyncGenerator<Buffer> {
  if (ctx.decompressors === "library" || (ctx.decompressors === "auto" && (await inProcessFirst(ctx, format))))
    return yield* library(ctx, format, source, entry);
  const { runFilter, startFilter, xzArgs } = await import("./system-decompress.ts");
  const tool = systemTools[format];
  const args = format === "xz" ? xzArgs(ctx, tool.args) : tool.args;
  const child = await startFilter(ctx, tool.cmd, args, entry);
  if (child !== undefined) return yield* runFilter(ctx, child, tool.cmd, args, source, entry);
  if (ctx.decompressors === "system")
    throw new InputError(ctx.origin, `${format} data needs \`${tool.cmd}\`, which is not on PATH`, entry);
  return yield* library(ctx, format, source, entry);
}
