// Faults: latency, 500, 429 with Retry-After, lost responses and holds, injected into `/v1`
// requests (never into `/__simulator`, so a test can always reach its controls). A hold keeps a
// request unanswered until the test releases it: a state in between can be looked at on a busy
// machine, with no window of wall-clock time.
import { HttpError } from "./errors.ts";
import {
  array,
  boolean,
  INVALID,
  integer,
  object,
  oneOf,
  optional,
  string,
  type Validator,
} from "./validation.ts";

export const FAULT_KINDS = ["latency", "error_500", "rate_limit", "lost_response", "hold"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const shareOfRequests: Validator<number> = (input, loc, issues) => {
  if (typeof input !== "number" || !Number.isFinite(input) || input < 0 || input > 1) {
    issues.push({ loc: [...loc], msg: "Input should be a number from 0 to 1", type: "rate_range" });
    return INVALID;
  }
  return input;
};

const faultRuleFields = object({
  kind: oneOf(FAULT_KINDS),
  count: optional(integer({ min: 1, max: 1_000_000 })),
  rate: optional(shareOfRequests),
  match: optional(
    object({
      method: optional(oneOf(["GET", "POST", "PUT", "DELETE"])),
      path: optional(string({ minLength: 1, maxLength: 500 })),
      pathPrefix: optional(string({ minLength: 1, maxLength: 500 })),
    }),
  ),
  latencyMs: optional(integer({ min: 0, max: 120_000 })),
  retryAfterSeconds: optional(integer({ min: 0, max: 86_400 })),
  commit: optional(boolean()),
});
/** One fault rule, as `POST /__simulator/faults` takes it. */
export type FaultRule = typeof faultRuleFields extends Validator<infer T> ? T : never;

const faultRuleSchema: Validator<FaultRule> = (input, loc, issues) => {
  const rule = faultRuleFields(input, loc, issues);
  if (rule !== INVALID && rule.count !== undefined && rule.rate !== undefined) {
    issues.push({
      loc: [...loc, "rate"],
      msg: "Give either count or rate, not both",
      type: "value_error",
    });
    return INVALID;
  }
  return rule;
};

/** `{"faults": [rule, …], "seed"?: n}`, one bare rule, or `{"clear": true}`. */
export const faultSpecSchema: Validator<FaultSpec> = (input, loc, issues) => {
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    if ("clear" in input) {
      const checked = object({ clear: boolean() })(input, loc, issues);
      if (checked === INVALID) return INVALID;
      if (!checked.clear) {
        issues.push({ loc: [...loc, "clear"], msg: "Input should be true", type: "literal_error" });
        return INVALID;
      }
      return { faults: [] };
    }
    if ("faults" in input) {
      const checked = object({
        faults: array(faultRuleSchema, { maxLength: 50 }),
        seed: optional(integer({ min: 0, max: 2 ** 32 - 1 })),
      })(input, loc, issues);
      if (checked === INVALID) return INVALID;
      return { faults: checked.faults, seed: checked.seed };
    }
  }
  const rule = faultRuleSchema(input, loc, issues);
  return rule === INVALID ? INVALID : { faults: [rule] };
};

export interface FaultSpec {
  faults: FaultRule[];
  seed?: number | undefined;
}

interface ArmedFault {
  rule: FaultRule;
  /** Firings left for a `count` rule; null for a `rate` rule. */
  remaining: number | null;
  fired: number;
}

export interface FaultDecision {
  /** Latency to wait before answering (the sum of the latency rules that fire). */
  latencyMs: number;
  /** The one non-latency fault that fires on this request, if any. */
  fault: FaultRule | null;
}

/** mulberry32: a tiny seedable PRNG, so that `rate` faults are reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class FaultInjector {
  private armed: ArmedFault[] = [];
  private random: () => number;
  private readonly held = new Set<() => void>();

  constructor(private readonly defaultSeed = 1) {
    this.random = seededRandom(defaultSeed);
  }

  /** Replaces every fault with the spec's (an empty list clears them and releases held requests). */
  set(spec: FaultSpec): void {
    this.armed = spec.faults.map((rule) => ({
      rule,
      remaining: rule.rate === undefined ? (rule.count ?? 1) : null,
      fired: 0,
    }));
    this.random = seededRandom(spec.seed ?? this.defaultSeed);
    // Clearing the faults must not strand a request that one of them held.
    if (spec.faults.length === 0) this.release();
  }

  clear(): void {
    this.set({ faults: [] });
  }

  /** Waits until the test releases the request (or `signal` aborts: the client went away). */
  hold(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.held.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      this.held.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  /** How many requests are held now. */
  heldCount(): number {
    return this.held.size;
  }

  /** Lets every held request go on; answers how many there were. */
  release(): number {
    const waiting = [...this.held];
    for (const done of waiting) done();
    return waiting.length;
  }

  list(): (FaultRule & { remaining: number | null; fired: number })[] {
    return this.armed.map(({ rule, remaining, fired }) => ({ ...rule, remaining, fired }));
  }

  /**
   * Decides what happens to one request: every matching latency rule adds its delay, and the
   * first matching rule of another kind that fires decides the answer. Count rules count down
   * only when they fire.
   */
  decide(method: string, path: string): FaultDecision {
    let latencyMs = 0;
    let fault: FaultRule | null = null;
    for (const armed of this.armed) {
      const { rule } = armed;
      if (rule.kind !== "latency" && fault !== null) continue;
      if (!matches(rule, method, path) || !this.fires(armed)) continue;
      if (rule.kind === "latency") latencyMs += rule.latencyMs ?? 1000;
      else fault = rule;
    }
    return { latencyMs, fault };
  }

  private fires(armed: ArmedFault): boolean {
    if (armed.remaining === null) {
      if (this.random() >= (armed.rule.rate ?? 0)) return false;
    } else {
      if (armed.remaining <= 0) return false;
      armed.remaining -= 1;
    }
    armed.fired += 1;
    return true;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  const { match } = rule;
  if (!match) return true;
  if (match.method !== undefined && match.method !== method) return false;
  if (match.path !== undefined && match.path !== path) return false;
  if (match.pathPrefix !== undefined && !path.startsWith(match.pathPrefix)) return false;
  return true;
}

/** The answer a 500 or 429 fault gives instead of the real one. */
export function faultResponseError(rule: FaultRule): HttpError {
  if (rule.kind === "rate_limit") {
    const seconds = rule.retryAfterSeconds ?? 1;
    return new HttpError(429, "Too Many Requests", { "retry-after": String(seconds) });
  }
  return new HttpError(500, "Internal Server Error");
}
