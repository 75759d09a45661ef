// The hold fault over real HTTP: a request waits, unanswered, until the test releases it, so a
// state in between can be asserted however busy the machine is.
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

const EXECUTE = "/v1/executions/collection";
const setFaults = (spec: unknown) => client.post("/__simulator/faults", spec);
const held = async () => (await client.get("/__simulator/faults")).body.held as number;

async function readyToExecute() {
  const source = await client.source();
  const account = await client.mobileMoneyAccount(source.party_id, "231880000000");
  const session = await client.checkoutSession(source.source_id);
  return { account, session, referenceId: crypto.randomUUID() };
}

/** Asks until the simulator holds `count` requests: ordering, not a window of time. */
async function untilHeld(count: number) {
  while ((await held()) < count) await new Promise((resolve) => setImmediate(resolve));
}

describe("hold", () => {
  it("keeps the request unanswered and uncommitted until released, then answers it", async () => {
    const { account, session, referenceId } = await readyToExecute();
    await setFaults({ kind: "hold", match: { method: "POST", path: EXECUTE } });
    let answered = false;
    const execute = client.execute(session.id, account.id, "USD", referenceId).then((answer) => {
      answered = true;
      return answer;
    });
    await untilHeld(1);
    expect(answered).toBe(false);
    expect((await client.ledger()).executions).toHaveLength(0);

    expect((await client.post("/__simulator/faults/release")).body).toEqual({ released: 1 });
    expect((await execute).status).toBe(200);
    expect((await client.ledger()).executions).toHaveLength(1);
    expect(await held()).toBe(0);
  });

  it("with commit: true carries the request out first and holds only its answer", async () => {
    const { account, session, referenceId } = await readyToExecute();
    await setFaults({ kind: "hold", commit: true, match: { method: "POST", path: EXECUTE } });
    const execute = client.execute(session.id, account.id, "USD", referenceId);
    await untilHeld(1);
    const ledger = await client.ledger();
    expect(ledger.executions).toHaveLength(1);
    expect(ledger.executions[0]).toMatchObject({ reference_id: referenceId, execute_calls: 1 });
    // Dollr has it: a status read says so while the execute's own answer is still held.
    expect((await client.status(referenceId)).body.status).toBe("PROCESSING");

    await client.post("/__simulator/faults/release");
    expect((await execute).body).toMatchObject({ reference_id: referenceId });
  });

  it("holds as many requests as its count, and the next ones go through", async () => {
    const source = await client.source();
    await setFaults({
      kind: "hold",
      count: 2,
      match: { method: "GET", pathPrefix: "/v1/status/" },
    });
    const first = client.sourceStatus(source.source_id);
    const second = client.sourceStatus(source.source_id);
    await untilHeld(2);
    expect((await client.sourceStatus(source.source_id)).status).toBe(200);
    expect(await held()).toBe(2);
    expect((await client.post("/__simulator/faults/release")).body).toEqual({ released: 2 });
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });

  it("clearing the faults or a reset releases what was held: nothing is stranded", async () => {
    const source = await client.source();
    await setFaults({ kind: "hold", count: 2, match: { pathPrefix: "/v1/status/" } });
    const cleared = client.sourceStatus(source.source_id);
    await untilHeld(1);
    await client.request("DELETE", "/__simulator/faults");
    expect((await cleared).status).toBe(200);

    await setFaults({ kind: "hold", match: { pathPrefix: "/v1/status/" } });
    const reset = client.sourceStatus(source.source_id);
    await untilHeld(1);
    await client.post("/__simulator/reset");
    // The source is gone after the reset, but the held request was answered, not dropped.
    expect((await reset).status).toBeGreaterThanOrEqual(200);
    expect(await held()).toBe(0);
  });

  it("is listed with the other faults and refuses bad specs", async () => {
    const answer = await setFaults({ kind: "hold", count: 1, match: { path: EXECUTE } });
    expect(answer.body).toMatchObject({
      faults: [{ kind: "hold", remaining: 1, fired: 0 }],
      held: 0,
    });
    expect((await setFaults({ kind: "hold", count: 0 })).status).toBe(422);
  });
});
