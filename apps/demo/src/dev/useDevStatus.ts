/** The developer panel's status line: what the last control did, or why it failed. */

import { useState } from "react";

/** Puts a message in the panel's status line (a live region). */
export type Say = (message: string) => void;

export function useDevStatus(): { message: string; say: Say } {
  const [message, setMessage] = useState("");
  const say: Say = (text) => setMessage(text);
  return { message, say };
}
