/**
 * Streams a tar archive (v7, ustar, GNU, pax) through tar-stream into a Collector.
 */
import * as tarStream from "tar-stream";
import { InputError, isRelevantPath } from "@xsysgen/parser";
import type { ArchiveEntry, EntryType } from "./collector.ts";
import type { ReadContext } from "./context.ts";

const entryTypes: Partial<Record<tarStream.Header["type"], EntryType>> = {
  file: "file",
  "contiguous-file": "file",
  link: "hardlink",
  symlink: "symlink",
  directory: "directory",
  "character-device": "char-device",
  "block-device": "block-device",
  fifo: "fifo",
};

/** Bytes read past a tar error to let a decompressor report corruption (a bzip2 block is < 1 MiB). */
const drainAfterError = 2 * 1024 * 1024;

export type EntrySink = (entry: ArchiveEntry, body: AsyncIterable<Buffer>) => Promise<void>;

/** Feeds every entry of the tar in `source` to `sink`. `member` names the enclosing archive member. */
export async function readTar(ctx: ReadContext, source: AsyncIterable<Buffer>, sink: EntrySink, member?: string): Promise<void> {
  const extract = tarStream.extract();
  let feedError: unknown;
  const feed = (async () => {
    try {
      let afterError = 0;
      for await (const chunk of source) {
        if (extract.destroying) {
          // A corrupt block often reaches the tar parser before the decompressor's check fails:
          // read on a little so the decompressor's complaint, the real cause, surfaces.
          afterError += chunk.length;
          if (afterError > drainAfterError) break;
          continue;
        }
        if (!extract.write(chunk)) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              extract.off("drain", done);
              extract.off("close", done);
              resolve();
            };
            extract.on("drain", done);
            extract.on("close", done);
          });
        }
      }
      (extract as unknown as { end(): void }).end();
    } catch (e) {
      feedError = e;
      extract.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  const abort = (): void => {
    (extract as unknown as { destroy(): void }).destroy();
  };
  ctx.signal.addEventListener("abort", abort, { once: true });
  try {
    for await (const stream of extract) {
      const h = stream.header;
      const type = entryTypes[h.type];
      if (type === undefined) {
        if (isRelevantPath(h.name)) {
          throw new InputError(ctx.origin, `unsupported tar entry type ${h.type}`, h.name);
        }
      } else {
        const entry: ArchiveEntry = { name: h.name, type, size: h.size, linkTarget: h.linkname };
        await sink(entry, stream as unknown as AsyncIterable<Buffer>);
      }
      stream.resume();
    }
    await feed;
  } catch (e) {
    abort();
    await feed;
    const err = feedError ?? e;
    if (err instanceof InputError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new InputError(ctx.origin, `corrupt tar archive: ${message}`, member);
  } finally {
    ctx.signal.removeEventListener("abort", abort);
    abort();
  }
}
