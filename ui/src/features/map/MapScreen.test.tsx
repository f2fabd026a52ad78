// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Edited, MapPatch, MapView } from "../../bindings";
import { clone, patchBetween, view } from "../../lib/testData";
import { MessagesProvider } from "../messages/messages";
import { MapScreen } from "./MapScreen";

const ipcMock = vi.hoisted(() => ({
  undo: vi.fn(),
  redo: vi.fn(),
  updateTouchpoint: vi.fn(),
  openMap: vi.fn(),
  openLibraryMap: vi.fn(),
  libraryChanged: vi.fn(async (): Promise<MapPatch | null> => null),
  listFeedback: vi.fn(async () => []),
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

function start(v: MapView) {
  render(
    <MessagesProvider>
      <MapScreen initialView={v} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
    </MessagesProvider>,
  );
}

describe("MapScreen", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    window.__jmCardRenders = 0;
  });
  afterEach(cleanup);

  it("re-renders only the card an edit changed", async () => {
    const first = view({ canUndo: true });
    start(first);
    expect(screen.getAllByTestId("card")).toHaveLength(3);
    const before = window.__jmCardRenders;
    const next = clone(first);
    next.touchpoints[1].title = "Changed by undo";
    next.canUndo = false;
    next.canRedo = true;
    ipcMock.undo.mockResolvedValue({ patch: patchBetween(first, next), createdId: null } satisfies Edited);

    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await waitFor(() => expect(screen.getAllByTestId("card-title")[1].textContent).toBe("Changed by undo"));
    expect(ipcMock.undo).toHaveBeenCalledWith("jm_1");
    expect(window.__jmCardRenders - before).toBe(1);
    expect(screen.getByTestId("undo")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("redo")).toHaveProperty("disabled", false);
  });

  it("shows a new pain score on a library map's card before the save answers, and what is stored if it fails", async () => {
    const first = view({ location: "library" });
    start(first);
    const id = first.touchpoints[0].id;
    const badge = () => document.querySelector(`[data-touchpoint-id="${id}"] [data-testid="pain-badge"]`)?.textContent;
    const before = badge();
    fireEvent.click(screen.getAllByTestId("card")[0]);
    // The save is held: the card already shows 9.
    let fail: (e: unknown) => void = () => {};
    ipcMock.updateTouchpoint.mockReturnValue(new Promise((_, reject) => (fail = reject)));
    ipcMock.openLibraryMap.mockResolvedValue(first);
    fireEvent.change(screen.getByTestId("field-pain"), { target: { value: "9" } });
    await waitFor(() => expect(badge()).toBe("9"));
    // Refused: the map is read again and the card shows the stored score.
    fail({ code: "conflict", message: "changed by someone else", problems: [] });
    await waitFor(() => expect(badge()).toBe(before));
    expect(ipcMock.openLibraryMap).toHaveBeenCalledWith("jm_1");
    expect(screen.getByTestId("error").textContent).toContain("changed by someone else");
  });

  it("shows others' edits to a team library map as they make them, and says it is the library's", async () => {
    const first = view({ location: "library" });
    start(first);
    expect(screen.getByTestId("library-badge")).toBeTruthy();
    const next = clone(first);
    next.touchpoints[1].title = "Renamed by Ben";
    ipcMock.libraryChanged.mockResolvedValueOnce(patchBetween(first, next));
    await waitFor(() => expect(screen.getAllByTestId("card-title")[1].textContent).toBe("Renamed by Ben"));
    expect(ipcMock.libraryChanged).toHaveBeenCalledWith("jm_1");
  });

  it("a local map neither asks the library nor says it is the library's", async () => {
    vi.useFakeTimers();
    try {
      start(view());
      // A second of the clock passes: a library map would have asked three times.
      await act(async () => {
        vi.advanceTimersByTime(1000);
      });
      expect(ipcMock.libraryChanged).not.toHaveBeenCalled();
      expect(screen.queryByTestId("library-badge")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("leaves Ctrl+Z in a text field to the browser", async () => {
    start(view({ canUndo: true }));
    fireEvent.click(screen.getByTestId("add-stage"));
    fireEvent.keyDown(screen.getByTestId("stage-name-input"), { key: "z", ctrlKey: true });
    await act(async () => {});
    expect(ipcMock.undo).not.toHaveBeenCalled();
  });

  it("groups cards into their cells and shows stage NPS only when present", () => {
    const v = view();
    v.stages[0].metrics.nps = { score: -20, n: 5, promoters: 1, passives: 1, detractors: 3 };
    start(v);
    const cell = document.querySelector('[data-testid="cell"][data-stage-id="st_a"][data-lane-id="ln_1"]')!;
    expect([...cell.querySelectorAll('[data-testid="card"]')].map((c) => c.getAttribute("data-touchpoint-id"))).toEqual(["tp_1", "tp_2"]);
    expect(screen.getAllByTestId("stage-nps").map((e) => e.textContent)).toEqual(["NPS -20 (n=5)"]);
  });

  it("saves a field from the detail panel with the other fields unchanged", async () => {
    const v = view();
    start(v);
    fireEvent.click(screen.getAllByTestId("card")[0]);
    const next = clone(v);
    next.touchpoints[0].pain = 6;
    ipcMock.updateTouchpoint.mockResolvedValue({ patch: patchBetween(v, next), createdId: null } satisfies Edited);
    fireEvent.change(screen.getByTestId("field-pain"), { target: { value: "6" } });
    await waitFor(() => expect(screen.getAllByTestId("pain-badge")[0].textContent).toBe("6"));
    expect(ipcMock.updateTouchpoint).toHaveBeenCalledWith("jm_1", "tp_1", {
      title: "tp_1",
      description: "",
      channel: "",
      owner: "",
      pain: 6,
      emotion: null,
    });
    expect(ipcMock.listFeedback).toHaveBeenCalledWith({ touchpointId: "tp_1" });
  });

  it("fetches a panel's feedback again only when an edit changed it", async () => {
    const v = view({ canUndo: true });
    start(v);
    fireEvent.click(screen.getAllByTestId("card")[0]);
    await waitFor(() => expect(ipcMock.listFeedback).toHaveBeenCalledTimes(1));

    const painted = clone(v);
    painted.touchpoints[0].pain = 2;
    ipcMock.updateTouchpoint.mockResolvedValue({ patch: patchBetween(v, painted), createdId: null } satisfies Edited);
    fireEvent.change(screen.getByTestId("field-pain"), { target: { value: "2" } });
    await waitFor(() => expect(screen.getAllByTestId("pain-badge")[0].textContent).toBe("2"));
    expect(ipcMock.listFeedback).toHaveBeenCalledTimes(1);

    const undone = clone(painted);
    undone.touchpoints[0].metrics.feedbackCount = 1;
    ipcMock.undo.mockResolvedValue({ patch: patchBetween(painted, undone, ["tp_1"]), createdId: null } satisfies Edited);
    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await waitFor(() => expect(ipcMock.listFeedback).toHaveBeenCalledTimes(2));
    expect(ipcMock.listFeedback).toHaveBeenLastCalledWith({ touchpointId: "tp_1" });
  });
});
