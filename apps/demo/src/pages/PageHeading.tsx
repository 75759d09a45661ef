import { type ReactNode, useEffect, useRef } from "react";
import { takeNavigated } from "../router.tsx";

/**
 * The page's `<h1>`. After an in-app navigation it takes focus (so screen readers announce the
 * new page and the next Tab starts from it), and it sets the document title.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Kola Market`;
    if (takeNavigated()) ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
