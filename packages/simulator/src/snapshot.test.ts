// Snapshots: a simulator started from another's snapshot carries on where it stood (records,
// ids, clock, tokens, payments in progress); a damaged or foreign snapshot is refused; change
// listeners hear every write; a saver keeps a file up to date.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSimulator, type SimulatorSnapshot, SnapshotError } from "./index.ts";
import { readSnapshotFile, saveSnapshotOnChange, startSimulatorServer } from "./node.ts";
import { FROZEN_NOW, TestClient } from "./test-helpers.ts";

const clock = { now: () => FROZEN_NOW };
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serve(state?: SimulatorSnapshot) {
  const server = await startSimulatorServer({ clock, ...(state ? { state } : {}) });
  let open = true;
  const close = async () => {
    if (open) await server.close();
    open = false;
  };
  closers.push(close);
  const client = new TestClient(server.url);
  return { server, client, close };
}

/** The snapshot as it would come back from a file. */
function throughJson(snapshot: SimulatorSnapshot): SimulatorSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as SimulatorSnapshot;
}

describe("snapshot and restore", () => {
  it("a simulator started from a snapshot carries on: records, ids, clock, tokens, payments", async () => {
    const first = await serve();
    first.client.token = first.server.handler.control.issueToken();
    // A mobile-money payment left PROCESSING, a card named by card-provider-info, a moved clock.
    const paid = await first.client.pay({ phone: "231880000000" }, "12.50");
    expect(paid.answer.body.status).toBe("PROCESSING");
    await first.client.get(
      "/v1/predictions/card-provider-info?payment_method_id=pm_card_visa&operation_type=COLLECTION&provider=STRIPE",
    );
    await first.client.advance(30_000);
    const ledgerBefore = await first.client.ledger();
    const snapshot = throughJson(first.server.handler.control.snapshot());
    await first.close();

    const second = await serve(snapshot);
    second.client.token = first.client.token; // the proxy's token is still good
    expect(await second.client.ledger()).toEqual(ledgerBefore);
    expect((await second.client.status(paid.referenceId)).body.status).toBe("PROCESSING");

    // The same execute again is a replay of the same execution, not a second payment.
    const replay = await second.client.execute(
      paid.session.id,
      paid.account.id,
      "USD",
      paid.referenceId,
    );
    expect(replay.status).toBe(200);
    expect(replay.body.reference_id).toBe(paid.referenceId);
    // The card named before the restart binds to the next card account, as before it.
    const card = await second.client.post("/v1/payment-accounts/create?operation_type=COLLECTION", {
      account_name: "Card",
      provider: "STRIPE",
      method: "CREDIT_CARD",
      party_id: paid.source.party_id,
    });
    expect(card.status).toBe(200);

    // The rest of the PROCESSING time (90 s) runs on the restored clock.
    await second.client.advance(60_000);
    expect((await second.client.status(paid.referenceId)).body.status).toBe("COMPLETED");
    const after = await second.client.ledger();
    expect(after.executions).toHaveLength(1);
    expect(after.executions[0]).toMatchObject({ execute_calls: 2, payloads: 1 });
    expect(after.sources[0]).toMatchObject({ status: "PAID" });
    // Ids go on from where they were.
    const next = await second.client.source();
    expect(next.source_id).toBe(paid.source.source_id + 1);
  });

  it("restore replaces the records in place; faults and config stay", async () => {
    const simulator = createSimulator({ clock, processingMs: 5_000 });
    const empty = simulator.control.snapshot();
    simulator.control.createSource({ currency: "USD", items: [{ name: "Tea", amount: "3.00" }] });
    simulator.control.setFaults({ kind: "error_500", count: 1 });
    simulator.control.restore(empty);
    expect(simulator.control.ledger().sources).toEqual([]);
    expect(simulator.control.faults()).toHaveLength(1);
    expect(simulator.control.config().processingMs).toBe(5_000);
  });

  it("a snapshot is plain JSON: bigints, Maps and Sets are tagged", () => {
    const simulator = createSimulator({ clock });
    simulator.control.createSource({ currency: "USD", items: [{ name: "Tea", amount: "3.00" }] });
    const text = JSON.stringify(simulator.control.snapshot());
    expect(text).toContain('"$bigint":"300"');
    expect(text).toContain('"$map"');
    expect(throughJson(simulator.control.snapshot())).toEqual(simulator.control.snapshot());
  });

  it.each([
    ["another format", { format: "other", version: 1, state: {}, tokens: [] }],
    ["another version", { format: "dollr-simulator-state", version: 99, state: {}, tokens: [] }],
    [
      "a damaged field",
      { format: "dollr-simulator-state", version: 1, state: { sources: 3 }, tokens: [] },
    ],
    ["damaged tokens", { format: "dollr-simulator-state", version: 1, state: {}, tokens: [["t"]] }],
    [
      "a damaged bigint",
      {
        format: "dollr-simulator-state",
        version: 1,
        state: { counters: { $bigint: "x" } },
        tokens: [],
      },
    ],
  ])("refuses %s", (_what, snapshot) => {
    expect(() => createSimulator({ state: snapshot as never })).toThrow(SnapshotError);
  });

  it("a snapshot without a newer field starts that field empty", () => {
    const simulator = createSimulator({ clock });
    simulator.control.createSource({ currency: "USD", items: [{ name: "Tea", amount: "3.00" }] });
    const snapshot = throughJson(simulator.control.snapshot());
    delete (snapshot.state as Record<string, unknown>).pendingCards;
    const restored = createSimulator({ clock, state: snapshot });
    expect(restored.control.ledger().sources).toHaveLength(1);
  });
});

describe("change listeners", () => {
  it("hear every request and every writing control call, until removed", async () => {
    const simulator = createSimulator({ clock });
    let heard = 0;
    const stop = simulator.control.onChange(() => {
      heard += 1;
    });
    simulator.control.createSource({ currency: "USD", items: [{ name: "Tea", amount: "3.00" }] });
    simulator.control.advance(1_000);
    simulator.control.issueToken();
    expect(heard).toBe(3);
    await simulator(new Request("http://sim.local/v1/status/collection/x"));
    expect(heard).toBe(4);
    simulator.control.ledger(); // reads are not changes
    expect(heard).toBe(4);
    stop();
    simulator.control.advance(1_000);
    expect(heard).toBe(4);
  });

  it("a listener that throws does not fail the request", async () => {
    const simulator = createSimulator({ clock });
    simulator.control.onChange(() => {
      throw new Error("disk full");
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const answer = await simulator(new Request("http://sim.local/__simulator/clock"));
      expect(answer.status).toBe(200);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });
});

describe("saving to a file", () => {
  let folder = "";
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), "dollr-sim-state-"));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("writes after a change, flushes on close, and reads back; no file is null", async () => {
    const file = path.join(folder, "nested", "simulator.json");
    expect(readSnapshotFile(file)).toBeNull();
    const simulator = createSimulator({ clock });
    const saver = saveSnapshotOnChange(simulator, file, { debounceMs: 10 });
    simulator.control.createSource({ currency: "USD", items: [{ name: "Tea", amount: "3.00" }] });
    for (let waited = 0; readSnapshotFile(file) === null && waited < 5_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(
      createSimulator({
        clock,
        state: readSnapshotFile(file) as SimulatorSnapshot,
      }).control.ledger().sources,
    ).toHaveLength(1);

    simulator.control.advance(5_000);
    saver.close(); // no wait: close writes what changed
    const saved = readSnapshotFile(file) as SimulatorSnapshot;
    expect(createSimulator({ clock, state: saved }).control.now()).toBe(FROZEN_NOW + 5_000);
  });

  it("wraps the snapshot with the caller's fields when asked", () => {
    const file = path.join(folder, "wrapped.json");
    const simulator = createSimulator({ clock });
    const saver = saveSnapshotOnChange(simulator, file, {
      wrap: (snapshot) => ({ instance: "sim-1", simulator: snapshot }),
    });
    simulator.control.advance(1);
    saver.close();
    const saved = JSON.parse(readFileSync(file, "utf8")) as {
      instance: string;
      simulator: unknown;
    };
    expect(saved.instance).toBe("sim-1");
    expect(saved.simulator).toMatchObject({ format: "dollr-simulator-state", version: 1 });
  });

  it("a damaged file is an error, not an empty simulator", () => {
    const file = path.join(folder, "damaged.json");
    writeFileSync(file, "{not json");
    expect(() => readSnapshotFile(file)).toThrow(SyntaxError);
  });
});
