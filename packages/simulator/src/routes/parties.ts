// Parties and counterparties: who a source is issued to.
import { PHONE_PATTERN } from "../catalog.ts";
import { notFound } from "../errors.ts";
import { json } from "../http.ts";
import type { Route } from "../router.ts";
import { counterpartyJson, createCounterparty, createParty, partyJson } from "../sources.ts";
import {
  integer,
  integerText,
  nullable,
  object,
  oneOf,
  optional,
  parseBody,
  parsePathParam,
  parseQuery,
  string,
} from "../validation.ts";
import { v1 } from "./route.ts";

export const RELATIONSHIP_TYPES = [
  "CUSTOMER",
  "SUPPLIER",
  "EMPLOYEE",
  "BENEFICIARY",
  "FRIEND",
  "FAMILY",
  "DONOR",
  "DONEE",
  "CONTACT",
  "SERVICE_PROVIDER",
  "PARTNER",
  "SELF",
  "OTHER",
] as const;

const newParty = object({
  fullname: string({ minLength: 1, maxLength: 200 }),
  phone: string({ pattern: PHONE_PATTERN }),
  email: optional(nullable(string({ maxLength: 320, pattern: /^[^@\s]+@[^@\s]+$/ }))),
  country_code: optional(nullable(string({ pattern: /^[A-Z]{2,3}$/ }))),
});

const newCounterparty = object({
  relationship_type: oneOf(RELATIONSHIP_TYPES),
  party_id: optional(nullable(integer({ min: 1 }))),
});

const id = integerText({ min: 1 });

export const partyRoutes: Route[] = [
  v1("POST", "/v1/parties/create", async ({ world, body }) => {
    return json(200, partyJson(createParty(world, parseBody(newParty, await body()))));
  }),
  v1("GET", "/v1/parties/list", ({ world, url }) => {
    const { fullname } = parseQuery({ fullname: optional(string()) }, url.searchParams);
    const wanted = fullname?.toLowerCase();
    const parties = [...world.store.state.parties.values()].filter(
      (party) => wanted === undefined || party.fullname.toLowerCase().includes(wanted),
    );
    return json(200, parties.map(partyJson));
  }),
  v1("GET", "/v1/parties/retrieve/:party_id", ({ world, params }) => {
    const party = world.store.state.parties.get(
      parsePathParam(id, "party_id", params.party_id ?? ""),
    );
    if (!party) throw notFound("Party not found");
    return json(200, partyJson(party));
  }),
  v1("POST", "/v1/counterparties/create", async ({ world, body }) => {
    const counterparty = createCounterparty(world, parseBody(newCounterparty, await body()));
    return json(200, counterpartyJson(world, counterparty));
  }),
  v1("GET", "/v1/counterparties/list", ({ world, url }) => {
    const query = parseQuery(
      { fullname: optional(string()), relationship_type: optional(oneOf(RELATIONSHIP_TYPES)) },
      url.searchParams,
    );
    const wanted = query.fullname?.toLowerCase();
    const { parties } = world.store.state;
    const counterparties = [...world.store.state.counterparties.values()].filter((counterparty) => {
      if (query.relationship_type && counterparty.relationship_type !== query.relationship_type)
        return false;
      if (wanted === undefined) return true;
      const party = counterparty.party_id === null ? undefined : parties.get(counterparty.party_id);
      return party?.fullname.toLowerCase().includes(wanted) ?? false;
    });
    return json(
      200,
      counterparties.map((counterparty) => counterpartyJson(world, counterparty)),
    );
  }),
  v1("GET", "/v1/counterparties/retrieve/:counterparty_id", ({ world, params }) => {
    const counterpartyId = parsePathParam(id, "counterparty_id", params.counterparty_id ?? "");
    const counterparty = world.store.state.counterparties.get(counterpartyId);
    if (!counterparty) throw notFound("Counterparty not found");
    return json(200, counterpartyJson(world, counterparty, true));
  }),
];
