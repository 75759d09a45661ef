/**
 * The React these tests run on: 19 in the `react` project, 18.3 in `react-18` (which sets
 * DOLLR_KIT_REACT=18), one copy of it for the kit, react-dom and Testing Library alike.
 */
import { render, screen } from "@testing-library/react";
import { useState, version } from "react";
import { version as domVersion } from "react-dom";
import { expect, it } from "vitest";

function Counter() {
  const [count] = useState(1);
  return <p>count {count}</p>;
}

it("runs on the React version its project names, with one copy of React", () => {
  const major = process.env.DOLLR_KIT_REACT ?? "19";
  expect(version.split(".")[0]).toBe(major);
  expect(domVersion).toBe(version);
  // A hook in a component rendered by Testing Library: two copies of React would throw here.
  render(<Counter />);
  expect(screen.getByText("count 1")).toBeTruthy();
});
