/** The fake Stripe's card element (what `elements.create` returns): a real `<input>`, no iframe. */
import { type CardState, readFakeCardInput } from "./fake-stripe-test-cards.ts";

type Handler = (payload?: unknown) => void;

let fieldCounter = 0;

/** The fake card element: a labelled `<input>` mounted into the node react-stripe-js gives it. */
export class FakeStripeElement {
  readonly type: string;
  options: Record<string, unknown>;
  destroyed = false;
  mountedOn: HTMLElement | null = null;
  input: HTMLInputElement | null = null;
  state: CardState = readFakeCardInput("");
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(type: string, options: unknown) {
    this.type = type;
    this.options = (options && typeof options === "object" ? options : {}) as Record<
      string,
      unknown
    >;
  }

  mount(target: HTMLElement | string): void {
    if (this.destroyed) throw new Error("This Element has already been destroyed.");
    const node = typeof target === "string" ? document.querySelector<HTMLElement>(target) : target;
    if (!node)
      throw new Error(`The selector you specified (${String(target)}) applies to no DOM elements.`);
    this.unmount();
    const input = document.createElement("input");
    fieldCounter += 1;
    input.id = `dollr-fake-card-${fieldCounter}`;
    input.type = "text";
    input.inputMode = "numeric";
    input.autocomplete = "cc-number";
    input.setAttribute("aria-label", String(this.options.ariaLabel ?? "Card number"));
    input.setAttribute("data-fake-stripe-input", this.type);
    input.placeholder = String(this.options.placeholder ?? "4242 4242 4242 4242");
    if (this.options.disabled === true) input.disabled = true;
    input.addEventListener("input", this.onInput);
    input.addEventListener("focus", this.onFocus);
    input.addEventListener("blur", this.onBlur);
    node.setAttribute("data-fake-stripe", this.type);
    node.appendChild(input);
    this.mountedOn = node;
    this.input = input;
    queueMicrotask(() => {
      if (!this.destroyed && this.input === input) this.emit("ready", { elementType: this.type });
    });
  }

  unmount(): void {
    if (this.input) {
      this.input.removeEventListener("input", this.onInput);
      this.input.removeEventListener("focus", this.onFocus);
      this.input.removeEventListener("blur", this.onBlur);
      this.input.remove();
    }
    this.mountedOn?.removeAttribute("data-fake-stripe");
    this.input = null;
    this.mountedOn = null;
  }

  destroy(): void {
    this.unmount();
    this.destroyed = true;
    this.handlers.clear();
  }

  update(options: Record<string, unknown>): void {
    this.options = { ...this.options, ...options };
    if (this.input && "disabled" in options) this.input.disabled = options.disabled === true;
  }

  on(event: string, handler: Handler): this {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return this;
  }

  once(event: string, handler: Handler): this {
    const wrapped: Handler = (payload) => {
      this.off(event, wrapped);
      handler(payload);
    };
    return this.on(event, wrapped);
  }

  off(event: string, handler?: Handler): this {
    if (handler) this.handlers.get(event)?.delete(handler);
    else this.handlers.delete(event);
    return this;
  }

  focus(): void {
    this.input?.focus();
  }

  blur(): void {
    this.input?.blur();
  }

  clear(): void {
    if (this.input) this.input.value = "";
    this.setValue("");
  }

  /** Types a value as the customer would (for tests that do not drive the DOM). */
  setValue(value: string): void {
    if (this.input && this.input.value !== value) this.input.value = value;
    this.state = readFakeCardInput(value);
    this.emit("change", {
      elementType: this.type,
      empty: this.state.empty,
      complete: this.state.complete,
      brand: this.state.brand,
      error: this.state.error,
      value: { postalCode: "" },
    });
  }

  emit(event: string, payload?: unknown): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(payload);
  }

  private readonly onInput = (event: Event) => {
    this.setValue((event.target as HTMLInputElement).value);
  };
  private readonly onFocus = () => this.emit("focus", { elementType: this.type });
  private readonly onBlur = () => this.emit("blur", { elementType: this.type });
}
