/** One titled section of the developer panel. */

import { type ReactNode, useId } from "react";

export function DevSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="dev-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
