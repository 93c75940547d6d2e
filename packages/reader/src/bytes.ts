/**
 * A pull reader over a stream of byte chunks: the hand-written ar, rpm and cpio parsers ask for
 * exact byte counts and hand file bodies on as chunk streams, without buffering whole archives.
 */

export class ByteReader {
  private chunks: Buffer[] = [];
  /**
   * Bytes of chunks[0] already consumed. Advancing it costs nothing, where re-slicing the chunk
   * made a new Buffer view on every read (a cpio walk reads ~4,000 headers, names and paddings).
   */
  private head = 0;
  /** Unconsumed bytes over all chunks. */
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

  /** Unconsumed bytes of the first chunk. */
  private firstAvailable(): number {
    const first = this.chunks[0];
    return first === undefined ? 0 : first.length - this.head;
  }

  /** Up to n bytes without consuming them (fewer only at end of input). */
  async peek(n: number): Promise<Buffer> {
    await this.fill(n);
    const first = this.chunks[0];
    if (first !== undefined && first.length - this.head >= n) return first.subarray(this.head, this.head + n);
    return Buffer.concat(this.chunks).subarray(this.head, this.head + n);
  }

  /** Up to n bytes, consumed (fewer only at end of input). */
  async read(n: number): Promise<Buffer> {
    const out = Buffer.from(await this.peek(n));
    this.consume(out.length);
    return out;
  }

  /**
   * n bytes, consumed, when the first buffered chunk already holds them (no await: a cpio walk
   * reads ~2,400 headers and names this way); undefined otherwise, then call `read`.
   * A view of the chunk, not a copy.
   */
  readBuffered(n: number): Buffer | undefined {
    if (n === 0) return Buffer.alloc(0);
    if (this.firstAvailable() < n) return undefined;
    const first = this.chunks[0] as Buffer;
    const out = first.subarray(this.head, this.head + n);
    this.consume(n);
    return out;
  }

  /** Consumes n bytes when the first buffered chunk holds them (no await, no view); false otherwise. */
  skipBuffered(n: number): boolean {
    if (n === 0) return true;
    if (this.firstAvailable() < n) return false;
    this.consume(n);
    return true;
  }

  /** Whether the input is exhausted. */
  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.buffered === 0;
  }

  private consume(n: number): void {
    let left = n;
    while (left > 0) {
      const available = this.firstAvailable();
      if (available === 0) break;
      if (available <= left) {
        this.chunks.shift();
        this.head = 0;
        left -= available;
      } else {
        this.head += left;
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
      const k = Math.min(first.length - this.head, left);
      const piece = k === first.length ? first : first.subarray(this.head, this.head + k);
      this.consume(k);
      left -= k;
      yield piece;
    }
  }

  /** Consumes up to n bytes; returns how many there were. */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0) await this.fill(1);
      const k = Math.min(this.firstAvailable(), left);
      if (k === 0) break;
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
      const piece = this.head === 0 ? first : first.subarray(this.head);
      this.head = 0;
      this.buffered -= piece.length;
      this.position += piece.length;
      yield piece;
    }
  }

  /** Stops the underlying source. */
  async close(): Promise<void> {
    this.chunks = [];
    this.head = 0;
    this.buffered = 0;
    await this.it.return?.();
  }
}
