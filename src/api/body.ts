/**
 * Response bodies, read into reused buffers.
 *
 * A list page is hashed as it arrives and, unless its digest says it is
 * unchanged, read from its bytes (list-page.ts): nothing decodes it whole.
 *
 * Why reused buffers: Node hands each socket read to JavaScript as a new
 * Buffer, allocated with malloc outside the JavaScript heap and freed only
 * when the garbage collector finds it dead. Kept until their page had fully
 * arrived, those chunks often outlived two young-generation collections
 * (other pages were being parsed meanwhile), were promoted and waited for a
 * full collection: with 10,000 pods and 10,000 sandboxes, valgrind's massif
 * found 21 MB of body chunks alive at the peak of the malloc heap. And a
 * joined copy of a large page (a sandbox page is about 800 KB) is a malloc
 * block above glibc's mmap threshold; freeing one makes glibc raise that
 * threshold, after which such blocks come from the process heap, which
 * fragments and does not shrink (the whole process: 270–320 MB resident
 * after a few minutes with joined copies, 250 MB without). Here each chunk
 * is copied at once into a buffer from a small pool and dropped, so it dies
 * young; the buffer goes back to the pool when the body has been read.
 */
import { createHash } from 'node:crypto';

export class Body {
  private buffer: Buffer | undefined;

  constructor(
    buffer: Buffer,
    readonly length: number,
    /** SHA-1 of the bytes: tells an unchanged body from a changed one before anything reads it. */
    readonly digest: string,
  ) {
    this.buffer = buffer;
  }

  /** Lends the bytes to `read`, which must not keep them: after release() the memory holds another body. */
  withBytes<T>(read: (bytes: Buffer) => T): T {
    if (!this.buffer) throw new Error('response body read after release');
    return read(this.buffer.subarray(0, this.length));
  }

  /** The bytes as UTF-8 text, as fetch's `text()` gives it (a byte-order mark dropped, bad bytes replaced). */
  text(): string {
    return this.withBytes((bytes) => utf8.decode(bytes));
  }

  /** Done with the body: its buffer goes back to the pool. Without a call, the garbage collector frees it instead. */
  release(): void {
    if (this.buffer) pool.give(this.buffer);
    this.buffer = undefined;
  }
}

const utf8 = new TextDecoder();

/** Copies a body's chunks into one buffer as they arrive, and hashes them. */
export class BodyReader {
  private buffer: Buffer;
  private readonly sha1 = createHash('sha1');
  bytes = 0;

  /** `expectedBytes`: the Content-Length, when the server sent one. */
  constructor(expectedBytes: number | undefined) {
    this.buffer = pool.take(expectedBytes ?? FIRST_BUFFER_BYTES);
  }

  add(chunk: Buffer): void {
    const needed = this.bytes + chunk.length;
    if (needed > this.buffer.length) {
      const larger = pool.take(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(larger, 0, 0, this.bytes);
      pool.give(this.buffer);
      this.buffer = larger;
    }
    chunk.copy(this.buffer, this.bytes);
    this.bytes = needed;
    this.sha1.update(chunk);
  }

  finish(): Body {
    return new Body(this.buffer, this.bytes, this.sha1.digest('base64'));
  }

  /** The body will not be read (the request failed): its buffer goes back to the pool. */
  discard(): void {
    pool.give(this.buffer);
  }
}

const FIRST_BUFFER_BYTES = 64 * 1024;

/**
 * Free buffers, at most POOL_SIZE of at most POOL_BUFFER_BYTES each: a few
 * pages in flight per list, a sandbox page about 800 KB. A larger (rare, or
 * hostile) body's buffer is let go rather than kept.
 */
const POOL_SIZE = 8;
const POOL_BUFFER_BYTES = 2 * 1024 * 1024;

const pool = {
  free: [] as Buffer[],

  /** The smallest free buffer that holds `bytes`, or a new one. */
  take(bytes: number): Buffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const length = this.free[i]!.length;
      if (length >= bytes && (best < 0 || length < this.free[best]!.length)) best = i;
    }
    if (best >= 0) return this.free.splice(best, 1)[0]!;
    // Not Buffer.allocUnsafe: that slices small buffers from a shared 8 KB slab, which one body would then pin.
    return Buffer.allocUnsafeSlow(Math.max(bytes, 1024));
  },

  give(buffer: Buffer): void {
    if (buffer.length > POOL_BUFFER_BYTES) return;
    if (this.free.length >= POOL_SIZE) {
      // Full: keep the larger buffers, which are the costly ones to make again.
      const smallest = this.free.reduce((at, b, i) => (b.length < this.free[at]!.length ? i : at), 0);
      if (this.free[smallest]!.length >= buffer.length) return;
      this.free.splice(smallest, 1);
    }
    this.free.push(buffer);
  },
};
