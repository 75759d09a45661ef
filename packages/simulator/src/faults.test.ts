// Faults over real HTTP: latency, 500, 429 + Retry-After, and lost responses that commit.
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

const EXECUTE = "/v1/executions/collection";
const setFaults = (spec: unknown) => client.post("/__simulator/faults", spec);

/** Everything up to execute, so a test can aim a fault at the execute call alone. */
async function readyToExecute(phone = "231880000000") {
  const source = await client.source();
  const account = await client.mobileMoneyAccount(source.party_id, phone);
  const session = await client.checkoutSession(source.source_id);
  return { source, account, session, referenceId: crypto.randomUUID() };
}

describe("lost_response", () => {
  it("commits the execution, then drops the connection: fetch rejects, the ledger has it", async () => {
    const { account, session, referenceId } = await readyToExecute();
    await setFaults({ kind: "lost_response", count: 1, match: { method: "POST", path: EXECUTE } });
    await expect(client.execute(session.id, account.id, "USD", referenceId)).rejects.toThrow(
      /fetch failed/,
    );

    const ledger = await client.ledger();
    expect(ledger.executions).toHaveLength(1);
    expect(ledger.executions[0]).toMatchObject({
      reference_id: referenceId,
      status: "PROCESSING",
      execute_calls: 1,
    });
    // The kit's recovery: ask status with the same id.
    expect((await client.status(referenceId)).body.status).toBe("PROCESSING");
    // The fault was for one request only: a replay now answers.
    const replay = await client.execute(session.id, account.id, "USD", referenceId);
    expect(replay.status).toBe(200);
    expect((await client.ledger()).executions[0].execute_calls).toBe(2);
  });
});

describe("error_500", () => {
  it("answers 500 without committing", async () => {
    const { account, session, referenceId } = await readyToExecute();
    await setFaults({ kind: "error_500", match: { path: EXECUTE } });
    const answer = await client.execute(session.id, account.id, "USD", referenceId);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ detail: "Internal Server Error" });
    expect((await client.ledger()).executions).toHaveLength(0);
    expect((await client.status(referenceId)).status).toBe(404);
  });

  it("with commit: true answers 500 after committing (an ambiguous failure)", async () => {
    const { account, session, referenceId } = await readyToExecute();
    await setFaults({ kind: "error_500", commit: true, match: { path: EXECUTE } });
    expect((await client.execute(session.id, account.id, "USD", referenceId)).status).toBe(500);
    expect((await client.status(referenceId)).status).toBe(200);
  });
});

describe("rate_limit", () => {
  it("answers 429 with Retry-After for the next N requests, without committing", async () => {
    const { account, session, referenceId } = await readyToExecute();
    await setFaults({
      kind: "rate_limit",
      count: 2,
      retryAfterSeconds: 7,
      match: { pathPrefix: "/v1/executions/" },
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answer = await client.execute(session.id, account.id, "USD", referenceId);
      expect(answer.status).toBe(429);
      expect(answer.headers.get("retry-after")).toBe("7");
      expect(answer.body).toEqual({ detail: "Too Many Requests" });
    }
    expect((await client.ledger()).executions).toHaveLength(0);
    expect((await client.execute(session.id, account.id, "USD", referenceId)).status).toBe(200);
  });
});

describe("latency", () => {
  it("delays matching requests by latencyMs and still answers", async () => {
    await setFaults({ kind: "latency", latencyMs: 150, count: 1, match: { method: "GET" } });
    const started = performance.now();
    const answer = await client.status(crypto.randomUUID());
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(answer.status).toBe(404);
    const quick = performance.now();
    await client.status(crypto.randomUUID());
    expect(performance.now() - quick).toBeLessThan(140);
  });

  it("combines with another fault on the same request", async () => {
    await setFaults({
      faults: [
        { kind: "latency", latencyMs: 100, count: 1 },
        { kind: "error_500", count: 1 },
      ],
    });
    const started = performance.now();
    expect((await client.get("/v1/status/collection/x")).status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });
});

describe("the fault spec", () => {
  it("matches by method, exact path and prefix; never /__simulator", async () => {
    await setFaults({
      faults: [
        { kind: "error_500", count: 5, match: { method: "POST", path: "/v1/sessions/checkout" } },
      ],
    });
    expect((await client.get("/__simulator/ledger")).status).toBe(200);
    expect((await client.status(crypto.randomUUID())).status).toBe(404);
    const source = await client.source();
    const session = await client.post("/v1/sessions/checkout", {
      source_id: source.source_id,
      source_type: "INVOICE",
    });
    expect(session.status).toBe(500);
    const listed = await client.get("/__simulator/faults");
    expect(listed.body.faults[0]).toMatchObject({ kind: "error_500", remaining: 4, fired: 1 });
  });

  it("counts down: a count rule fires N times, then never", async () => {
    await setFaults({ kind: "error_500", count: 3 });
    const statuses = [];
    for (let index = 0; index < 5; index += 1)
      statuses.push((await client.status(crypto.randomUUID())).status);
    expect(statuses).toEqual([500, 500, 500, 404, 404]);
  });

  it("rate draws from a seeded PRNG: the same seed gives the same pattern", async () => {
    async function pattern() {
      await setFaults({ faults: [{ kind: "error_500", rate: 0.5 }], seed: 42 });
      const statuses = [];
      for (let index = 0; index < 40; index += 1)
        statuses.push((await client.status(crypto.randomUUID())).status);
      return statuses;
    }
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });

  it("rate 1 always fires and rate 0 never does", async () => {
    await setFaults({ faults: [{ kind: "rate_limit", rate: 1 }] });
    expect((await client.status(crypto.randomUUID())).status).toBe(429);
    expect((await client.status(crypto.randomUUID())).status).toBe(429);
    await setFaults({ faults: [{ kind: "rate_limit", rate: 0 }] });
    expect((await client.status(crypto.randomUUID())).status).toBe(404);
  });

  it("DELETE, {clear: true}, an empty list and reset all clear the faults", async () => {
    const clearers = [
      () => client.request("DELETE", "/__simulator/faults"),
      () => setFaults({ clear: true }),
      () => setFaults({ faults: [] }),
      () => client.post("/__simulator/reset"),
    ];
    for (const clear of clearers) {
      await setFaults({ kind: "error_500", count: 10 });
      const cleared = await clear();
      expect(cleared.status).toBe(200);
      expect((await client.get("/__simulator/faults")).body.faults).toEqual([]);
      expect((await client.status(crypto.randomUUID())).status).toBe(404);
    }
  });

  it("a POST replaces the active faults", async () => {
    await setFaults({ kind: "error_500", count: 10 });
    await setFaults({ kind: "rate_limit", count: 1 });
    expect((await client.get("/__simulator/faults")).body.faults).toHaveLength(1);
    expect((await client.status(crypto.randomUUID())).status).toBe(429);
    expect((await client.status(crypto.randomUUID())).status).toBe(404);
  });

  it.each([
    [{ kind: "meteor" }, ["body", "kind"]],
    [{ kind: "error_500", count: 0 }, ["body", "count"]],
    [{ kind: "error_500", rate: 1.5 }, ["body", "rate"]],
    [{ kind: "error_500", count: 1, rate: 0.5 }, ["body", "rate"]],
    [{ kind: "error_500", match: { method: "PATCH" } }, ["body", "match", "method"]],
    [{ kind: "latency", latencyMs: -1 }, ["body", "latencyMs"]],
    [{ faults: [{ kind: "error_500", typo: 1 }] }, ["body", "faults", 0, "typo"]],
    [{ clear: false }, ["body", "clear"]],
  ])("refuses %j with 422 at %j", async (spec, loc) => {
    const answer = await setFaults(spec);
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].loc).toEqual(loc);
  });
});
