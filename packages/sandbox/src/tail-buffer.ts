// Keeps only the last `capacity` bytes of a stream, so a job that floods its output can never
// make the host buffer more than the cap.
export class TailBuffer {
  private readonly buf: Buffer;
  private start = 0;
  private length = 0;
  /** Every byte ever written, including those dropped. */
  totalBytes = 0;

  constructor(readonly capacity: number) {
    this.buf = Buffer.alloc(Math.max(0, capacity));
  }

  write(chunk: Buffer): void {
    this.totalBytes += chunk.length;
    const cap = this.capacity;
    if (cap === 0) return;
    if (chunk.length >= cap) {
      chunk.copy(this.buf, 0, chunk.length - cap);
      this.start = 0;
      this.length = cap;
      return;
    }
    const end = (this.start + this.length) % cap;
    const first = Math.min(chunk.length, cap - end);
    chunk.copy(this.buf, end, 0, first);
    if (first < chunk.length) chunk.copy(this.buf, 0, first);
    const overflow = this.length + chunk.length - cap;
    if (overflow > 0) {
      this.start = (this.start + overflow) % cap;
      this.length = cap;
    } else {
      this.length += chunk.length;
    }
  }

  get truncated(): boolean {
    return this.totalBytes > this.length;
  }

  toString(): string {
    const cap = this.capacity;
    const first = this.buf.subarray(this.start, Math.min(cap, this.start + this.length));
    const rest = this.buf.subarray(0, this.length - first.length);
    let bytes = Buffer.concat([first, rest]);
    // A cut tail may start inside a multi-byte UTF-8 character; drop its continuation bytes.
    if (this.truncated) {
      let i = 0;
      while (i < bytes.length && i < 4 && (bytes[i]! & 0xc0) === 0x80) i++;
      bytes = bytes.subarray(i);
    }
    return bytes.toString('utf8');
  }
}
