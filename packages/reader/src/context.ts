/**
 * Read options, their defaults, and the per-call context every format reader gets: the user's
 * spelling of the input (for messages), the abort signal that kills child decompressors and
 * closes files on any failure, and the byte budgets.
 */
import { InputError, UsageError } from "@xsysgen/core";

/** Which decompressors read xz, lzma, zstd and bzip2 data; see {@link ReadOptions.decompressors}. */
export type DecompressorChoice = "auto" | "system" | "library";

/** How an input is read: byte limits, the decompressors and their environment, progress (`readHeaderBundle`). */
export interface ReadOptions {
  /** Largest file kept in the bundle, in bytes. Default 16 MiB. */
  maxEntryBytes?: number;
  /**
   * Most decompressed bytes streamed through the archive parsers, in bytes (a decompression-bomb
   * guard). Default 8 GiB (a full kernel source tarball is about 1.3 GiB unpacked).
   */
  maxTotalBytes?: number;
  /**
   * "system" runs `xz -dc`, `zstd -dc`, `bzip2 -dc`, `gzip -dc`; "library" uses lzma-native,
   * fzstd (node:zlib's zstd where it is correct: Node 24 on), unbzip2-stream and node:zlib; "auto"
   * (default) prefers the system tool when it is on PATH, except for gzip (node:zlib, already off
   * the main thread) and, where node:zlib decodes zstd correctly, zstd in inputs of up to 16 MiB.
   */
  decompressors?: DecompressorChoice;
  /**
   * The environment the system decompressors run in, whose PATH finds them. Default: this
   * process's, as Node gives it to any child process. The reader reads no variable of it itself.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Called as a file input is read, with the bytes read so far, its size and its path as given (only
   * for inputs read as a stream: those over 16 MiB, such as a kernel source tarball). The CLI shows it
   * on a terminal.
   */
  onProgress?: (read: number, total: number, path: string) => void;
}

/** Default largest header or table kept from an input, in bytes (16 MiB). */
export const defaultMaxEntryBytes = 16 * 1024 * 1024;
/** Default most decompressed bytes streamed per input, in bytes (8 GiB): the decompression-bomb guard. */
export const defaultMaxTotalBytes = 8 * 1024 * 1024 * 1024;

export interface ReadContext {
  readonly origin: string;
  readonly signal: AbortSignal;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  readonly decompressors: DecompressorChoice;
  /** For the system decompressors; undefined: this process's environment. */
  readonly env: ReadOptions["env"];
  /** Decompressed bytes streamed so far, across all archive layers of this input. */
  streamed: number;
  /** Exits of child processes started for this input: the read returns only after all of them. */
  readonly children: Set<Promise<unknown>>;
  /** Size of the input file in bytes (0 for a directory): big inputs get a threaded `xz`. */
  inputBytes: number;
  readonly onProgress: ReadOptions["onProgress"];
}

/** A byte limit given as an option: a positive whole number, else the default. */
function byteLimit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new UsageError(`${name}: expected a positive whole number of bytes, got ${value}`);
  return value;
}

/** Every {@link DecompressorChoice}. */
export const decompressorChoices: readonly DecompressorChoice[] = ["auto", "system", "library"];

export function makeContext(origin: string, options: ReadOptions, signal: AbortSignal): ReadContext {
  const decompressors = options.decompressors ?? "auto";
  if (!decompressorChoices.includes(decompressors))
    throw new UsageError(`decompressors: expected ${decompressorChoices.join(", ")}, got ${String(decompressors)}`);
  return {
    origin,
    signal,
    maxEntryBytes: byteLimit("maxEntryBytes", options.maxEntryBytes, defaultMaxEntryBytes),
    maxTotalBytes: byteLimit("maxTotalBytes", options.maxTotalBytes, defaultMaxTotalBytes),
    decompressors,
    env: options.env,
    streamed: 0,
    children: new Set(),
    inputBytes: 0,
    onProgress: options.onProgress,
  };
}

/** Passes chunks through, counting them against the total budget; stops the stream when spent. */
export async function* metered(ctx: ReadContext, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    ctx.streamed += chunk.length;
    if (ctx.streamed > ctx.maxTotalBytes) {
      throw new InputError(ctx.origin, `decompression limit exceeded: more than ${ctx.maxTotalBytes} bytes streamed`);
    }
    yield chunk;
  }
}

/** Rejects a kept file over the per-file limit. */
export function checkEntrySize(ctx: ReadContext, entry: string, size: number): void {
  if (size > ctx.maxEntryBytes) {
    throw new InputError(
      ctx.origin,
      `file is ${size} bytes, more than the ${ctx.maxEntryBytes}-byte limit for a kept file`,
      entry,
    );
  }
}
