import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@dollr-kit/react/styles.css";
import "./styles.css";
import { App } from "./App.tsx";
import { restoreLanguage } from "./language.ts";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
// The remembered language's catalog first (a small chunk), so the page opens in it; it never
// rejects (a catalog that fails to load leaves English).
void restoreLanguage().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
