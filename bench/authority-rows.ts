/**
 * The table rows of the authority part of `pnpm bench` (bench/run.ts), from bench/authority.ts's
 * result: the database round trips on the proxy's hot path, the reconciler on each database, and
 * the proxy's latency by store.
 */
import type { AuthorityResult } from "./authority.ts";
import { pass, type Row } from "./rows.ts";

export function authorityRows(authority: AuthorityResult): Row[] {
  const rows: Row[] = [];
  const named = { pglite: "PGlite", postgres: "PostgreSQL" } as const;
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const noPostgres = authority.postgresError
    ? `; PostgreSQL not measured: ${authority.postgresError.split("\n")[0]}`
    : "";
  const trips = authority.roundTrips;
  const byDb = (pick: (r: (typeof trips)[number]) => string) =>
    trips.map((r) => `${named[r.database]} ${pick(r)}`).join(", ") + noPostgres;
  const tripsArea = "Server authority: database round trips (proxy hot path)";
  const [firstTrips] = trips;
  const stepOf = (r: (typeof trips)[number], name: string) => r.steps.find((s) => s.step === name);
  const executeCalls = firstTrips
    ? stepOf(firstTrips, "execute")
        ?.calls.map((call) => call.replace(/×1$/, ""))
        .join(", ")
    : "";
  rows.push([
    tripsArea,
    "per execute",
    `${byDb((r) => String(r.perExecute))} (${executeCalls})`,
    "",
    "≤ 2",
    pass(trips.length > 0 && trips.every((r) => r.perExecute <= 2)),
  ]);
  rows.push([
    tripsArea,
    "per unchanged status poll (PROCESSING, the instance that saw the execute)",
    `${byDb((r) => String(r.perUnchangedPoll))} (${firstTrips?.unchangedPolls ?? 0} polls each; the 1st poll after the execute: ${byDb((r) => String(r.firstPoll))})`,
    "",
    "0",
    pass(trips.length > 0 && trips.every((r) => r.perUnchangedPoll === 0 && r.firstPoll === 0)),
  ]);
  const others: [string, string][] = [
    ["save a wallet", "wallet"],
    ["open a session", "session"],
    ["poll on a 2nd instance, 1st time (PROCESSING)", "1st poll on a 2nd instance"],
    ["poll on a 2nd instance, 2nd time (PROCESSING)", "its 2nd poll"],
    ["poll that sees COMPLETED", "the poll that sees COMPLETED"],
    ["poll after COMPLETED", "the next"],
    ["poll after COMPLETED, 2nd instance", "2nd instance's 1st poll after COMPLETED"],
    ["poll after COMPLETED, 2nd instance, again", "its next"],
  ];
  rows.push([
    tripsArea,
    `other steps: ${others.map(([, label]) => label).join(" / ")}`,
    trips
      .map(
        (r) =>
          `${named[r.database]} ${others.map(([name]) => stepOf(r, name)?.roundTrips ?? "?").join(" / ")}`,
      )
      .join(", "),
    "",
    "",
    "",
  ]);
  for (const r of authority.reconciler) {
    const area = `Reconciler: ${r.attempts.toLocaleString("en-US")} unsettled attempts, all final at Dollr, ${r.requestsPerSecond} req/s cap`;
    rows.push([
      area,
      `${named[r.database]}: simulated time to settle all; Dollr requests`,
      `${r.simulatedSeconds} s (at most ${r.maxReadsPerSimulatedSecond} reads in any simulated second); ${r.dollrRequests.toLocaleString("en-US")} requests (${r.statusReads.toLocaleString("en-US")} status reads + ${r.dollrRequests - r.statusReads} token)`,
      `cap: ${r.attempts / r.requestsPerSecond} s`,
      "1 read per attempt",
      pass(r.statusReads === r.attempts),
    ]);
    rows.push([
      area,
      `${named[r.database]}: attempts told onSettled exactly once`,
      `${r.settledOnce.toLocaleString("en-US")} (twice or more: ${r.settledTwiceOrMore}, never: ${r.neverSettled}; stored succeeded + notified: ${r.storedSucceededNotified.toLocaleString("en-US")})`,
      "",
      "every one, once",
      pass(r.settledOnce === r.attempts && r.storedSucceededNotified === r.attempts),
    ]);
    rows.push([
      area,
      `${named[r.database]}: the reconciler's wall / CPU time; database round trips`,
      `${secs(r.wallMs)} / ${secs(r.cpuMs)}${r.database === "pglite" ? " (PGlite runs in this process)" : ""}${r.serverCpuMs !== null ? ` + server ${secs(r.serverCpuMs)}` : ""}; ${r.roundTripsPerAttempt} per attempt`,
      "",
      "",
      "",
    ]);
  }
  if (authority.postgresError) {
    rows.push([
      "Reconciler",
      "PostgreSQL",
      `not measured: ${authority.postgresError.split("\n")[0]}`,
      "",
      "",
      "",
    ]);
  }
  const lat = authority.latency;
  const latArea = `Proxy latency by store (${lat.perTarget.toLocaleString("en-US")} sequential requests each, loopback)`;
  const storeNames: Record<string, string> = { memory: "memory", ...named };
  const stores = Object.keys(lat.addedP50Ms);
  const target = (name: string) => lat.targets[name];
  // A refused or failed request is not a latency: any of them makes the row's figures void.
  const failed = Object.entries(lat.targets).filter(([, t]) => t.errors > 0);
  rows.push([
    latArea,
    "GET /v1/status/collection/{id} (unchanged poll), p50 / p99",
    stores
      .map((name) => `${storeNames[name]} ${target(name)?.p50Ms} / ${target(name)?.p99Ms} ms`)
      .join(", "),
    `direct ${target("direct")?.p50Ms} / ${target("direct")?.p99Ms} ms`,
    "every request answered PROCESSING",
    failed.length === 0
      ? pass(true)
      : `${pass(false)} ${failed.map(([name, t]) => `${storeNames[name] ?? name}: ${t.errors} not answered`).join(", ")}`,
  ]);
  rows.push([
    latArea,
    "added at p50 (proxy − direct)",
    stores
      .filter((name) => name !== "memory")
      .map((name) => `${storeNames[name]} +${lat.addedP50Ms[name]} ms`)
      .join(", ") + noPostgres,
    `memory store +${lat.addedP50Ms.memory} ms`,
    "",
    "",
  ]);
  return rows;
}
