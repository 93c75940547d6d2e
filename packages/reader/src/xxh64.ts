/**
 * Streaming XXH64 (seed 0), the hash a zstd frame's Content_Checksum keeps the low 32 bits of
 * (RFC 8878 §3.1.1). fzstd does not check it, so the library zstd path does (`zstd -t`
 * semantics). 64-bit words are kept as two unsigned 32-bit halves: BigInt arithmetic is an order
 * of magnitude slower, and this runs over every decompressed byte.
 */

// The five XXH64 primes as [high, low] halves.
const P1h = 0x9e3779b1,
  P1l = 0x85ebca87;
const P2h = 0xc2b2ae3d,
  P2l = 0x27d4eb4f;
const P3h = 0x165667b1,
  P3l = 0x9e3779f9;
const P4h = 0x85ebca77,
  P4l = 0xc2b2ae63;
const P5h = 0x27d4eb2f,
  P5l = 0x165667c5;

// Results of the helpers below (no allocation per 8 bytes hashed).
let rh = 0;
let rl = 0;

function mul(ah: number, al: number, bh: number, bl: number): void {
  // mulhu (Hacker's Delight 8-2) on 16-bit pieces: every intermediate stays below 2^32.
  const a0 = al & 0xffff,
    a1 = al >>> 16,
    b0 = bl & 0xffff,
    b1 = bl >>> 16;
  const t = ((a0 * b0) >>> 16) + a1 * b0;
  const u = (t & 0xffff) + a0 * b1;
  rl = Math.imul(al, bl) >>> 0;
  rh = (a1 * b1 + (t >>> 16) + (u >>> 16) + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

function add(ah: number, al: number, bh: number, bl: number): void {
  const lo = al + bl;
  rl = lo >>> 0;
  rh = (ah + bh + (lo > 0xffffffff ? 1 : 0)) >>> 0;
}

/** Rotate left by 1..31. */
function rotl(h: number, l: number, r: number): void {
  rh = ((h << r) | (l >>> (32 - r))) >>> 0;
  rl = ((l << r) | (h >>> (32 - r))) >>> 0;
}

/** round(acc, input) = rotl(acc + input * P2, 31) * P1 */
function round(acch: number, accl: number, ih: number, il: number): void {
  mul(ih, il, P2h, P2l);
  add(acch, accl, rh, rl);
  rotl(rh, rl, 31);
  mul(rh, rl, P1h, P1l);
}

const littleEndianHost = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** data[start, end) as little-endian 32-bit words: a view when aligned on a little-endian host. */
function littleEndianWords(data: Uint8Array, start: number, end: number): Uint32Array {
  const offset = data.byteOffset + start;
  if (littleEndianHost && offset % 4 === 0) return new Uint32Array(data.buffer, offset, (end - start) / 4);
  const words = new Uint32Array((end - start) / 4);
  const view = new DataView(data.buffer, offset, end - start);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, true);
  return words;
}

const P1l0 = P1l & 0xffff,
  P1l1 = P1l >>> 16,
  P2l0 = P2l & 0xffff,
  P2l1 = P2l >>> 16;

/**
 * The bulk loop: `round` over every 32-byte stripe of data[start, end), lane by lane (lanes are
 * independent), with everything inlined into locals — about ten times the speed of calling the
 * helpers above, which matters because this sees every decompressed byte.
 */
function stripes(v: Uint32Array, data: Uint8Array, start: number, end: number): void {
  const w = littleEndianWords(data, start, end);
  for (let lane = 0; lane < 4; lane++) {
    let ah = v[lane * 2] as number;
    let al = v[lane * 2 + 1] as number;
    for (let i = lane * 2; i < w.length; i += 8) {
      const il = w[i] as number;
      const ih = w[i + 1] as number;
      // m = input * P2 (mulhu on 16-bit pieces for the high word of il * P2l)
      let a0 = il & 0xffff;
      let a1 = il >>> 16;
      let t = ((a0 * P2l0) >>> 16) + a1 * P2l0;
      let u = (t & 0xffff) + a0 * P2l1;
      const ml = Math.imul(il, P2l) >>> 0;
      const mh = (a1 * P2l1 + (t >>> 16) + (u >>> 16) + Math.imul(ih, P2l) + Math.imul(il, P2h)) >>> 0;
      // s = acc + m
      const sum = al + ml;
      const sl = sum >>> 0;
      const sh = (ah + mh + (sum > 0xffffffff ? 1 : 0)) >>> 0;
      // r = rotl(s, 31)
      const rh = ((sh << 31) | (sl >>> 1)) >>> 0;
      const rl = ((sl << 31) | (sh >>> 1)) >>> 0;
      // acc = r * P1
      a0 = rl & 0xffff;
      a1 = rl >>> 16;
      t = ((a0 * P1l0) >>> 16) + a1 * P1l0;
      u = (t & 0xffff) + a0 * P1l1;
      al = Math.imul(rl, P1l) >>> 0;
      ah = (a1 * P1l1 + (t >>> 16) + (u >>> 16) + Math.imul(rh, P1l) + Math.imul(rl, P1h)) >>> 0;
    }
    v[lane * 2] = ah;
    v[lane * 2 + 1] = al;
  }
}

export class Xxh64 {
  // Lanes v1..v4 as [h, l] pairs.
  private readonly v = new Uint32Array([0, 0, 0, 0, 0, 0, 0, 0]);
  private readonly pending = new Uint8Array(32);
  private pendingLength = 0;
  private total = 0;

  constructor() {
    add(P1h, P1l, P2h, P2l);
    this.v.set([rh, rl, P2h, P2l, 0, 0, ~P1h >>> 0, (~P1l + 1) >>> 0]);
    // v4 = 0 - P1: two's complement of P1 (P1's low half is non-zero, so no borrow into high).
  }

  update(data: Uint8Array): void {
    this.total += data.length;
    let at = 0;
    if (this.pendingLength > 0) {
      const take = Math.min(32 - this.pendingLength, data.length);
      this.pending.set(data.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      at = take;
      if (this.pendingLength < 32) return;
      stripes(this.v, this.pending, 0, 32);
      this.pendingLength = 0;
    }
    const whole = at + Math.floor((data.length - at) / 32) * 32;
    if (whole > at) stripes(this.v, data, at, whole);
    this.pending.set(data.subarray(whole), 0);
    this.pendingLength = data.length - whole;
  }

  /** The low 32 bits of the digest, as zstd stores them. */
  digestLow32(): number {
    let hh: number, hl: number;
    const v = this.v;
    if (this.total >= 32) {
      rotl(v[0] as number, v[1] as number, 1);
      let sh = rh,
        sl = rl;
      for (const [lane, r] of [
        [1, 7],
        [2, 12],
        [3, 18],
      ] as const) {
        rotl(v[lane * 2] as number, v[lane * 2 + 1] as number, r);
        add(sh, sl, rh, rl);
        sh = rh;
        sl = rl;
      }
      for (let lane = 0; lane < 4; lane++) {
        round(0, 0, v[lane * 2] as number, v[lane * 2 + 1] as number);
        mul((sh ^ rh) >>> 0, (sl ^ rl) >>> 0, P1h, P1l);
        add(rh, rl, P4h, P4l);
        sh = rh;
        sl = rl;
      }
      hh = sh;
      hl = sl;
    } else {
      hh = P5h;
      hl = P5l;
    }
    add(hh, hl, Math.floor(this.total / 0x100000000) >>> 0, this.total >>> 0);
    hh = rh;
    hl = rl;
    const p = Buffer.from(this.pending.buffer, this.pending.byteOffset, this.pendingLength);
    let at = 0;
    for (; at + 8 <= this.pendingLength; at += 8) {
      round(0, 0, p.readUInt32LE(at + 4), p.readUInt32LE(at));
      rotl((hh ^ rh) >>> 0, (hl ^ rl) >>> 0, 27);
      mul(rh, rl, P1h, P1l);
      add(rh, rl, P4h, P4l);
      hh = rh;
      hl = rl;
    }
    if (at + 4 <= this.pendingLength) {
      mul(0, p.readUInt32LE(at), P1h, P1l);
      rotl((hh ^ rh) >>> 0, (hl ^ rl) >>> 0, 23);
      mul(rh, rl, P2h, P2l);
      add(rh, rl, P3h, P3l);
      hh = rh;
      hl = rl;
      at += 4;
    }
    for (; at < this.pendingLength; at++) {
      mul(0, p[at] as number, P5h, P5l);
      rotl((hh ^ rh) >>> 0, (hl ^ rl) >>> 0, 11);
      mul(rh, rl, P1h, P1l);
      hh = rh;
      hl = rl;
    }
    // Avalanche: h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32.
    hl = (hl ^ (hh >>> 1)) >>> 0;
    mul(hh, hl, P2h, P2l);
    hh = rh;
    hl = (rl ^ ((rl >>> 29) | (rh << 3))) >>> 0;
    hh = (hh ^ (hh >>> 29)) >>> 0;
    mul(hh, hl, P3h, P3l);
    return (rl ^ rh) >>> 0;
  }
}
