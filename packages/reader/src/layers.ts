/**
 * One tar layer, optionally compressed: sniffs the compression by magic, decompresses, checks
 * that a tar archive comes out, and streams it into a sink with the total-bytes meter running.
 */
import { InputError } from "@xsysgen/core";
import { ByteReader } from "./bytes.ts";
import { metered, type ReadContext } from "./context.ts";
import { decompress } from "./decompress.ts";
import { isTarHeader, sniff, sniffBytes, type Compression } from "./magic.ts";
import { readTar, type EntrySink } from "./tar.ts";

const compressions: readonly string[] = ["gzip", "xz", "lzma", "bzip2", "zstd"] satisfies Compression[];

export function isCompression(format: string | undefined): format is Compression {
  return format !== undefined && compressions.includes(format);
}

function isTarStart(block: Buffer): boolean {
  // An empty archive is nothing but zero blocks.
  return isTarHeader(block) || (block.length === 512 && block.every((b) => b === 0));
}

/** Reads the (compressed) tar in `source` into `sink`. `member` names the enclosing member. */
export async function readTarLayer(
  ctx: ReadContext,
  source: AsyncIterable<Buffer>,
  sink: EntrySink,
  member?: string,
): Promise<void> {
  const outer = new ByteReader(source);
  const format = sniff(await outer.peek(sniffBytes));
  if (isCompression(format)) {
    const inner = new ByteReader(metered(ctx, decompress(ctx, format, outer.rest(), member)));
    if (!isTarStart(await inner.peek(512))) {
      // Corruption can garble the first block before the decompressor's check fails: let it speak.
      await inner.skip(2 * 1024 * 1024);
      await inner.close();
      throw new InputError(ctx.origin, `${format}-compressed data is not a tar archive`, member);
    }
    return readTar(ctx, inner, sink, member);
  }
  if (format === "tar" || isTarStart(await outer.peek(512)))
    return readTar(ctx, metered(ctx, outer.rest()), sink, member);
  throw new InputError(
    ctx.origin,
    `expected a tar archive (plain, gzip, xz, bzip2 or zstd)${format === undefined ? "" : `, found ${format} data`}`,
    member,
  );
}
