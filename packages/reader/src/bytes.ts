/**
 * A pull reader over a stream of byte chunks: the hand-written ar, rpm and cpio parsers ask for
 * exact byte counts and hand file bodies on as chunk streams, without buffering whole archives.
 */

export class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private readonly it: AsyncIterator<Buffer>;
  /** Bytes consumed so far (read, skipped or taken). */
  position = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.it = source[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<void> {
    while (this.buffered < n && !this.ended) {
      const r = await this.it.next();
      if (r.done === true) this.ended = true;
      else if (r.value.length > 0) {
        this.chunks.push(r.value);
        this.buffered += r.value.length;
      }
    }
  }

  /** Up to n bytes without consuming them (fewer only at end of input). */
  async peek(n: number): Promise<Buffer> {
    await this.fill(n);
    const first = this.chunks[0];
    if (first !== undefined && first.length >= n) return first.subarray(0, n);
    return Buffer.concat(this.chunks).subarray(0, n);
  }

  /** Up to n bytes, consumed (fewer only at end of input). */
  async read(n: number): Promise<Buffer> {
    const out = Buffer.from(await this.peek(n));
    this.consume(out.length);
    return out;
  }

  /**
   * n bytes, consumed, when the first buffered chunk already holds them (no await: a cpio walk
   * reads ~2,400 headers, names and paddings this way); undefined otherwise, then call `read`.
   * A view of the chunk, not a copy.
   */
  readBuffered(n: number): Buffer | undefined {
    const first = this.chunks[0];
    if (n === 0) return Buffer.alloc(0);
    if (first === undefined || first.length < n) return undefined;
    const out = first.subarray(0, n);
    this.consume(n);
    return out;
  }

  /** Whether the input is exhausted. */
  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.buffered === 0;
  }

  private consume(n: number): void {
    let left = n;
    while (left > 0) {
      const first = this.chunks[0];
      if (first === undefined) break;
      if (first.length <= left) {
        this.chunks.shift();
        left -= first.length;
      } else {
        this.chunks[0] = first.subarray(left);
        left = 0;
      }
    }
    this.buffered -= n - left;
    this.position += n - left;
  }

  /**
   * Streams exactly n bytes; `short` builds the error thrown when the input ends first.
   * A consumer that stops early leaves the rest unread: call `skip` for it.
   */
  async *take(n: number, short: (got: number) => Error): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0) await this.fill(1);
      const first = this.chunks[0];
      if (first === undefined) throw short(n - left);
      const piece = first.length <= left ? first : first.subarray(0, left);
      this.consume(piece.length);
      left -= piece.length;
      yield piece;
    }
  }

  /** Consumes up to n bytes; returns how many there were. */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0) await this.fill(1);
      const first = this.chunks[0];
      if (first === undefined) break;
      const k = Math.min(first.length, left);
      this.consume(k);
      left -= k;
    }
    return n - left;
  }

  /** Everything that is left. */
  async *rest(): AsyncGenerator<Buffer> {
    for (;;) {
      if (this.buffered === 0) await this.fill(1);
      const first = this.chunks.shift();
      if (first === undefined) return;
      this.buffered -= first.length;
      this.position += first.length;
      yield first;
    }
  }

  /** Stops the underlying source. */
  async close(): Promise<void> {
    this.chunks = [];
    this.buffered = 0;
    await this.it.return?.();
  }
}
