/** How the developer panel writes a duration: in the demo's locale, like the rest of its English. */

import { formatElapsed } from "@dollr-kit/react";
import { LOCALE } from "../kit.tsx";

export const duration = (ms: number) => formatElapsed(ms, LOCALE);
