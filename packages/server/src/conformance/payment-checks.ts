/**
 * The checks of sessions, executes and status: a source, account or session that is not the
 * customer's is refused, one reference_id makes one payment, a payment's status is only for who
 * may pay its source, and a lost answer from Dollr is `"ambiguous": true`. The order matters:
 * `execute.idempotent` reuses the session `ownership.execute` opened, and `ownership.status`
 * follows the payment `execute.idempotent` made.
 */
import { describe, field } from "./probe.ts";
import {
  type Check,
  CheckFailure,
  expectStatus,
  newSession,
  requireExecute,
  requireSimulator,
  UUID,
  wallet,
  withFault,
} from "./support.ts";

export const PAYMENT_CHECKS: readonly Check[] = [
  {
    id: "ownership.source",
    title: "A session for a source the customer may not pay is refused (403)",
    async run({ probe, fixtures }) {
      const answer = await probe.send({
        method: "POST",
        path: "/v1/sessions/checkout",
        json: fixtures.forbiddenSource,
      });
      expectStatus(answer, [403, 404], "a session for someone else's source");
      const status = await probe.send({
        method: "GET",
        path: `/v1/status/source?source_type=${fixtures.forbiddenSource.source_type}&source_id=${fixtures.forbiddenSource.source_id}`,
      });
      expectStatus(status, [403, 404], "the status of someone else's source");
    },
  },
  {
    id: "ownership.execute",
    title:
      "An execute with an account that is not the customer's is refused (403); another customer's session answers as an unknown one (422)",
    async run(context) {
      const { probe, fixtures } = context;
      const sessionId = await newSession(context);
      context.state.sessionId = sessionId;
      const foreignAccount = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: {
          session_id: sessionId,
          payment_account_id: "999999999",
          currency: fixtures.currency,
          reference_id: UUID(),
        },
      });
      expectStatus(foreignAccount, [403], "an execute with an account that is not the customer's");
      if (!context.hasOther) return;
      const otherWallet = await wallet(context, "other");
      const withOthers = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: {
          session_id: sessionId,
          payment_account_id: otherWallet,
          currency: fixtures.currency,
          reference_id: UUID(),
        },
      });
      expectStatus(withOthers, [403], "an execute with another customer's account");
      const otherOnMine = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: {
          session_id: sessionId,
          payment_account_id: otherWallet,
          currency: fixtures.currency,
          reference_id: UUID(),
        },
        as: "other",
      });
      // Another customer's session answers exactly as an unknown one: no session oracle.
      const unknownSession = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: {
          session_id: "987654321",
          payment_account_id: otherWallet,
          currency: fixtures.currency,
          reference_id: UUID(),
        },
        as: "other",
      });
      expectStatus(otherOnMine, [422], "an execute on another customer's session");
      if (
        otherOnMine.status !== unknownSession.status ||
        JSON.stringify(otherOnMine.json) !== JSON.stringify(unknownSession.json)
      ) {
        throw new CheckFailure(
          `Another customer's session must answer exactly as an unknown one: ${describe(otherOnMine)} vs ${describe(unknownSession)}`,
        );
      }
    },
  },
  {
    id: "execute.idempotent",
    title: "The same reference_id twice makes one payment; with another payload it is refused",
    async run(context) {
      requireExecute(context);
      const { probe, fixtures } = context;
      const accountId = await wallet(context);
      const sessionId = context.state.sessionId ?? (await newSession(context));
      const referenceId = UUID();
      const body = {
        session_id: sessionId,
        payment_account_id: accountId,
        currency: fixtures.currency,
        reference_id: referenceId,
      };
      const first = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: body,
      });
      expectStatus(first, [200, 201, 202], "an execute");
      if (field(first, "reference_id") !== referenceId)
        throw new CheckFailure(`the execution names its reference_id: ${describe(first)}`);
      const again = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: body,
      });
      expectStatus(again, [200, 201, 202], "the same execute again");
      if (field(again, "reference_id") !== referenceId)
        throw new CheckFailure(`the replay answers the same execution: ${describe(again)}`);
      const changed = await probe.send({
        method: "POST",
        path: "/v1/executions/collection",
        json: { ...body, currency: fixtures.currency === "LRD" ? "USD" : "LRD" },
      });
      expectStatus(changed, [409, 422], "the same reference_id with another payload");
      const status = await probe.send({
        method: "GET",
        path: `/v1/status/collection/${referenceId}`,
      });
      expectStatus(status, [200], "the status of the execution");
      context.state.referenceId = referenceId;
      context.state.source = context.state.sessionSources?.[sessionId];
      if (context.simulator) {
        const ledger = await context.simulator.get("/__simulator/ledger");
        const executions = (
          (ledger.json as { executions?: { reference_id: string; payloads: number }[] })
            ?.executions ?? []
        ).filter((e) => e.reference_id === referenceId);
        if (executions.length !== 1)
          throw new CheckFailure(
            `Dollr holds one execution for ${referenceId}, not ${executions.length}`,
          );
      }
    },
  },
  {
    id: "ownership.status",
    title: "Status of a reference_id that is not the customer's answers 404 (or 403)",
    async run(context) {
      const unknown = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${UUID()}`,
      });
      expectStatus(unknown, [404], "the status of an unknown reference_id");
      if (!context.hasOther || !context.state.referenceId || !context.state.source) return;
      const foreign = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${context.state.referenceId}`,
        as: "other",
      });
      // Whoever may pay the source may follow the payment in flight (a second device); anyone
      // else gets the same answer as for an unknown id.
      const { source_type, source_id } = context.state.source;
      const mayPay = await context.probe.send({
        method: "GET",
        path: `/v1/status/source?source_type=${source_type}&source_id=${source_id}`,
        as: "other",
      });
      if (mayPay.status === 200) {
        expectStatus(foreign, [200], "a customer who may pay the source following its payment");
      } else {
        expectStatus(foreign, [403, 404], "another customer reading the status");
      }
    },
  },
  {
    id: "execute.ambiguous",
    title: 'A lost answer from Dollr during an execute answers 502 with "ambiguous": true',
    async run(context) {
      requireExecute(context);
      const simulator = requireSimulator(context);
      const accountId = await wallet(context);
      const sessionId = await newSession(context);
      const referenceId = UUID();
      const lostResponse = {
        kind: "lost_response",
        count: 1,
        match: { method: "POST", path: "/v1/executions/collection" },
      };
      await withFault(simulator, lostResponse, async () => {
        const answer = await context.probe.send({
          method: "POST",
          path: "/v1/executions/collection",
          json: {
            session_id: sessionId,
            payment_account_id: accountId,
            currency: context.fixtures.currency,
            reference_id: referenceId,
          },
        });
        expectStatus(answer, [502], "an execute whose answer was lost");
        if (field(answer, "ambiguous") !== true)
          throw new CheckFailure(`the body says "ambiguous": true: ${describe(answer)}`);
      });
      const status = await context.probe.send({
        method: "GET",
        path: `/v1/status/collection/${referenceId}`,
      });
      expectStatus(status, [200], "the status of the execute whose answer was lost (it landed)");
    },
  },
];
