/**
 * readHeaderBundle: the one entry point that turns a directory, header, table, tarball, .deb or
 * .rpm into a HeaderBundle, choosing the format by magic bytes.
 */
import { createReadStream, readFileSync, statSync } from "node:fs";
import { type HeaderBundle } from "@xsysgen/parser";
import { InputError, XsysgenError, isErrnoError, renderErrno } from "@xsysgen/core";
import { ByteReader } from "./bytes.ts";
import { bufferBody, Collector } from "./collector.ts";
import { makeContext, metered, type ReadContext, type ReadOptions } from "./context.ts";
import { readCpio } from "./cpio.ts";
import { readDeb, type PackageContents } from "./deb.ts";
import { isCompression, readTarLayer } from "./layers.ts";
import { sniff, sniffBytes } from "./magic.ts";
import { readRpm } from "./rpm.ts";
import { readSingleFile, unrecognized } from "./single.ts";

/**
 * Inputs up to this size (a header, a .deb or .rpm of headers: 1–3 MB) are read in one
 * synchronous call, without a stream's thread-pool round trips (~3 ms of a ~100 ms run); a
 * kernel tarball (~140 MB) streams.
 */
const wholeFileUpTo = 16 * 1024 * 1024;

async function readFileInput(ctx: ReadContext, path: string, size: number): Promise<PackageContents> {
  const stream =
    size <= wholeFileUpTo ? undefined : createReadStream(path, { highWaterMark: 256 * 1024, signal: ctx.signal });
  const reader = new ByteReader(stream === undefined ? bufferBody(readFileSync(path)) : counted(stream, size, ctx));
  try {
    const head = await reader.peek(sniffBytes);
    if (head.length === 0)
      throw new InputError(ctx.origin, `empty file; ${unrecognized.replace("unrecognized input: ", "")}`);
    const format = sniff(head);
    if (format === "ar") return await readDeb(ctx, reader);
    if (format === "rpm") return await readRpm(ctx, reader);
    if (format === "tar" || isCompression(format)) {
      const collector = new Collector(ctx);
      await readTarLayer(ctx, reader.rest(), (entry, body) => collector.add(entry, body));
      return { files: collector.finish() };
    }
    if (format === "cpio") {
      const collector = new Collector(ctx);
      await readCpio(ctx, new ByteReader(metered(ctx, reader.rest())), collector);
      return { files: collector.finish() };
    }
    return { files: await readSingleFile(ctx, path, size, reader) };
  } finally {
    stream?.destroy();
  }
}

/** The chunks of a streamed input, telling `onProgress` how far the read has got. */
async function* counted(source: AsyncIterable<Buffer>, total: number, ctx: ReadContext): AsyncGenerator<Buffer> {
  const onProgress = ctx.onProgress;
  if (onProgress === undefined) return yield* source;
  let read = 0;
  for await (const chunk of source) {
    read += chunk.length;
    onProgress(read, total, ctx.origin);
    yield chunk;
  }
}

async function readInput(ctx: ReadContext, path: string): Promise<PackageContents> {
  const info = statSync(path);
  // fast-glob (directory walking) loads only for directories: archives and single files skip it.
  if (info.isDirectory()) return { files: await (await import("./directory.ts")).readDirectory(ctx, path) };
  if (!info.isFile())
    throw new InputError(
      ctx.origin,
      `not a regular file or directory; ${unrecognized.replace("unrecognized input: ", "")}`,
    );
  ctx.inputBytes = info.size;
  return readFileInput(ctx, path, info.size);
}

/**
 * The syscall-relevant files of `path` (see isRelevantPath), decoded as latin1 so every byte
 * survives. Nothing is unpacked to disk. Every failure is an InputError naming `path`.
 */
export async function readHeaderBundle(path: string, options: ReadOptions = {}): Promise<HeaderBundle> {
  const controller = new AbortController();
  const ctx = makeContext(path, options, controller.signal);
  try {
    const { files, packageVersion } = await readInput(ctx, path);
    if (files.size === 0) throw new InputError(path, "no syscall headers or tables found");
    return packageVersion === undefined ? { origin: path, files } : { origin: path, files, packageVersion };
  } catch (e) {
    if (e instanceof XsysgenError) throw e;
    // "ENOENT: no such file or directory, stat 'x'" -> "x: no such file or directory (ENOENT)"
    if (isErrnoError(e)) throw new InputError(path, renderErrno(e));
    throw e;
  } finally {
    // Kills any decompressor still running, closes the file, and reaps the children.
    controller.abort();
    await Promise.all(ctx.children);
  }
}
