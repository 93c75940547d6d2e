/**
 * In-process decompressors: node:zlib for gzip always, node:zlib for zstd where it decodes zstd
 * correctly (zlib-zstd.ts) and the input fits in memory, and the fallbacks for machines without
 * the system tools: lzma-native (xz and legacy lzma; liblzma verifies the SHA-256 check that
 * RPM payloads carry), fzstd (streaming Decompress, checksums verified here) and unbzip2-stream.
 */
import { createRequire } from "node:module";
import { Readable, type Duplex } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, gunzipSync } from "node:zlib";
import { Decompress } from "fzstd";
import type * as LzmaModule from "lzma-native";
import { InputError } from "@xsysgen/core";
import type { ReadContext } from "./context.ts";
import { Xxh64 } from "./xxh64.ts";
import { ZstdFrameError, ZstdFrames } from "./zstd-frames.ts";
import { zlibZstd } from "./zlib-zstd.ts";

const require = createRequire(import.meta.url);

type LzmaNative = typeof LzmaModule;

function complaint(ctx: ReadContext, name: string, e: unknown, entry: string | undefined): unknown {
  if (e instanceof InputError) return e;
  let message = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
  // liblzma's LZMA_BUF_ERROR at end of input, and unbzip2-stream's bit reader running dry.
  if (message === "No progress is possible") message += " (truncated input)";
  if (e instanceof TypeError) message = `corrupt or truncated data (${message})`;
  // Data errors whose wording names no cause: zlib's Z_DATA_ERROR ("invalid distance too far
  // back", "invalid block type") and unbzip2-stream's Bzip2Error, whose messages are jokes
  // ("meow i'm a kitty, that's an error", "Boom."). Which one a flipped bit hits depends on the
  // bytes, so the message must say "corrupt" for all of them.
  const kind = e as { code?: unknown; name?: unknown };
  if (kind.code === "Z_DATA_ERROR" || kind.name === "Bzip2Error") message = `corrupt data (${message})`;
  // libzstd's errors through node:zlib (ZSTD_error_checksum_wrong, …), and its end of input mid-frame.
  if (typeof kind.code === "string" && kind.code.startsWith("ZSTD_error_")) message = `corrupt data (${message})`;
  if (kind.code === "Z_BUF_ERROR") message = `truncated input (${message})`;
  return new InputError(ctx.origin, `${name}: ${message}`, entry);
}

/**
 * Re-cuts input into small slices. The in-process decoders turn one input chunk into all of its
 * output at once, and an extreme ratio (a zstd RLE block is 4 bytes for 128 KiB; kernel trees
 * repeat whole files within a window) would put hundreds of MB in memory before the byte meter
 * could stop it.
 */
async function* slices(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    for (let at = 0; at < chunk.length; at += size) yield chunk.subarray(at, at + size);
  }
}

/** Runs a Node transform stream over `source`. */
async function* throughStream(
  ctx: ReadContext,
  name: string,
  transform: Duplex,
  source: AsyncIterable<Buffer>,
  entry: string | undefined,
): AsyncGenerator<Buffer> {
  const input = Readable.from(source, { objectMode: false });
  const done = pipeline(input, transform).then(
    () => undefined,
    (e: unknown) => e ?? new Error("failed"),
  );
  const abort = (): void => {
    input.destroy();
    transform.destroy();
  };
  ctx.signal.addEventListener("abort", abort, { once: true });
  try {
    for await (const chunk of transform) yield chunk as Buffer;
    const failed = await done;
    if (failed !== undefined) throw failed;
  } catch (e) {
    throw complaint(ctx, name, (await done) ?? e, entry);
  } finally {
    ctx.signal.removeEventListener("abort", abort);
    abort();
    await done;
  }
}

/**
 * The chunks of `source` while they total at most `limit` bytes: all of them (`rest` undefined),
 * or those and an iterable of the rest, the first chunk over the limit included.
 */
async function takeUpTo(
  source: AsyncIterable<Buffer>,
  limit: number,
): Promise<{ head: Buffer[]; rest?: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let total = 0;
  for (;;) {
    const r = await it.next();
    if (r.done === true) return { head };
    total += r.value.length;
    if (total > limit) {
      const over = r.value;
      const rest = async function* (): AsyncGenerator<Buffer> {
        yield over;
        for (let n = await it.next(); n.done !== true; n = await it.next()) yield n.value;
      };
      return { head, rest: rest() };
    }
    head.push(r.value);
  }
}

/**
 * gzip data of up to this size, when it is all there (a package's payload), inflates in one
 * synchronous call: streamed, zlib hops to the thread pool and back once per 16 KiB slice, which
 * made a linux-libc-dev .rpm's 1.5 MB payload take ~35 ms to inflate instead of ~17.
 */
const inflateAtOnceUpTo = 16 * 1024 * 1024;
/**
 * Most output inflated at once (a package's payload is 5–40 MB): past it, or past what the
 * byte budget has left, the streaming path and its meters take over (a bomb, a small limit).
 */
const atOnceOutputLimit = 64 * 1024 * 1024;

/** `head`, then what `rest` still holds: the input as it came, not copied into one buffer. */
async function* rejoin(head: readonly Buffer[], rest: AsyncIterable<Buffer> | undefined): AsyncGenerator<Buffer> {
  yield* head;
  if (rest !== undefined) yield* rest;
}

/**
 * `source` decoded in one synchronous call when all of it is there and its output fits (see
 * inflateAtOnceUpTo); otherwise `rest` is the whole input, to stream with the byte meters.
 */
async function atOnce(
  ctx: ReadContext,
  name: string,
  source: AsyncIterable<Buffer>,
  entry: string | undefined,
  decode: (whole: Buffer, maxOutputLength: number) => Buffer,
): Promise<{ decoded: Buffer } | { rest: AsyncIterable<Buffer> }> {
  const { head, rest } = await takeUpTo(source, inflateAtOnceUpTo);
  const whole = rest === undefined ? (head.length === 1 ? (head[0] as Buffer) : Buffer.concat(head)) : undefined;
  if (whole !== undefined && whole.length > 0) {
    try {
      const budget = Math.max(ctx.maxTotalBytes - ctx.streamed, 0) + 1;
      return { decoded: decode(whole, Math.min(atOnceOutputLimit, budget)) };
    } catch (e) {
      if ((e as { code?: unknown }).code !== "ERR_BUFFER_TOO_LARGE") throw complaint(ctx, name, e, entry);
    }
  }
  return { rest: rejoin(head, rest) };
}

export async function* gunzip(ctx: ReadContext, source: AsyncIterable<Buffer>, entry?: string): AsyncGenerator<Buffer> {
  const once = await atOnce(ctx, "gzip", source, entry, (whole, maxOutputLength) =>
    gunzipSync(whole, { maxOutputLength }),
  );
  if ("decoded" in once) {
    if (once.decoded.length > 0) yield once.decoded;
    return;
  }
  // deflate tops out near 1032:1: 16 KiB in, at most ~16 MiB out. 64 KiB output chunks (zlib's
  // default is 16): a fourth of the stream and async-iterator hops per inflated byte.
  const input = slices(once.rest, 16 * 1024);
  yield* throughStream(ctx, "gzip", createGunzip({ chunkSize: 64 * 1024 }), input, entry);
}

export function unxzLibrary(ctx: ReadContext, source: AsyncIterable<Buffer>, entry?: string): AsyncGenerator<Buffer> {
  const lzma = require("lzma-native") as LzmaNative;
  return throughStream(ctx, "lzma-native", lzma.createDecompressor(), slices(source, 4 * 1024), entry);
}

/**
 * zstd: at once through node:zlib where it decodes zstd correctly (zlib-zstd.ts) and the input
 * fits in memory (a package's payload). Otherwise through fzstd, one decoder per frame, with what
 * fzstd leaves out checked here as `zstd -t` does: each frame's Content_Checksum (XXH64 of its
 * output) and Frame_Content_Size, and that the stream ends at a frame boundary. Without the
 * checksum a flipped bit inside a compressed block can decode to different bytes with no error at all.
 */
export async function* unzstdLibrary(
  ctx: ReadContext,
  input: AsyncIterable<Buffer>,
  entry?: string,
): AsyncGenerator<Buffer> {
  let source = input;
  const zstd = await zlibZstd();
  if (zstd !== undefined) {
    // Output in 4 MiB steps: in Node's default steps (16 KiB) a 4 MB payload took 19 ms instead of 7 (Node 24).
    const chunkSize = (limit: number): number => Math.max(64, Math.min(4 * 1024 * 1024, limit));
    const once = await atOnce(ctx, "zstd", source, entry, (whole, maxOutputLength) =>
      zstd.zstdDecompressSync(whole, { maxOutputLength, chunkSize: chunkSize(maxOutputLength) }),
    );
    if ("decoded" in once) {
      if (once.decoded.length > 0) yield once.decoded;
      return;
    }
    source = once.rest;
  }
  const out: Buffer[] = [];
  const frames = new ZstdFrames();
  let frame: { decoder: Decompress; hash: Xxh64; produced: number; contentSize: number | undefined } | undefined;
  let index = 0;
  try {
    // 512 bytes hold at most 128 RLE blocks: 16 MiB out. fzstd buffers a partial block without
    // re-copying it, so small pushes cost little.
    for await (const chunk of slices(source, 512)) {
      for (const piece of frames.feed(chunk)) {
        if (piece.kind === "start") {
          index++;
          const current = {
            decoder: undefined as unknown as Decompress,
            hash: new Xxh64(),
            produced: 0,
            contentSize: piece.contentSize,
          };
          // fzstd allocates each block's output afresh (its window is a separate copy): no copy needed.
          current.decoder = new Decompress((data) => {
            if (data.length === 0) return;
            current.hash.update(data);
            current.produced += data.length;
            out.push(Buffer.from(data.buffer, data.byteOffset, data.length));
          });
          frame = current;
        } else if (piece.kind === "bytes") {
          frame?.decoder.push(piece.bytes);
        } else if (frame !== undefined) {
          frame.decoder.push(new Uint8Array(0), true);
          if (frame.contentSize !== undefined && frame.produced !== frame.contentSize) {
            throw new ZstdFrameError(
              `corrupt data: frame ${index} decodes to ${frame.produced} bytes, its header says ${frame.contentSize}`,
            );
          }
          const actual = frame.hash.digestLow32();
          if (piece.checksum !== undefined && piece.checksum !== actual) {
            throw new ZstdFrameError(
              `corrupt data: content checksum mismatch in frame ${index} ` +
                `(stored ${hex(piece.checksum)}, computed ${hex(actual)})`,
            );
          }
          frame = undefined;
        }
      }
      yield* out.splice(0);
    }
    frames.finish();
    yield* out.splice(0);
  } catch (e) {
    if (e instanceof ZstdFrameError) throw new InputError(ctx.origin, `zstd: ${e.message}`, entry);
    // fzstd's own errors are terse ("invalid zstd data"): say what they mean.
    if (e instanceof Error && !(e instanceof InputError) && !(e instanceof TypeError))
      throw new InputError(ctx.origin, `fzstd: corrupt data (${e.message.split("\n")[0] ?? ""})`, entry);
    throw complaint(ctx, "fzstd", e, entry);
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}

interface ThroughLike {
  on(event: string, listener: (arg: Buffer & Error) => void): unknown;
  write(chunk: Buffer): unknown;
  end(): void;
}

export async function* bunzip2Library(
  ctx: ReadContext,
  source: AsyncIterable<Buffer>,
  entry?: string,
): AsyncGenerator<Buffer> {
  const unbzip2 = require("unbzip2-stream") as () => ThroughLike;
  const t = unbzip2();
  const out: Buffer[] = [];
  let failure: Error | undefined;
  t.on("data", (chunk) => {
    out.push(chunk);
  });
  t.on("error", (e) => {
    failure ??= e;
  });
  try {
    for await (const chunk of source) {
      t.write(chunk);
      if (failure !== undefined) throw failure;
      yield* out.splice(0);
    }
    t.end();
    if (failure !== undefined) throw failure;
    yield* out.splice(0);
  } catch (e) {
    throw complaint(ctx, "unbzip2-stream", e, entry);
  }
}
