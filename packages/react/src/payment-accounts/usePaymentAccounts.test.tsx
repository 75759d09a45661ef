import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createKitHarness } from "../test/kit-harness.tsx";
import { createKitWrapper } from "../testing/render.tsx";
import { usePaymentAccounts } from "./usePaymentAccounts.ts";

afterEach(cleanup);

describe("usePaymentAccounts", () => {
  it("lists, creates and deletes through the proxy, sharing one cache", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000000", "One");
    // Not in StrictMode: React 18's double mount cancels the first list request and sends another
    // (development only); one request for two hooks is what this test is about.
    const { Wrapper } = createKitWrapper({ client: harness.client, strict: false });
    const { result } = renderHook(() => ({ a: usePaymentAccounts(), b: usePaymentAccounts() }), {
      wrapper: Wrapper,
    });
    expect(result.current.a.status).toBe("loading");
    await waitFor(() => expect(result.current.a.status).toBe("success"));
    expect(result.current.a.accounts.map((account) => account.account_name)).toEqual(["One"]);
    // Two hooks, one request.
    expect(
      harness.calls.filter(
        (call) => call.method === "GET" && call.path === "/kit/payment-accounts",
      ),
    ).toHaveLength(1);

    let created: Awaited<ReturnType<typeof result.current.a.create>> | undefined;
    await act(async () => {
      created = await result.current.a.create({
        type: "MOBILE_MONEY",
        phone: "231770000000",
        account_name: "Two",
      });
    });
    expect(created?.method).toBe("ORANGE_MONEY_LBR");
    await waitFor(() =>
      expect(result.current.b.accounts.map((account) => account.account_name)).toEqual([
        "One",
        "Two",
      ]),
    );

    await act(async () => {
      await result.current.b.remove(created?.id ?? "");
    });
    await waitFor(() =>
      expect(result.current.a.accounts.map((account) => account.account_name)).toEqual(["One"]),
    );
  });

  it("removes optimistically and puts the account back when the proxy refuses", async () => {
    const harness = createKitHarness();
    const account = await harness.addWallet("231880000000", "One");
    const { Wrapper } = createKitWrapper({ client: harness.client, strict: false });
    const { result } = renderHook(() => usePaymentAccounts(), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.accounts).toHaveLength(1));
    harness.failNext(/^\/kit\/payment-accounts\//, 500);
    let failure: unknown;
    await act(async () => {
      const pending = result.current.remove(account.id).catch((error: unknown) => {
        failure = error;
      });
      await Promise.resolve();
      await pending;
    });
    expect(failure).toMatchObject({ code: "SERVER" });
    await waitFor(() => expect(result.current.accounts).toHaveLength(1));
    expect(result.current.removing.error).toBeTruthy();
  });
});
