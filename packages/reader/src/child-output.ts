/**
 * A decompressor's stdout, taken as it arrives so the child is not kept waiting while the
 * consumer parses; whatever queued up meanwhile is handed on as one buffer.
 *
 * Through the stream's public 'data' events only. Reading the pipe into 1 MiB slabs instead, by
 * moving the Socket's private libuv handle into a Socket made with `onread`, saved ~4 % on the zstd
 * .rpm bench row, but a private field can change under the package in any Node release
 * (BENCHMARKS.md, "Issue 26").
 */
import type { Readable } from "node:stream";

/** Most output held while the consumer is busy before the child is paused. */
const maxQueued = 8 * 1024 * 1024;

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

/** The output through the stream's 'data' events: a Buffer per read. */
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
