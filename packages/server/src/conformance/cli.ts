/**
 * `dollr-proxy-conformance`: runs the conformance suite against a proxy URL.
 *
 *   pnpm --filter @dollr-kit/server conformance -- --url http://127.0.0.1:4020/api/dollr \
 *     --other-header "Authorization: Bearer demo-2" --unauthenticated-header "Authorization: Bearer nobody"
 *
 * Exit code 0 when every check passed (skips allowed unless --strict), 1 otherwise, 2 on bad usage.
 */
import { parseArgs } from "node:util";
import type { SourceRef } from "@dollr-kit/core/internal";
import { type ConformanceOptions, type ConformanceResult, runConformance } from "./index.ts";

const USAGE = `Usage: dollr-proxy-conformance --url <proxy base URL> [options]

  --url <url>                      the proxy's base URL, e.g. http://127.0.0.1:4020/api/dollr
  --header "Name: value"           signs in the test customer (repeatable)
  --other-header "Name: value"     signs in a second customer: enables cross-customer checks
  --unauthenticated-header "N: v"  a request that is not signed in (default: no headers)
  --simulator-url <url>            where /__simulator is (default: the proxy's origin; "none" to not look)
  --source TYPE:ID                 a source the customer may pay (when not in front of the simulator)
  --forbidden-source TYPE:ID       a source the customer may not pay (default INVOICE:2147483000)
  --phone <digits>                 a mobile-money number to save (default 231880000000)
  --card <pm_…>                    a Stripe test PaymentMethod (default pm_card_visa)
  --currency <ISO>                 the currency to execute in (default USD)
  --allow-execute                  execute payments without the simulator (staging only!)
  --payouts-enabled                the proxy has payout routes on
  --public-origin <origin>         the shop's public origin, e.g. https://shop.example: checks that
                                   a request for another Host is refused
  --forbid <text>                  a string no answer may contain, e.g. your client secret (repeatable)
  --only <check-id>                run only this check (repeatable)
  --json                           print the report as JSON
  --strict                         fail when a check was skipped
`;

function headerRecord(
  values: string[] | undefined,
  flag: string,
): Record<string, string> | undefined {
  if (!values) return undefined;
  const headers: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf(":");
    if (at <= 0) throw new Error(`${flag} takes "Name: value", got "${value}"`);
    headers[value.slice(0, at).trim().toLowerCase()] = value.slice(at + 1).trim();
  }
  return headers;
}

function sourceRef(value: string | undefined, flag: string): SourceRef | undefined {
  if (value === undefined) return undefined;
  const match = /^(INVOICE|ORDER):([1-9]\d*)$/.exec(value);
  if (!match) throw new Error(`${flag} takes INVOICE:<id> or ORDER:<id>, got "${value}"`);
  return { source_type: match[1] as SourceRef["source_type"], source_id: Number(match[2]) };
}

function line(result: ConformanceResult): string {
  const mark = result.status === "pass" ? "✓" : result.status === "fail" ? "✗" : "–";
  const detail = result.detail ? `\n    ${result.detail}` : "";
  return `${mark} ${result.id}: ${result.title}${detail}`;
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help || !values.url) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  let options: ConformanceOptions;
  try {
    const fixtures = {
      ...(values.source ? { source: sourceRef(values.source, "--source") } : {}),
      ...(values["forbidden-source"]
        ? { forbiddenSource: sourceRef(values["forbidden-source"], "--forbidden-source") }
        : {}),
      ...(values.phone ? { phone: values.phone } : {}),
      ...(values.card ? { cardPaymentMethodId: values.card } : {}),
      ...(values.currency ? { currency: values.currency } : {}),
    };
    options = {
      url: values.url,
      headers: headerRecord(values.header, "--header"),
      otherHeaders: headerRecord(values["other-header"], "--other-header"),
      unauthenticatedHeaders: headerRecord(
        values["unauthenticated-header"],
        "--unauthenticated-header",
      ),
      simulatorUrl: values["simulator-url"] === "none" ? null : values["simulator-url"],
      fixtures,
      allowExecute: values["allow-execute"] === true,
      payoutsEnabled: values["payouts-enabled"] === true,
      ...(values["public-origin"] ? { publicOrigin: values["public-origin"] } : {}),
      forbiddenStrings: values.forbid ?? [],
      only: values.only,
      onResult: values.json ? undefined : (result) => console.log(line(result)),
    } as ConformanceOptions;
    new URL(values.url);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const report = await runConformance(options);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(
      `\n${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped` +
        (report.simulator ? " (in front of the simulator)" : ""),
    );
  }
  return report.ok && !(values.strict && report.skipped > 0) ? 0 : 1;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: {
      url: { type: "string" },
      header: { type: "string", multiple: true },
      "other-header": { type: "string", multiple: true },
      "unauthenticated-header": { type: "string", multiple: true },
      "simulator-url": { type: "string" },
      source: { type: "string" },
      "forbidden-source": { type: "string" },
      phone: { type: "string" },
      card: { type: "string" },
      currency: { type: "string" },
      "allow-execute": { type: "boolean" },
      "payouts-enabled": { type: "boolean" },
      "public-origin": { type: "string" },
      forbid: { type: "string", multiple: true },
      only: { type: "string", multiple: true },
      json: { type: "boolean" },
      strict: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
}

process.exitCode = await main(process.argv.slice(2));
