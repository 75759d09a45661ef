// POST /v1/jwt/client/obtain/token: OAuth2-style client credentials → a bearer token.
import { HttpError } from "../errors.ts";
import { json } from "../http.ts";
import type { Route } from "../router.ts";
import { issueToken } from "../tokens.ts";
import { object, parseBody, string } from "../validation.ts";
import { v1 } from "./route.ts";

const tokenRequest = object({
  client_id: string({ maxLength: 500 }),
  client_secret: string({ maxLength: 500 }),
});

export const authRoutes: Route[] = [
  v1(
    "POST",
    "/v1/jwt/client/obtain/token",
    async ({ world, body }) => {
      const credentials = parseBody(tokenRequest, await body());
      const { clientId, clientSecret } = world.config;
      if (credentials.client_id !== clientId || credentials.client_secret !== clientSecret)
        throw new HttpError(401, "Invalid client credentials");
      return json(200, issueToken(world));
    },
    false,
  ),
];
