/**
 * A Map bounded by generations: entries go into the current generation; when
 * it is full it becomes the previous one and the one before is dropped. A
 * lookup that hits the previous generation moves the entry forward, so what
 * recent frames used survives and the rest ages out.
 */
export class GenerationalMap<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private readonly generationSize: number) {}

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const older = this.previous.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: K, value: V): this {
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
    return this;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
