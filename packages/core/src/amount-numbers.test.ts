// Dollr sends amounts as JSON numbers (`total_amount: 123`, item `amount: 1.01`, executions'
// `payer_amount`) and sometimes as decimal strings: the parsers take both, and a number becomes
// exact minor units through its shortest decimal form, never through float arithmetic.
import { createSimulator } from "@dollr-kit/simulator";
import { describe, expect, it } from "vitest";
import { normaliseAmount, toMinorUnits } from "./money.ts";
import {
  parseAmountAndFeePrediction,
  parseExecutionResponse,
  parsePaymentSourceStatus,
} from "./schemas.ts";

const sourceStatus = {
  source_id: 1001,
  source_type: "INVOICE",
  source_number: "INV-2026-01001",
  status: "ACTIVE",
  currency: "USD",
  paid_at: null,
};

describe("amounts as JSON numbers", () => {
  it.each([
    [1.01, "USD", "1.01", 101n],
    [0.1, "USD", "0.1", 10n],
    [0.29, "USD", "0.29", 29n],
    [25.99, "USD", "25.99", 2599n],
    [2422.5, "LRD", "2422.5", 242250n],
    [123, "USD", "123", 12300n],
    [1000, "RWF", "1000", 1000n],
  ] as const)("%s %s reads as %j, %s minor units", (amount, currency, text, minor) => {
    const parsed = parsePaymentSourceStatus({ ...sourceStatus, currency, total_amount: amount });
    expect(parsed.total_amount).toBe(text);
    expect(toMinorUnits(parsed.total_amount, currency)).toBe(minor);
    // The float product is not exact (0.29 × 100 = 28.999999999999996): the kit never uses it.
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it("takes numbers and decimal strings alike in every amount field", () => {
    const execution = parseExecutionResponse({
      reference_id: "3f6c2a9e-8b1d-4c7e-9a2f-5d4b3c2a1f0e",
      status: "COMPLETED",
      payer_amount: 12.5,
      payer_currency: "USD",
      payee_amount: "12.25",
      payee_currency: "USD",
      operation_type: "COLLECTION",
    });
    expect([execution.payer_amount, execution.payee_amount]).toEqual(["12.5", "12.25"]);
    expect(normaliseAmount(execution.payer_amount, "USD")).toBe("12.50");
    const prediction = parseAmountAndFeePrediction({
      payer_amount: "12.75",
      payer_currency: "USD",
      payee_amount: 12.5,
      payee_currency: "USD",
      platform_fee: 0.25,
      platform_currency: "USD",
    });
    expect([prediction.payee_amount, prediction.platform_fee]).toEqual(["12.5", "0.25"]);
  });

  it("reads the simulator's number totals exactly", async () => {
    const simulator = createSimulator();
    const token = simulator.control.issueToken();
    const source = simulator.control.createSource({
      currency: "USD",
      items: [
        { name: "Tea", amount: "1.01" },
        { name: "Cup", amount: "0.29", qty: 3 },
      ],
    });
    const answer = await simulator(
      new Request(
        `http://simulator.test/v1/status/source?source_type=INVOICE&source_id=${source.source_id}`,
        { headers: { authorization: `Bearer ${token}` } },
      ),
    );
    const json = (await answer.json()) as { total_amount: unknown };
    expect(json.total_amount).toBe(1.88);
    const status = parsePaymentSourceStatus(json);
    expect(toMinorUnits(status.total_amount, status.currency)).toBe(188n);
    expect(normaliseAmount(status.total_amount, status.currency)).toBe(source.total_amount);
  });
});
