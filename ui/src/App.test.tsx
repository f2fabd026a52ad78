// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import type { MapView } from "./bindings";
import { view } from "./lib/testData";

const ipcMock = vi.hoisted(() => ({
  start: vi.fn(),
  openMap: vi.fn(),
  closeMap: vi.fn(async () => null),
  listMaps: vi.fn(),
  // The database is open (start failed for another reason): no recovery screen.
  recoveryStatus: vi.fn(async () => null),
}));
vi.mock("./ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

const summary = { id: "jm_1", name: "Map", personaName: "", stageCount: 2, touchpointCount: 3, updatedAt: "2025-01-01T00:00:00Z" };

describe("App", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.spyOn(console, "error").mockImplementation(() => {});
    ipcMock.start.mockResolvedValue({ maps: [summary], openMapId: "jm_1", readOnly: null, notices: [] });
    ipcMock.listMaps.mockResolvedValue([summary]);
  });
  afterEach(cleanup);

  it("reopens the map open last time and marks the open", async () => {
    ipcMock.openMap.mockResolvedValue(view());
    performance.clearMarks();
    render(<App />);
    expect((await screen.findByTestId("board")).getAttribute("data-map-id")).toBe("jm_1");
    expect(ipcMock.openMap).toHaveBeenCalledWith("jm_1");
    expect(performance.getEntriesByName("jm:open-start")).toHaveLength(1);
  });

  it("shows a render error with a way back to the library instead of a blank window", async () => {
    const broken = { ...view(), stages: undefined } as unknown as MapView;
    ipcMock.openMap.mockResolvedValue(broken);
    render(<App />);
    expect(await screen.findByText("Something went wrong")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Back to library" }));
    expect(await screen.findByTestId("library")).toBeTruthy();
    expect(ipcMock.closeMap).toHaveBeenCalled();
    expect(screen.getAllByTestId("map-row")).toHaveLength(1);
  });

  it("shows the library when start fails", async () => {
    ipcMock.start.mockRejectedValue({ code: "storage", message: "database is newer than this app", problems: [] });
    render(<App />);
    expect((await screen.findByTestId("error")).textContent).toContain("database is newer than this app");
    expect(screen.getByTestId("library")).toBeTruthy();
  });

  it("shows a big map's frame at once, then its board", async () => {
    const big = { ...summary, id: "jm_2", name: "Big map", touchpointCount: 10_000 };
    ipcMock.start.mockResolvedValue({ maps: [summary, big], openMapId: null, readOnly: null, notices: [] });
    let answer: (v: MapView) => void = () => {};
    ipcMock.openMap.mockReturnValue(new Promise<MapView>((resolve) => (answer = resolve)));
    render(<App />);
    const rows = await screen.findAllByTestId("map-name");
    fireEvent.click(rows[rows.length - 1]);
    // The library has given way before the view arrived.
    expect((await screen.findByTestId("opening")).textContent).toContain("Opening 10,000 touchpoints");
    expect(screen.queryByTestId("library")).toBeNull();
    const v = view();
    answer({ ...v, map: { ...v.map, id: "jm_2" } });
    expect((await screen.findByTestId("board")).getAttribute("data-map-id")).toBe("jm_2");
  });
});
