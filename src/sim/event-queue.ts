/**
 * A min-heap of scheduled world events ordered by (time, insertion order).
 * The insertion-order tie-break keeps processing deterministic when two
 * events fall on the same millisecond.
 */
export interface ScheduledEvent {
  at: number;
  seq: number;
  key: string;
  generation: number;
}

export class EventQueue {
  private readonly heap: ScheduledEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, key: string, generation: number): void {
    this.heap.push({ at, seq: this.seq++, key, generation });
    this.siftUp(this.heap.length - 1);
  }

  peek(): ScheduledEvent | undefined {
    return this.heap[0];
  }

  pop(): ScheduledEvent | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private less(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const child = heap[i] as ScheduledEvent;
      const up = heap[parent] as ScheduledEvent;
      if (!this.less(child, up)) break;
      heap[i] = up;
      heap[parent] = child;
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const n = heap.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.less(heap[left] as ScheduledEvent, heap[smallest] as ScheduledEvent)) smallest = left;
      if (right < n && this.less(heap[right] as ScheduledEvent, heap[smallest] as ScheduledEvent)) smallest = right;
      if (smallest === i) return;
      const tmp = heap[i] as ScheduledEvent;
      heap[i] = heap[smallest] as ScheduledEvent;
      heap[smallest] = tmp;
      i = smallest;
    }
  }
}
