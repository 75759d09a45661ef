import { cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { kitQueryKeys, PAYMENT_DATA_GC_MS, phoneToken } from "../internal/query-keys.ts";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { PaymentAccountPicker } from "./PaymentAccountPicker.tsx";

afterEach(cleanup);

const PHONE = "231886123456";

describe("PaymentAccountPicker: no phone number in the query cache", () => {
  it("predicts the operator under an opaque key, and keeps no number in the cached answer", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231770000000", "Saved");
    const { queryClient } = renderKit(
      harness,
      <PaymentAccountPicker defaultMode="add-mobile-money" predictDelayMs={0} />,
    );
    await userEvent.type(screen.getByLabelText("Phone number"), "+231 88 612 3456");
    await screen.findByText("Operator: MTN Mobile Money (Liberia)");

    const queries = queryClient.getQueryCache().getAll();
    const keys = JSON.stringify(queries.map((query) => query.queryKey));
    expect(keys).toContain("mmo-provider");
    // No run of the number's digits (its last 6 or more) in any key.
    for (let start = 0; start + 6 <= PHONE.length; start += 1) {
      expect(keys).not.toContain(PHONE.slice(start, start + 6));
    }
    expect(keys).not.toMatch(/\d{6,}/);
    // Nor in the cached prediction.
    const prediction = queries.find((query) => query.queryKey.includes(phoneToken(PHONE)));
    expect(JSON.stringify(prediction?.state.data)).not.toContain("886123456");
    expect(prediction?.state.data).toMatchObject({ payment_method: "MTN_MOMO_LBR" });

    // Payment data leaves the cache soon after nothing shows it.
    const accounts = queries.find((query) => query.queryKey.includes("payment-accounts"));
    expect(accounts?.gcTime).toBe(PAYMENT_DATA_GC_MS);
    expect(prediction?.gcTime).toBe(PAYMENT_DATA_GC_MS);
  });

  it("gives one number one token in a page, so equal lookups still share a query", () => {
    expect(phoneToken(PHONE)).toBe(phoneToken(PHONE));
    expect(phoneToken(PHONE)).not.toBe(phoneToken("231770000000"));
    expect(phoneToken(PHONE)).toMatch(/^phone-[a-z]{16}$/);
    expect(kitQueryKeys.provider("client-1", PHONE)).toEqual(
      kitQueryKeys.provider("client-1", PHONE),
    );
  });
});
