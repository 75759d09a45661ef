/** A titled list of test values, each with Copy and Save buttons and its outcome. */

import type { CreatePaymentAccountBody } from "@dollr-kit/core";
import { useId } from "react";
import type { TestItem } from "./testData.ts";

export function TestList({
  title,
  items,
  onCopy,
  onSave,
}: {
  title: string;
  items: TestItem[];
  onCopy: (value: string) => void;
  onSave: (body: CreatePaymentAccountBody, label: string) => void;
}) {
  const id = useId();
  return (
    <>
      <h4 id={id} className="dev-subtitle">
        {title}
      </h4>
      <ul className="dev-list" aria-labelledby={id}>
        {items.map((item) => (
          <li key={item.value}>
            <code className="dev-value">{item.value}</code>
            <span className="dev-actions">
              <button type="button" className="dev-button" onClick={() => onCopy(item.value)}>
                Copy<span className="visually-hidden"> {item.value}</span>
              </button>
              <button
                type="button"
                className="dev-button"
                onClick={() => onSave(item.body, `${item.kind} ${item.value}`)}
              >
                Save<span className="visually-hidden"> {`${item.kind} ${item.value}`}</span>
              </button>
            </span>
            <span className="dev-outcome">{item.outcome}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
