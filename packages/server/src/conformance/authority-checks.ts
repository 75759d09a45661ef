/**
 * The checks of the server-authority rules (CONTRACT.md §2): one payment per source
 * (`SOURCE_BUSY`), a paid source refused up front (`ALREADY_PAID`), refusals decided before
 * anything reached Dollr marked `"ambiguous": false`, and status reads that take the source.
 */
import { describe, field, type ProbeAnswer } from "./probe.ts";
import {
  type Check,
  type CheckContext,
  CheckFailure,
  expectStatus,
  newSession,
  newSource,
  requireExecute,
  requireSimulator,
  UUID,
  wallet,
} from "./support.ts";

function expectCode(answer: ProbeAnswer, code: string, rule: string): void {
  if (field(answer, "code") !== code) {
    throw new CheckFailure(`${rule}: expected code ${code}, got ${describe(answer)}`);
  }
  if (field(answer, "ambiguous") !== false) {
    throw new CheckFailure(`${rule}: expected "ambiguous": false, got ${describe(answer)}`);
  }
}

async function execute(context: CheckContext, sessionId: string, referenceId = UUID()) {
  return context.probe.send({
    method: "POST",
    path: "/v1/executions/collection",
    json: {
      session_id: sessionId,
      payment_account_id: await wallet(context),
      currency: context.fixtures.currency,
      reference_id: referenceId,
    },
  });
}

export const AUTHORITY_CHECKS: readonly Check[] = [
  {
    id: "authority.source-busy",
    title: "A source with a payment in flight gets no second session or execute (409 SOURCE_BUSY)",
    async run(context) {
      requireExecute(context);
      const source = await newSource(context);
      // Two devices open sessions at the same moment; the first pays.
      const first = await newSession(context, source);
      const second = await newSession(context, source);
      const referenceId = UUID();
      const paid = await execute(context, first, referenceId);
      expectStatus(paid, [200, 201, 202], "an execute");
      const session = await context.probe.send({
        method: "POST",
        path: "/v1/sessions/checkout",
        json: source,
      });
      expectStatus(session, [409], "a session for a source with a payment in flight");
      expectCode(session, "SOURCE_BUSY", "a session for a source with a payment in flight");
      if (field(session, "reference_id") !== referenceId) {
        throw new CheckFailure(`SOURCE_BUSY names the attempt in flight: ${describe(session)}`);
      }
      const racing = await execute(context, second);
      expectStatus(racing, [409], "an execute with a new reference_id for a held source");
      expectCode(racing, "SOURCE_BUSY", "an execute with a new reference_id for a held source");
      const followed = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${referenceId}?source_type=${source.source_type}&source_id=${source.source_id}`,
      });
      expectStatus(followed, [200], "the status of the payment in flight, with its source");
    },
  },
  {
    id: "authority.already-paid",
    title: "A paid source gets no new session (409 ALREADY_PAID)",
    async run(context) {
      requireExecute(context);
      const simulator = requireSimulator(context);
      const source = await newSource(context);
      const referenceId = UUID();
      expectStatus(
        await execute(context, await newSession(context, source), referenceId),
        [200, 201, 202],
        "an execute",
      );
      const moved = await simulator.post("/__simulator/clock", { advanceMs: 15 * 60_000 });
      if (moved.status !== 200) throw new CheckFailure("the simulator's clock did not move");
      const final = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${referenceId}`,
      });
      expectStatus(final, [200], "the status of a completed payment");
      const session = await context.probe.send({
        method: "POST",
        path: "/v1/sessions/checkout",
        json: source,
      });
      expectStatus(session, [409], "a session for a paid source");
      expectCode(session, "ALREADY_PAID", "a session for a paid source");
    },
  },
  {
    id: "authority.definite-refusals",
    title: 'Execute refusals decided before forwarding say "ambiguous": false',
    async run(context) {
      const sessionId = context.state.sessionId ?? (await newSession(context));
      const body = {
        session_id: sessionId,
        payment_account_id: await wallet(context),
        currency: context.fixtures.currency,
        reference_id: UUID(),
      };
      const refusals: [string, Record<string, unknown>, number[]][] = [
        ["an unknown field", { ...body, amount: "1.00" }, [422]],
        ["an unknown session", { ...body, session_id: "987654321" }, [422]],
        ["an account that is not the customer's", { ...body, payment_account_id: "x9" }, [403]],
      ];
      for (const [what, json, statuses] of refusals) {
        const answer = await context.probe.send({
          method: "POST",
          path: "/v1/executions/collection",
          json,
        });
        expectStatus(answer, statuses, `an execute with ${what}`);
        if (field(answer, "ambiguous") !== false) {
          throw new CheckFailure(
            `an execute with ${what} says "ambiguous": false: ${describe(answer)}`,
          );
        }
      }
    },
  },
  {
    id: "authority.status-with-source",
    title: "Status takes the source in its query; an id Dollr never saw is 404",
    async run(context) {
      const source = await newSource(context);
      const unknown = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${UUID()}?source_type=${source.source_type}&source_id=${source.source_id}`,
      });
      expectStatus(unknown, [404], "the status of an id Dollr never saw, with a source");
      const half = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${UUID()}?source_type=${source.source_type}`,
      });
      expectStatus(half, [422], "a status query with a source type and no source id");
    },
  },
];
