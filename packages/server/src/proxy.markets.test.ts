// The merchant's mobile-money markets (`mobileMoneyCountries`): told to the kit in /kit/config,
// and held by the proxy, which refuses another country's number before Dollr is asked.

import { parseKitConfig } from "@dollr-kit/core/internal";
import { createDollrProxy, type DollrCustomer } from "@dollr-kit/server";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, PHONES, startHarness } from "./test-support.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("mobileMoneyCountries", () => {
  it("defaults to every market Dollr collects in, and says so in /kit/config", async () => {
    h = await startHarness();
    const config = parseKitConfig((await h.call("GET", "/kit/config", { as: null })).json);
    expect(config.mobile_money_countries).toEqual(["LR", "RW"]);
  });

  it("refuses a number of a country the merchant does not take, before Dollr is asked", async () => {
    h = await startHarness({ proxy: { mobileMoneyCountries: ["RW"] } });
    const config = parseKitConfig((await h.call("GET", "/kit/config", { as: null })).json);
    expect(config.mobile_money_countries).toEqual(["RW"]);
    const before = h.apiCalls().length;
    const refused = await h.call("POST", "/kit/payment-accounts", {
      json: { type: "MOBILE_MONEY", phone: PHONES.succeeds, account_name: "Ama" },
    });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({
      detail: [{ loc: ["body", "phone"], msg: "Mobile money numbers of RW only" }],
    });
    // Nothing reached Dollr, and the number is not echoed.
    expect(h.apiCalls().length).toBe(before);
    expect(refused.text).not.toContain(PHONES.succeeds);

    const rwandan = await h.call("POST", "/kit/payment-accounts", {
      json: { type: "MOBILE_MONEY", phone: "250781234560", account_name: "Ama" },
    });
    expect(rwandan.status).not.toBe(422);
  });

  it("refuses a setting that names no market the kit knows", () => {
    const build = (mobileMoneyCountries: string[]) =>
      createDollrProxy<DollrCustomer>({
        dollr: { baseUrl: "http://dollr.test", clientId: "id", clientSecret: "secret" },
        resolveCustomer: () => null,
        authorizeSource: () => true,
        mobileMoneyCountries,
      });
    expect(() => build(["GH"])).toThrow(/mobileMoneyCountries must name some of LR, RW/);
    expect(() => build([])).toThrow(/mobileMoneyCountries/);
    expect(() => build(["RW", "RW"])).not.toThrow();
  });
});
