import {
  cloneElement,
  type ElementType,
  forwardRef,
  isValidElement,
  type ReactElement,
  type ReactNode,
  type Ref,
  type RefCallback,
  useCallback,
  version,
} from "react";
import { composeEventHandlers, cx } from "./compose.ts";

/** A part that renders an element can render the app's one child element instead. */
export interface AsChildProps {
  /**
   * Renders the one child element in place of the part's own, with the part's props merged in:
   * class names joined, styles merged, handlers composed (the child's first; its
   * `event.preventDefault()` skips the kit's), refs composed, and the kit's `data-*` and `aria-*`
   * kept. A child with no content of its own gets the part's.
   */
  asChild?: boolean | undefined;
}

type AnyProps = Record<string, unknown>;
type Handler = (event: Event) => void;

// React 19 passes a ref as a prop; React 18 keeps it on the element (its props.ref only warns).
const refInProps = Number.parseInt(version, 10) > 18;

/** One ref callback that sets every ref given (stable while they are). */
export function useComposedRefs<T>(a: Ref<T> | undefined, b: Ref<T> | undefined): RefCallback<T> {
  return useCallback(
    (node: T | null) => {
      for (const ref of [a, b]) {
        if (typeof ref === "function") ref(node);
        else if (ref) (ref as { current: T | null }).current = node;
      }
    },
    [a, b],
  );
}

export interface PartProps extends AnyProps, AsChildProps {
  /** The part's own tag. @default "div" */
  as?: ElementType | undefined;
  /** The app's children; with `asChild`, its one element. */
  children?: ReactNode;
  /** The part's own content, used when the app gives none. */
  fallback?: ReactNode;
  /** With `asChild`: the app's element, when `children` are the part's content (forms). */
  element?: ReactElement | undefined;
  /** The kit's class (`dollr-…`), joined before the app's `className` so the app's can win. */
  kitClass?: string | undefined;
}

/**
 * A part's element: `<as>` holding the app's children or else the part's `fallback`; with
 * `asChild`, the app's one element instead, the part's props merged in as `AsChildProps` says
 * (the child's props win, except handlers, class names and styles, which are composed, and the
 * kit's `data-*` and `aria-*`, which are kept).
 */
export const Part = /* @__PURE__ */ forwardRef<unknown, PartProps>(function Part(
  { as, asChild, fallback, element, children, kitClass, ...ours },
  ref,
) {
  const Tag = (as ?? "div") as ElementType;
  ours.className = cx(kitClass as string | undefined, ours.className as string | undefined);
  const child = asChild ? (element ?? children) : null;
  const theirs = isValidElement<AnyProps>(child) ? child.props : null;
  const composed = useComposedRefs(
    ref,
    theirs && ((refInProps ? theirs.ref : (child as unknown as AnyProps).ref) as Ref<unknown>),
  );
  if (!asChild) {
    return (
      <Tag {...ours} ref={ref}>
        {children ?? fallback}
      </Tag>
    );
  }
  if (!theirs) {
    if (process.env.NODE_ENV !== "production") {
      throw new Error("A part with `asChild` takes exactly one React element as its child.");
    }
    return null;
  }
  const merged: AnyProps = { ...ours, ...theirs, ref: composed };
  for (const key in ours) {
    const mine = ours[key];
    const their = theirs[key];
    merged[key] =
      // Both give a function: a handler (`on…`), composed.
      typeof mine === "function" && their
        ? composeEventHandlers(their as Handler, mine as Handler)
        : key === "style"
          ? { ...(mine as object), ...(their as object) }
          : key === "className"
            ? cx(mine as string, their as string)
            : // `data-*` and `aria-*` (the only props with a dash) say the part's state.
              key.includes("-") && mine !== undefined
              ? mine
              : merged[key];
  }
  merged.children ??= element ? children : fallback;
  return cloneElement(child as ReactElement, merged);
});
