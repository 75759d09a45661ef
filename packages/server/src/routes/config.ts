/** `GET /kit/config`: what the browser needs to set itself up; nothing secret. */
import type { KitConfig } from "@dollr-kit/core/internal";
import { answer } from "../http.ts";
import type { DollrCustomer } from "../options.ts";
import { type AnyRoute, defineRoute } from "./route.ts";

/** The config route. Public: it holds only the publishable key and settings. */
export function configRoutes<Customer extends DollrCustomer>(): AnyRoute<Customer>[] {
  return [
    defineRoute<Customer>({
      method: "GET",
      template: "/kit/config",
      authenticated: false,
      async handle({ shared: { options } }) {
        const config: KitConfig = {
          stripe_publishable_key: options.stripePublishableKey,
          currencies: options.currencies,
          mobile_money_countries: options.mobileMoneyCountries,
          polling: options.polling,
          realtime: options.realtime,
        };
        return answer(200, config);
      },
    }),
  ];
}
