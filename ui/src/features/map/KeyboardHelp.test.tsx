// @vitest-environment jsdom
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ACTIONS } from "./actions";
import { KeyboardHelp } from "./KeyboardHelp";

describe("KeyboardHelp", () => {
  afterEach(cleanup);

  it("lists every action that has keys, with its keys and what it does", () => {
    const { container } = render(<KeyboardHelp />);
    const rows = [...container.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    for (const a of ACTIONS) {
      if (a.keys === null) continue;
      expect(rows).toContainEqual([a.keys, a.help ?? a.label]);
    }
    expect(rows).toContainEqual(["Escape", "Close the panel or stop picking a link target"]);
    expect(rows).toContainEqual(["Ctrl+Z", "Undo"]);
    expect(rows).toContainEqual(["Delete", "Delete the focused card"]);
  });
});
