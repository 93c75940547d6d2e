/**
 * A decompressor's stdout, taken as it arrives so the child is not kept waiting while the
 * consumer parses; whatever queued up meanwhile is handed on as one buffer.
 *
 * Node gives a child's stdout pipe to a net.Socket that makes a Buffer per read (64 KiB) and
 * pushes it through the stream machinery. Reading the same pipe through a Socket made with
 * `onread` (net.Socket's documented user-buffer mode) into 1 MiB slabs, each read a view of its
 * slab, skips both. zstd's 5.6 MB of cpio from the .rpm, with a consumer busy 60 µs per 64 KiB
 * (the cpio walk's pace): first byte to end 15.8 → 13.0 ms (medians of 12); the whole
 * `gen --headers <zstd .rpm> --exact` 111.1 → 106.9 ms (25 alternating runs); the kernel tarball's
 * 1.36 GB from xz, 10.0 → 9.7 s of CPU (BENCHMARKS.md). Taking the pipe over needs the Socket's
 * libuv handle (`_handle`, which Node's child_process itself hands to `new Socket({ handle })`);
 * without one, `streamOutput` reads the stream as before.
 */
import { Socket, type OnReadOpts, type SocketConstructorOpts } from "node:net";
import type { Readable } from "node:stream";

/** Most output held while the consumer is busy before the child is paused. */
const maxQueued = 8 * 1024 * 1024;
const slabBytes = 1024 * 1024;
/** A slab with less room left than this is replaced rather than handed to one more read. */
const minReadBytes = 64 * 1024;

/** Output chunks between a producer (the pipe) and the consumer (`drain`). */
class OutputQueue {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  /** The producer was told to pause and waits for `resume`. */
  private paused = false;

  constructor(private readonly resume: () => void) {}

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }

  /** Queues a chunk; false when the producer should pause until the consumer takes the queue. */
  push(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    this.notify();
    this.paused = this.bytes > maxQueued;
    return !this.paused;
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  fail(e: Error): void {
    this.failure = e;
    this.notify();
  }

  async *drain(): AsyncGenerator<Buffer> {
    for (;;) {
      if (this.chunks.length === 0) {
        if (this.failure !== undefined) throw this.failure;
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const batch = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.bytes);
      this.chunks.length = 0;
      this.bytes = 0;
      if (this.paused) {
        this.paused = false;
        this.resume();
      }
      yield batch;
    }
  }
}

/** A child's output as chunks; `stop` closes the pipe (idempotent, also after the end). */
export interface ChildOutput {
  readonly chunks: AsyncGenerator<Buffer>;
  stop(): void;
}

/** The output through the stream's 'data' events: a Buffer per read (the fallback). */
export function streamOutput(stdout: Readable): ChildOutput {
  const queue = new OutputQueue(() => stdout.resume());
  const onData = (chunk: Buffer): void => {
    if (!queue.push(chunk)) stdout.pause();
  };
  const onEnd = (): void => queue.end();
  const onError = (e: Error): void => queue.fail(e);
  stdout.on("data", onData).on("end", onEnd).on("close", onEnd).on("error", onError);
  return {
    chunks: queue.drain(),
    stop: () => {
      stdout.off("data", onData).off("end", onEnd).off("close", onEnd).off("error", onError);
      stdout.destroy();
    },
  };
}

/**
 * The output read into slabs, or undefined when `stdout` has no libuv handle to take over (then
 * use `streamOutput`). `stdout` itself is destroyed without closing the pipe, which its 'close'
 * (the child's own 'close' waits for it) does not need.
 */
export function slabOutput(stdout: Readable): ChildOutput | undefined {
  const holder = stdout as unknown as { _handle?: unknown };
  const handle = holder._handle;
  if (typeof handle !== "object" || handle === null || stdout.destroyed) return undefined;
  holder._handle = null;
  stdout.destroy();
  let slab = Buffer.allocUnsafe(slabBytes);
  let used = 0;
  // `socket` is made below; the queue calls this only after a read.
  const queue = new OutputQueue(() => socket.resume());
  // @types/node lists `onread` for connect() only; `handle` is what child_process passes.
  const options: SocketConstructorOpts & { handle: object; onread: OnReadOpts } = {
    handle,
    readable: true,
    writable: false,
    onread: {
      // Called once for the first read and after every read: the slab's free part. A view handed
      // on is never written again, so the consumer may keep it.
      buffer: () => {
        if (slab.length - used < minReadBytes) {
          slab = Buffer.allocUnsafe(slabBytes);
          used = 0;
        }
        return slab.subarray(used);
      },
      // Returning false pauses the socket; the queue's resume restarts it.
      callback: (bytes: number) => {
        const view = slab.subarray(used, used + bytes);
        used += bytes;
        return queue.push(view);
      },
    },
  };
  const socket = new Socket(options);
  socket.on("end", () => queue.end());
  socket.on("close", () => queue.end());
  socket.on("error", (e) => queue.fail(e));
  return { chunks: queue.drain(), stop: () => socket.destroy() };
}
