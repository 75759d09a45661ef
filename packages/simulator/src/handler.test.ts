// The fetch-handler form, in process: control methods, the injected clock, lost responses as
// thrown LostResponseError, basePath, and the browser-safety of the main entry.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { entryImports } from "../../../scripts/entry-imports.ts";
import { createSimulator, HttpError, LostResponseError, type SimulatorHandler } from "./index.ts";

const BASE = "http://dollr.test";

function call(
  handler: SimulatorHandler,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  return handler(
    new Request(`${BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

function clockAt(start: number) {
  const clock = { at: start, now: () => clock.at };
  return clock;
}

describe("createSimulator (fetch handler)", () => {
  it("runs a whole payment in process, with time from the injected clock", async () => {
    const clock = clockAt(Date.parse("2026-01-01T00:00:00Z"));
    const handler = createSimulator({ clock, processingMs: 10_000, successWord: "SUCCESSFUL" });
    const token = handler.control.issueToken();
    const source = handler.control.createSource({
      currency: "USD",
      items: [{ name: "Tee", amount: "10.00" }],
      fee_bearer: "PAYEE",
    });
    expect(source).toMatchObject({
      source_type: "INVOICE",
      total_amount: "10.00",
      status: "ACTIVE",
    });

    const account = await (
      await call(
        handler,
        "POST",
        "/v1/payment-accounts/create?operation_type=COLLECTION",
        {
          account_name: "W",
          provider: "PAWAPAY",
          method: "MTN_MOMO_LBR",
          party_id: source.party_id,
          insensitive_account_number: "231880000000",
        },
        token,
      )
    ).json();
    const session = await (
      await call(
        handler,
        "POST",
        "/v1/sessions/checkout",
        { source_id: source.source_id, source_type: "INVOICE" },
        token,
      )
    ).json();
    expect(session.expires_at).toBe("2026-01-01T00:15:00.000Z");
    const referenceId = crypto.randomUUID();
    const executed = await call(
      handler,
      "POST",
      "/v1/executions/collection",
      {
        session_id: String(session.id),
        payment_account_id: String(account.id),
        currency: "USD",
        reference_id: referenceId,
      },
      token,
    );
    expect((await executed.json()).status).toBe("PROCESSING");

    // The injected clock moves the simulator too, not only advance().
    clock.at += 10_000;
    const status = await (
      await call(handler, "GET", `/v1/status/collection/${referenceId}`, undefined, token)
    ).json();
    expect(status).toMatchObject({ status: "SUCCESSFUL", payer_amount: 10, payee_amount: 9.8 });
    expect(handler.control.ledger().executions[0]).toMatchObject({
      reference_id: referenceId,
      status: "SUCCESSFUL",
    });
  });

  it("advance moves now; reset returns it to the clock", () => {
    const handler = createSimulator({ clock: clockAt(1_000) });
    expect(handler.control.now()).toBe(1_000);
    expect(handler.control.advance(500)).toBe(1_500);
    expect(handler.control.now()).toBe(1_500);
    handler.control.reset();
    expect(handler.control.now()).toBe(1_000);
    expect(() => handler.control.advance(-1)).toThrow(HttpError);
  });

  it("a lost response commits, then the handler throws LostResponseError", async () => {
    const handler = createSimulator({ clock: clockAt(0) });
    const token = handler.control.issueToken();
    handler.control.setFaults({ kind: "lost_response", match: { path: "/v1/parties/create" } });
    const lost = call(
      handler,
      "POST",
      "/v1/parties/create",
      { fullname: "A", phone: "231880000000" },
      token,
    );
    await expect(lost).rejects.toBeInstanceOf(LostResponseError);
    const retrieved = await call(handler, "GET", "/v1/parties/retrieve/1", undefined, token);
    expect(retrieved.status).toBe(200);
    expect(handler.control.faults()[0]).toMatchObject({ remaining: 0, fired: 1 });
  });

  it("an in-process fetch built on the handler rejects like a dropped connection", async () => {
    const handler = createSimulator();
    const inProcessFetch = (input: string, init?: RequestInit) => handler(new Request(input, init));
    handler.control.setFaults({ kind: "lost_response" });
    await expect(inProcessFetch(`${BASE}/v1/status/collection/x`)).rejects.toThrow(/lost response/);
  });

  it("authenticate, configure and setFaults check their input", () => {
    const handler = createSimulator();
    expect(() => handler.control.authenticate("pi_x_secret_y", "succeeded")).toThrow(
      /client_secret/,
    );
    expect(() => handler.control.authenticate("pi", "maybe" as "failed")).toThrow(HttpError);
    expect(() => handler.control.configure({ successWord: "DONE" as "COMPLETED" })).toThrow(
      HttpError,
    );
    expect(handler.control.configure({ processingMs: 5 })).toMatchObject({ processingMs: 5 });
    expect(handler.control.config().processingMs).toBe(5);
    expect(() => handler.control.setFaults({ kind: "error_500", count: -1 })).toThrow(HttpError);
    expect(() =>
      handler.control.createSource({ currency: "EUR", items: [{ name: "x", amount: 1 }] }),
    ).toThrow(/not supported/);
  });

  it("refuses impossible start options", () => {
    expect(() => createSimulator({ processingMs: -1 })).toThrow(RangeError);
    expect(() => createSimulator({ successWord: "OK" as "COMPLETED" })).toThrow(RangeError);
  });

  it("serves under a basePath and nothing outside it", async () => {
    const handler = createSimulator({ basePath: "/dollr/" });
    expect((await call(handler, "GET", "/dollr/__simulator/ledger")).status).toBe(200);
    expect((await call(handler, "GET", "/__simulator/ledger")).status).toBe(404);
    const token = await call(handler, "POST", "/dollr/v1/jwt/client/obtain/token", {
      client_id: "sim_client_id",
      client_secret: "sim_client_secret",
    });
    expect(token.status).toBe(200);
  });

  it("the control routes answer the same JSON as the control methods", async () => {
    const handler = createSimulator({ clock: clockAt(0) });
    handler.control.createSource({ currency: "RWF", items: [{ name: "x", amount: 100 }] });
    const ledger = await (await call(handler, "GET", "/__simulator/ledger")).json();
    expect(ledger).toEqual(handler.control.ledger());
    expect(ledger.sources[0]).toMatchObject({
      currency: "RWF",
      total_amount: "100",
      status: "ACTIVE",
    });
    const advanced = await (
      await call(handler, "POST", "/__simulator/clock", { advanceMs: 60_000 })
    ).json();
    expect(advanced).toEqual({ now: "1970-01-01T00:01:00.000Z", now_ms: 60_000 });
    const index = await (await call(handler, "GET", "/__simulator")).json();
    expect(index.endpoints).toContain("GET /__simulator/ledger");
  });
});

describe("the browser entry", () => {
  it("imports no Node built-in, directly or through its own modules", () => {
    const { seen, nodeImports } = entryImports(dirname(fileURLToPath(import.meta.url)), "index.ts");
    expect(seen.size).toBeGreaterThan(15);
    expect(nodeImports).toEqual([]);
  });
});
