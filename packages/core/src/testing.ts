/**
 * `@dollr-kit/core/testing`: for tests and stories only. A manual clock (time moves when the test
 * says), memory locks (engines sharing one behave like tabs of one browser) and a memory storage
 * (engines sharing one behave like tabs sharing `localStorage`).
 */
export { createManualClock, type ManualClock } from "./engine/clock.ts";
export { createMemoryLocks } from "./engine/locks.ts";
export { createMemoryStorage, type MemoryStorage } from "./engine/storage.ts";
