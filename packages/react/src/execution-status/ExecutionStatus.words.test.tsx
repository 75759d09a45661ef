import { act, cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTranslator } from "../messages.ts";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { describeExecutionStatus } from "./describe.ts";
import { ExecutionStatus } from "./ExecutionStatus.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const HOSTILE = `<img src=x onerror=alert(1)> (HTTP 500) ${"x".repeat(2_000)}`;
const t = createTranslator();
const statusRoot = () => document.querySelector<HTMLElement>('[data-slot="execution-status"]');

/** A status answer from a server that says whatever it likes. */
function answer(status: string, gatewayMessage: string | null) {
  return {
    reference_id: crypto.randomUUID(),
    status,
    payer_amount: "12.50",
    payer_currency: "USD",
    payee_amount: "12.50",
    payee_currency: "USD",
    operation_type: "COLLECTION",
    provider_transaction_id: null,
    gateway_message: gatewayMessage,
    wallet_message: null,
    client_secret: null,
    requires_action: null,
  };
}

const base = {
  raw: null,
  reason: null,
  kind: "MOBILE_MONEY" as const,
  elapsedMs: 0,
  longWaitAfterMs: 30_000,
  connectionProblem: false,
  locale: "en-US",
};

describe("ExecutionStatus: only plain words reach the page", () => {
  it("reads Dollr's reason for known words and says what to do", () => {
    const model = describeExecutionStatus(
      {
        ...base,
        phase: "failed",
        raw: "FAILED",
        reason: "The payer's wallet has insufficient funds",
      },
      t,
    );
    expect(model.reason).toBe("Reason: There isn't enough money in your wallet or account.");
    expect(model.hint).toBe("Top up, then try again, or use another payment method.");
    expect(model.announcement).toBe(
      "The payment didn't go through. Reason: There isn't enough money in your wallet or account. Top up, then try again, or use another payment method.",
    );
  });

  it("shows general words for a reason it does not know, and none when there is no reason", () => {
    const hostile = describeExecutionStatus({ ...base, phase: "failed", reason: HOSTILE }, t);
    expect(hostile.reason).toBe("Reason: Your bank or operator didn't say why.");
    expect(JSON.stringify(hostile)).not.toMatch(/img|HTTP|xxxx/);
    const silent = describeExecutionStatus({ ...base, phase: "failed", reason: null }, t);
    expect(silent.reason).toBeNull();
    expect(silent.hint).toBeNull();
  });

  it("shows an unknown status word only when it looks like one", () => {
    const word = describeExecutionStatus(
      { ...base, kind: undefined, phase: "unknown", raw: "ON_HOLD" },
      t,
    );
    expect(word.message).toBe("The payment is in progress (ON_HOLD).");
    const junk = describeExecutionStatus(
      { ...base, kind: undefined, phase: "unknown", raw: HOSTILE },
      t,
    );
    expect(junk.message).toBe("Waiting for the payment to be confirmed…");
  });

  it("never renders a hostile server's status word or reason", async () => {
    const harness = createKitHarness();
    harness.answerNext(/^\/v1\/status\/collection\//, 200, answer("<b>WEIRD</b>", null));
    harness.answerNext(/^\/v1\/status\/collection\//, 200, answer("FAILED", HOSTILE));
    vi.useFakeTimers();
    renderKit(harness, <ExecutionStatus referenceId={crypto.randomUUID()} kind="CARD" />);
    await act(() => vi.advanceTimersByTimeAsync(50));
    expect(statusRoot()?.dataset.state).toBe("unknown");
    expect(document.body.textContent).not.toMatch(/WEIRD|<b>/);
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    expect(statusRoot()?.dataset.state).toBe("failed");
    expect(screen.getByText("Reason: Your bank or operator didn't say why.")).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/img|onerror|HTTP|xxxx/);
    expect(document.querySelector("img")).toBeNull();
  });
});
