// The realtime part of the /__simulator test surface, served by the Node server before the
// fetch handler (realtime exists only there): GET /__simulator/realtime,
// POST /__simulator/realtime/disconnect {refuse?: boolean}, POST /__simulator/realtime/accept.
// A plain GET of the websocket path answers 426, as a websocket endpoint does.

import { HttpError } from "../errors.ts";
import { errorResponse, json, readJsonBody } from "../http.ts";
import type { RealtimeServer } from "./server.ts";

const ROUTES: Record<string, string> = {
  "/__simulator/realtime": "GET",
  "/__simulator/realtime/disconnect": "POST",
  "/__simulator/realtime/accept": "POST",
};

/** The answer for a realtime control request, or null when the request is not one. */
export async function answerRealtimeControl(
  realtime: RealtimeServer,
  basePath: string,
  request: Request,
): Promise<Response | null> {
  const method = request.method.toUpperCase();
  if (method === "OPTIONS") return null;
  const path = new URL(request.url).pathname;
  if (path === realtime.path)
    return json(
      426,
      { detail: "Upgrade Required: this is a websocket endpoint" },
      {
        upgrade: "websocket",
      },
    );
  if (!path.startsWith(`${basePath}/__simulator/realtime`)) return null;
  const route = path.slice(basePath.length);
  const allowed = ROUTES[route];
  if (allowed === undefined) return null;
  try {
    if (method !== allowed) throw new HttpError(405, "Method Not Allowed", { allow: allowed });
    if (route === "/__simulator/realtime") return json(200, realtime.status());
    if (route === "/__simulator/realtime/accept") {
      realtime.accept();
      return json(200, realtime.status());
    }
    const { refuse } = readDisconnect(await readJsonBody(request));
    const disconnected = realtime.disconnectAll({ refuse });
    return json(200, { disconnected, ...realtime.status() });
  } catch (error) {
    if (error instanceof HttpError) return errorResponse(error);
    throw error;
  }
}

/** `{refuse?: boolean}` or no body at all; anything else is a 422 in FastAPI's shape. */
function readDisconnect(body: unknown): { refuse: boolean } {
  if (body === undefined) return { refuse: false };
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new HttpError(422, [
      { loc: ["body"], msg: "Input should be a valid dictionary", type: "dict_type" },
    ]);
  const { refuse, ...extra } = body as Record<string, unknown>;
  const issues = Object.keys(extra).map((key) => ({
    loc: ["body", key],
    msg: "Extra inputs are not permitted",
    type: "extra_forbidden",
  }));
  if (refuse !== undefined && typeof refuse !== "boolean")
    issues.push({
      loc: ["body", "refuse"],
      msg: "Input should be a valid boolean",
      type: "bool_type",
    });
  if (issues.length > 0) throw new HttpError(422, issues);
  return { refuse: refuse === true };
}
