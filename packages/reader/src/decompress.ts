/**
 * Picks the decompressor for a compression format: the system tool when wanted and present,
 * else the in-process library.
 */
import { InputError } from "@xsysgen/parser";
import type { ReadContext } from "./context.ts";
import { bunzip2Library, gunzip, unxzLibrary, unzstdLibrary } from "./library-decompress.ts";
import type { Compression } from "./magic.ts";
import { onPath, runFilter } from "./system-decompress.ts";

const systemTools: Record<Exclude<Compression, "gzip">, { cmd: string; args: readonly string[] }> = {
  xz: { cmd: "xz", args: ["-dc"] },
  lzma: { cmd: "xz", args: ["-dc", "--format=lzma"] },
  zstd: { cmd: "zstd", args: ["-dcq"] },
  bzip2: { cmd: "bzip2", args: ["-dc"] },
};

/** The decompressed bytes of `source`. `entry` names the archive member, if any, for messages. */
export function decompress(
  ctx: ReadContext,
  format: Compression,
  source: AsyncIterable<Buffer>,
  entry?: string,
): AsyncGenerator<Buffer> {
  if (format === "gzip") return gunzip(ctx, source, entry);
  const tool = systemTools[format];
  const useSystem = ctx.decompressors === "system" || (ctx.decompressors === "auto" && onPath(tool.cmd));
  if (useSystem) {
    if (!onPath(tool.cmd)) {
      throw new InputError(ctx.origin, `${format} data needs \`${tool.cmd}\`, which is not on PATH`, entry);
    }
    return runFilter(ctx, tool.cmd, tool.args, source, entry);
  }
  switch (format) {
    case "xz":
    case "lzma":
      return unxzLibrary(ctx, source, entry);
    case "zstd":
      return unzstdLibrary(ctx, source, entry);
    case "bzip2":
      return bunzip2Library(ctx, source, entry);
  }
}
