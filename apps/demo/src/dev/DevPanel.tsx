/**
 * The developer panel (simulator mode only): the simulator's test numbers and cards, its clock
 * (skip the PROCESSING wait), faults, the ledger of executions, and a reset. Not part of the
 * shop: a real merchant page has nothing like it.
 */

import type { CreatePaymentAccountBody } from "@dollr-kit/core";
import { formatElapsed, usePaymentAccounts } from "@dollr-kit/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { demoApi, type FaultRule, simulatorApi } from "../api.ts";
import { LOCALE, useKitConfig } from "../kit.tsx";
import { devSettingsStore, useStore } from "../store.ts";

type Say = (message: string) => void;

const PHONES = [
  { value: "231880000000", outcome: "Succeeds after the wait" },
  { value: "231880000001", outcome: "Fails after the wait" },
  { value: "231880000002", outcome: "Never completes" },
  { value: "231880000003", outcome: "Fails at once" },
] as const;

const CARDS = [
  { value: "4242 4242 4242 4242", pm: "pm_card_visa", last4: "4242", outcome: "Succeeds" },
  {
    value: "4000 0000 0000 3220",
    pm: "pm_card_threeDSecure2Required",
    last4: "3220",
    outcome: "Asks for 3D Secure",
  },
  {
    value: "4000 0000 0000 0002",
    pm: "pm_card_chargeDeclined",
    last4: "0002",
    outcome: "Declined",
  },
] as const;

const CAP_OPTIONS = [
  { value: "60000", label: "1 minute" },
  { value: "15000", label: "15 seconds" },
] as const;

const duration = (ms: number) => formatElapsed(ms, LOCALE);

export function DevPanel() {
  const settings = useStore(devSettingsStore);
  const [message, setMessage] = useState("");
  const say: Say = (text) => setMessage(text);
  return (
    <aside className="dev-panel" aria-labelledby="dev-panel-title" lang="en">
      <details
        open={settings.panelOpen}
        onToggle={(event) => {
          const open = event.currentTarget.open;
          devSettingsStore.set((current) =>
            current.panelOpen === open ? current : { ...current, panelOpen: open },
          );
        }}
      >
        <summary>
          <span id="dev-panel-title" className="dev-title">
            Developer panel
          </span>{" "}
          <span className="dev-badge">simulator</span>
        </summary>
        <div className="dev-body">
          <p className="dev-note">
            Not part of the shop. These controls drive the in-process Dollr simulator; with a real
            Dollr account they are gone.
          </p>
          <p className="dev-status" role="status">
            {message}
          </p>
          {settings.panelOpen ? (
            <>
              <TestData say={say} />
              <TimeControls say={say} />
              <FaultControls say={say} />
              <Ledger />
              <ResetControl say={say} />
            </>
          ) : null}
        </div>
      </details>
    </aside>
  );
}

function DevSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="dev-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

// --- test data ---------------------------------------------------------------------------------

function TestData({ say }: { say: Say }) {
  const accounts = usePaymentAccounts({ enabled: false });
  const save = async (body: CreatePaymentAccountBody, label: string): Promise<void> => {
    try {
      await accounts.create(body);
      say(`Saved ${label} to the customer's payment methods.`);
    } catch (error) {
      say(`Could not save ${label}: ${error instanceof Error ? error.message : "error"}`);
    }
  };
  const copy = async (value: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value.replace(/\s/g, ""));
      say(`Copied ${value}.`);
    } catch {
      say(`Could not copy; select ${value} and copy it.`);
    }
  };
  return (
    <DevSection title="Test data">
      <p className="dev-help">
        Type these in the checkout, or save one straight to the customer's payment methods.
      </p>
      <TestList
        title="Mobile money (MTN Liberia)"
        items={PHONES.map(
          (phone): TestItem => ({
            value: phone.value,
            outcome: phone.outcome,
            kind: "wallet",
            body: {
              type: "MOBILE_MONEY",
              phone: phone.value,
              account_name: `Test wallet …${phone.value.slice(-1)}`,
            },
          }),
        )}
        onCopy={copy}
        onSave={save}
      />
      <TestList
        title="Cards (any name)"
        items={CARDS.map(
          (card): TestItem => ({
            value: card.value,
            outcome: card.outcome,
            kind: "card",
            body: {
              type: "CARD",
              payment_method_id: card.pm,
              account_name: `Test card ${card.last4}`,
              last4: card.last4,
            },
          }),
        )}
        onCopy={copy}
        onSave={save}
      />
    </DevSection>
  );
}

interface TestItem {
  value: string;
  outcome: string;
  kind: "wallet" | "card";
  body: CreatePaymentAccountBody;
}

function TestList({
  title,
  items,
  onCopy,
  onSave,
}: {
  title: string;
  items: TestItem[];
  onCopy: (value: string) => void;
  onSave: (body: CreatePaymentAccountBody, label: string) => void;
}) {
  const id = useId();
  return (
    <>
      <h4 id={id} className="dev-subtitle">
        {title}
      </h4>
      <ul className="dev-list" aria-labelledby={id}>
        {items.map((item) => (
          <li key={item.value}>
            <code className="dev-value">{item.value}</code>
            <span className="dev-actions">
              <button type="button" className="dev-button" onClick={() => onCopy(item.value)}>
                Copy<span className="visually-hidden"> {item.value}</span>
              </button>
              <button
                type="button"
                className="dev-button"
                onClick={() => onSave(item.body, `${item.kind} ${item.value}`)}
              >
                Save<span className="visually-hidden"> {`${item.kind} ${item.value}`}</span>
              </button>
            </span>
            <span className="dev-outcome">{item.outcome}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

// --- time ---------------------------------------------------------------------------------------

function TimeControls({ say }: { say: Say }) {
  const settings = useStore(devSettingsStore);
  const selectId = useId();
  const config = useQuery({
    queryKey: ["demo", "simulator-config"],
    queryFn: simulatorApi.config,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const kitConfig = useKitConfig();
  const proxyCapMs = kitConfig.data?.polling.give_up_after_ms ?? null;
  const processingMs = config.data?.processingMs ?? 90_000;
  const sessionMs = config.data?.sessionTtlMs ?? 900_000;
  const advance = useMutation({
    mutationFn: (ms: number) => simulatorApi.advance(ms),
    onSuccess: (_data, ms) =>
      say(
        `Moved the simulator clock forward by ${duration(ms)}. The checkout sees it at its next check.`,
      ),
    onError: (error) => say(`Could not move the clock: ${error.message}`),
  });
  return (
    <DevSection title="Time">
      <p className="dev-help">
        Mobile money waits {duration(processingMs)} in PROCESSING. Move the simulator's clock
        instead of waiting.
      </p>
      <div className="dev-row">
        <button
          type="button"
          className="dev-button"
          data-variant="primary"
          disabled={advance.isPending}
          onClick={() => advance.mutate(processingMs)}
        >
          Skip the wait (+{duration(processingMs)})
        </button>
        <button
          type="button"
          className="dev-button"
          disabled={advance.isPending}
          onClick={() => advance.mutate(sessionMs + 1_000)}
        >
          Expire sessions (+{duration(sessionMs)})
        </button>
      </div>
      <div className="dev-field">
        <label htmlFor={selectId}>The checkout stops checking after</label>
        <select
          id={selectId}
          value={settings.pollCapMs === null ? "" : String(settings.pollCapMs)}
          onChange={(event) => {
            const value = event.target.value;
            devSettingsStore.set((current) => ({
              ...current,
              pollCapMs: value === "" ? null : Number(value),
            }));
            say(
              value === ""
                ? "The checkout waits as long as the proxy says."
                : `The checkout now stops checking after ${duration(Number(value))}.`,
            );
          }}
        >
          <option value="">
            {`As the proxy says${proxyCapMs ? ` (${duration(proxyCapMs)})` : ""}`}
          </option>
          {CAP_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </DevSection>
  );
}

// --- faults -------------------------------------------------------------------------------------

const FAULTS: { label: string; done: string; rules: FaultRule[] }[] = [
  {
    label: "Lose the next payment's answer",
    done: "The next execute reaches Dollr, but its answer is lost.",
    rules: [
      {
        kind: "lost_response",
        count: 1,
        match: { method: "POST", path: "/v1/executions/collection" },
      },
    ],
  },
  {
    label: "Rate-limit the next checkout (429)",
    done: "Dollr answers 429 to the next checkout session.",
    rules: [
      {
        kind: "rate_limit",
        count: 1,
        retryAfterSeconds: 2,
        match: { method: "POST", path: "/v1/sessions/checkout" },
      },
    ],
  },
  {
    label: "Fail the next 3 status checks (500)",
    done: "Dollr answers 500 to the next 3 status checks.",
    rules: [
      {
        kind: "error_500",
        count: 3,
        match: { method: "GET", pathPrefix: "/v1/status/collection/" },
      },
    ],
  },
  {
    label: "Slow Dollr down (3 s, 5 requests)",
    done: "The next 5 requests to Dollr take 3 seconds longer.",
    rules: [{ kind: "latency", count: 5, latencyMs: 3_000 }],
  },
];

function describeRule(rule: FaultRule): string {
  const where = rule.match
    ? ` on ${[rule.match.method, rule.match.path ?? rule.match.pathPrefix].filter(Boolean).join(" ")}`
    : "";
  const left = typeof rule.remaining === "number" ? `, ${rule.remaining} left` : "";
  return `${rule.kind}${where}${left}`;
}

function FaultControls({ say }: { say: Say }) {
  const queryClient = useQueryClient();
  const faults = useQuery({
    queryKey: ["demo", "faults"],
    queryFn: simulatorApi.faults,
    refetchInterval: 2_000,
  });
  const demo = useQuery({ queryKey: ["demo", "state"], queryFn: demoApi.state });
  const offline = demo.data?.proxy_offline === true;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["demo", "faults"] });
    void queryClient.invalidateQueries({ queryKey: ["demo", "state"] });
  };
  const set = useMutation({
    mutationFn: (rules: FaultRule[]) => simulatorApi.setFaults(rules),
    onSettled: refresh,
  });
  const clear = useMutation({ mutationFn: simulatorApi.clearFaults, onSettled: refresh });
  const proxy = useMutation({
    mutationFn: (next: boolean) => demoApi.setProxyOffline(next),
    onSuccess: (answer) =>
      say(
        answer.offline
          ? "The proxy is offline: the checkout's requests to /api/dollr now fail."
          : "The proxy is back online.",
      ),
    onError: (error) => say(`Could not change the proxy: ${error.message}`),
    onSettled: refresh,
  });
  const active = faults.data?.faults.filter((rule) => rule.remaining !== 0) ?? [];
  return (
    <DevSection title="Faults">
      <div className="dev-stack">
        {FAULTS.map((fault) => (
          <button
            key={fault.label}
            type="button"
            className="dev-button"
            onClick={() =>
              set.mutate(fault.rules, {
                onSuccess: () => say(fault.done),
                onError: (error) => say(`Could not set the fault: ${error.message}`),
              })
            }
          >
            {fault.label}
          </button>
        ))}
        <button
          type="button"
          className="dev-button"
          data-variant={offline ? "danger" : undefined}
          aria-pressed={offline}
          onClick={() => proxy.mutate(!offline)}
        >
          Proxy offline
        </button>
      </div>
      <p className="dev-help">
        Active:{" "}
        {active.length === 0 && !offline
          ? "none"
          : [...(offline ? ["proxy offline"] : []), ...active.map(describeRule)].join("; ")}
      </p>
      <button
        type="button"
        className="dev-button"
        onClick={() => {
          clear.mutate(undefined, { onSuccess: () => say("Faults cleared.") });
          if (offline) proxy.mutate(false);
        }}
      >
        Clear faults
      </button>
    </DevSection>
  );
}

// --- ledger -------------------------------------------------------------------------------------

function Ledger() {
  const ledger = useQuery({
    queryKey: ["demo", "ledger"],
    queryFn: simulatorApi.ledger,
    refetchInterval: 2_000,
  });
  const executions = ledger.data?.executions ?? [];
  return (
    <DevSection title="Ledger">
      {executions.length === 0 ? (
        <p className="dev-help">No payments yet.</p>
      ) : (
        // Scrolls on its own when narrower than the table (320 px, 200 % zoom), not the page;
        // focusable so the keyboard can scroll it.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus.
        <section className="dev-table-scroll" aria-labelledby="dev-ledger-caption" tabIndex={0}>
          <table className="dev-table" data-testid="dev-ledger">
            <caption id="dev-ledger-caption">Executions the simulator received</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Sends</th>
              </tr>
            </thead>
            <tbody>
              {executions.map((execution) => (
                <tr key={execution.reference_id}>
                  <td>
                    <code title={execution.reference_id}>{execution.reference_id.slice(0, 8)}</code>
                  </td>
                  <td>
                    {execution.amount} {execution.currency}
                  </td>
                  <td>{execution.status}</td>
                  <td>{execution.execute_calls}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </DevSection>
  );
}

// --- reset --------------------------------------------------------------------------------------

function ResetControl({ say }: { say: Say }) {
  const [busy, setBusy] = useState(false);
  return (
    <DevSection title="Start over">
      <p className="dev-help">
        An empty simulator and database: no orders, payments or saved payment methods. Clears this
        browser's cart and open payments.
      </p>
      <button
        type="button"
        className="dev-button"
        data-variant="danger"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await demoApi.reset();
            for (const key of Object.keys(window.localStorage)) {
              if (
                key.startsWith("dollr-kit:") ||
                key.startsWith("kola:sim-") ||
                key === "kola:cart" ||
                key === "kola:basket"
              ) {
                window.localStorage.removeItem(key);
              }
            }
            window.location.assign("/");
          } catch (error) {
            setBusy(false);
            say(`Could not reset: ${error instanceof Error ? error.message : "error"}`);
          }
        }}
      >
        Reset everything
      </button>
    </DevSection>
  );
}
