// The engine's watcher over react-query: the first read waits for its time, a hint (an
// invalidation of the query) brings it forward, and a closed watch reads nothing more.
import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { kitQueryKeys } from "../internal/query-keys.ts";
import { queryStatusWatcher } from "./query-status-watcher.ts";

afterEach(() => {
  vi.useRealTimers();
});

const REFERENCE = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";

function watch(firstDelayMs: number) {
  const queryClient = new QueryClient();
  queryClient.mount();
  const read = vi.fn(async () => ({
    reference_id: REFERENCE,
    status: "PROCESSING",
    client_secret: "pi_1_secret_2",
  }));
  const handle = queryStatusWatcher(queryClient, "test")(
    { referenceId: REFERENCE, read, nextDelay: () => 60_000 },
    firstDelayMs,
  );
  const key = kitQueryKeys.status("test", "collection", REFERENCE);
  return { queryClient, read, handle, key };
}

describe("queryStatusWatcher", () => {
  it("reads first after the delay it was given, and keeps no client_secret in the cache", async () => {
    vi.useFakeTimers();
    const { queryClient, read, handle, key } = watch(2_000);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(read).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toHaveBeenCalledTimes(1);
    expect(queryClient.getQueryData(key)).toMatchObject({ client_secret: null });
    handle.close();
    queryClient.unmount();
  });

  it("a hint (the query invalidated) before the first read is due reads at once", async () => {
    vi.useFakeTimers();
    const { queryClient, read, handle, key } = watch(2_000);
    await queryClient.invalidateQueries({ queryKey: key });
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(1);
    // The planned first read does not add a second one.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(read).toHaveBeenCalledTimes(1);
    handle.close();
    queryClient.unmount();
  });

  it("reads nothing once closed", async () => {
    vi.useFakeTimers();
    const { queryClient, read, handle, key } = watch(2_000);
    handle.close();
    await queryClient.invalidateQueries({ queryKey: key });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(read).not.toHaveBeenCalled();
    queryClient.unmount();
  });
});
