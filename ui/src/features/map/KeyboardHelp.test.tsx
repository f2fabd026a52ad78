// @vitest-environment jsdom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ACTIONS } from "./actions";
import { KeyboardHelp } from "./KeyboardHelp";

/** The help's rows as [key, action] pairs. */
function rows(container: HTMLElement) {
  return [...container.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
}

describe("KeyboardHelp", () => {
  afterEach(cleanup);

  it("lists every action that has keys, with its keys and what it does", () => {
    const { container } = render(<KeyboardHelp />);
    const listed = rows(container);
    for (const a of ACTIONS) {
      if (a.keys === null) continue;
      expect(listed).toContainEqual([a.keys, a.help ?? a.label]);
    }
    expect(listed).toContainEqual(["Escape", "Close the panel or stop picking a link target"]);
    expect(listed).toContainEqual(["Ctrl+Z", "Undo"]);
    expect(listed).toContainEqual(["Delete", "Delete the focused card"]);
  });

  it("lists the capture keys and the fields' own keys", () => {
    const { container } = render(<KeyboardHelp />);
    const keys = rows(container).map(([k]) => k);
    for (const k of ["0 … 9", "Z X C V B", "N", "Q", "S", "Enter in a new name", "Ctrl+Enter", "Tab / Shift+Tab"]) {
      expect(keys).toContain(k);
    }
  });

  it("is a two-column table with a header: key, action", () => {
    const { container } = render(<KeyboardHelp />);
    expect([...container.querySelectorAll("thead th")].map((th) => th.textContent)).toEqual(["Key", "Action"]);
    for (const row of rows(container)) expect(row).toHaveLength(2);
    expect(container.querySelector(".keys-help__popover table")).not.toBeNull();
  });
});
