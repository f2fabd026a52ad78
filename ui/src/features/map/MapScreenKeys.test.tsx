// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MapView } from "../../bindings";
import { view } from "../../lib/testData";
import { MessagesProvider } from "../messages/messages";
import { MapScreen } from "./MapScreen";

const ipcMock = vi.hoisted(() => ({
  undo: vi.fn(),
  redo: vi.fn(),
  listFeedback: vi.fn(async () => []),
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

function start(v: MapView, onLibrary = vi.fn()) {
  render(
    <MessagesProvider>
      <MapScreen initialView={v} onLibrary={onLibrary} onOpenMap={vi.fn(async () => true)} />
    </MessagesProvider>,
  );
  return { onLibrary };
}

describe("MapScreen keys and toolbar", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    // jsdom has no CSS.escape; the test ids need no escaping.
    if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
  });
  afterEach(cleanup);

  it("titles the toolbar's buttons from the action table", () => {
    start(view());
    expect(screen.getByTestId("undo").getAttribute("title")).toBe("Undo (Ctrl+Z)");
    expect(screen.getByTestId("redo").getAttribute("title")).toBe("Redo (Ctrl+Shift+Z or Ctrl+Y)");
    expect(screen.getByTestId("undo")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("export").hasAttribute("title")).toBe(false);
  });

  it("runs the toolbar's buttons through the actions", () => {
    const { onLibrary } = start(view());
    fireEvent.click(screen.getByTestId("to-library"));
    expect(onLibrary).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId("add-lane"));
    expect(screen.getByTestId("lane-name-input")).toBeTruthy();
    expect(screen.queryByTestId("add-lane")).toBeNull();
    fireEvent.keyDown(screen.getByTestId("lane-name-input"), { key: "Escape" });
    expect(screen.getByTestId("add-lane")).toBeTruthy();
  });

  it("F2 on a card opens its panel with focus in the title field; Escape closes it and refocuses the card", async () => {
    start(view());
    const card = screen.getAllByTestId("card")[1];
    card.focus();
    fireEvent.keyDown(card, { key: "F2" });
    expect(screen.getByTestId("detail")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId("field-title"));
    expect((document.activeElement as HTMLInputElement).value).toBe("tp_2");

    // Escape in the field is the field's own; on the page it closes the panel.
    fireEvent.keyDown(screen.getByTestId("field-title"), { key: "Escape" });
    expect(screen.getByTestId("detail")).toBeTruthy();
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(screen.queryByTestId("detail")).toBeNull();
    expect(document.activeElement).toBe(screen.getAllByTestId("card")[1]);
  });

  it("Enter on a card selects it; a key from inside the card is not the card's", () => {
    start(view());
    const card = screen.getAllByTestId("card")[0];
    fireEvent.keyDown(screen.getAllByTestId("card-title")[0], { key: "Enter" });
    expect(screen.queryByTestId("detail")).toBeNull();
    fireEvent.keyDown(card, { key: "Enter" });
    expect(screen.getByTestId("detail")).toBeTruthy();
    expect(card.getAttribute("aria-pressed")).toBe("true");
  });
});
