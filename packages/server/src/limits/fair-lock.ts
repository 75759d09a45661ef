/**
 * A lock per key with a bounded queue and a bounded wait: tasks of one key run one at a time,
 * tasks of different keys never wait on each other. A key with `maxQueue` tasks already waiting
 * refuses the next at once, and a task that waited `maxWaitMs` without its turn gives up; both
 * throw `LockBusyError` (the proxy answers 429 with `Retry-After`).
 */

/** Why a task did not run. */
export class LockBusyError extends Error {
  override readonly name = "LockBusyError";
  constructor(readonly reason: "queue-full" | "timeout") {
    super(reason === "queue-full" ? "Too many tasks waiting for this lock" : "Waited too long");
  }
}

/** Limits of a `fairLock`. */
export interface FairLockOptions {
  /** Tasks that may wait per key, besides the one running (default 2). */
  maxQueue: number;
  /** How long a task may wait for its turn, in ms (default 30 s). */
  maxWaitMs: number;
}

/** Runs `task` when the key is free (see the module's comment). */
export type FairLock = <T>(key: string, task: () => Promise<T>) => Promise<T>;

interface Waiter {
  start(): void;
}

export function fairLock(options: FairLockOptions): FairLock {
  const queues = new Map<string, { running: boolean; waiting: Waiter[] }>();
  const next = (key: string) => {
    const queue = queues.get(key);
    if (!queue) return;
    const waiter = queue.waiting.shift();
    if (waiter) waiter.start();
    else queues.delete(key);
  };
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    let queue = queues.get(key);
    if (!queue) {
      queue = { running: false, waiting: [] };
      queues.set(key, queue);
    }
    const run = async (): Promise<T> => {
      try {
        return await task();
      } finally {
        next(key);
      }
    };
    if (!queue.running) {
      queue.running = true;
      return run();
    }
    if (queue.waiting.length >= options.maxQueue) {
      return Promise.reject(new LockBusyError("queue-full"));
    }
    const current = queue;
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        start() {
          clearTimeout(timer);
          run().then(resolve, reject);
        },
      };
      const timer = setTimeout(() => {
        const index = current.waiting.indexOf(waiter);
        if (index !== -1) current.waiting.splice(index, 1);
        reject(new LockBusyError("timeout"));
      }, options.maxWaitMs);
      current.waiting.push(waiter);
    });
  };
}
