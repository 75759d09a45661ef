// The payment's realtime key: asked once and shared, refreshed before it expires, and a failed
// refresh keeps the last key (the first failure is the caller's to see).
import type { ProxyRequest, RealtimeKey } from "@dollr-kit/core/internal";
import { describe, expect, it, vi } from "vitest";
import { createKeySource } from "./key-source.ts";

const INPUT = { sessionId: "55", sourceType: "INVOICE", referenceId: "ref-1" } as const;

function keyClient(answers: (() => Promise<RealtimeKey>)[]) {
  // The key is asked through `client.request`; the request's body names the payment.
  const request = vi.fn((_request: ProxyRequest<unknown>) => {
    const next = answers.shift();
    if (!next) throw new Error("no more keys");
    return next();
  });
  return { request: request as typeof request & (<T>(r: ProxyRequest<T>) => Promise<T>) };
}

describe("createKeySource", () => {
  it("asks once for concurrent callers, and reuses the key until shortly before it expires", async () => {
    let now = 0;
    const client = keyClient([
      async () => ({ access_token: "key-1", expires_in: 600 }),
      async () => ({ access_token: "key-2", expires_in: 600 }),
    ]);
    const keys = createKeySource(client, INPUT, () => now);
    expect(await Promise.all([keys.current(), keys.current()])).toEqual(["key-1", "key-1"]);
    expect(client.request).toHaveBeenCalledTimes(1);
    expect(client.request.mock.calls[0]?.[0]).toMatchObject({
      method: "POST",
      path: "/v1/realtime-keys/collection",
      body: { session_id: "55", source_type: "INVOICE", reference_id: "ref-1" },
    });
    now = 539_999;
    expect(await keys.current()).toBe("key-1");
    now = 540_000; // a minute before its 600 s end
    expect(await keys.current()).toBe("key-2");
  });

  it("rejects when the first key fails, and keeps the last key when a refresh fails", async () => {
    let now = 0;
    const refused = new Error("refused");
    const client = keyClient([
      () => Promise.reject(refused),
      async () => ({ access_token: "key-1", expires_in: 60 }),
      () => Promise.reject(refused),
    ]);
    const keys = createKeySource(client, INPUT, () => now);
    await expect(keys.current()).rejects.toBe(refused);
    expect(await keys.current()).toBe("key-1");
    now = 30_000; // half a short key's life
    expect(await keys.current()).toBe("key-1");
    expect(client.request).toHaveBeenCalledTimes(3);
  });
});
