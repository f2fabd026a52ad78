// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MapSummaryDto } from "../../bindings";
import { MessagesProvider } from "../messages/messages";
import { LibraryView } from "./LibraryView";

const ipcMock = vi.hoisted(() => ({
  deleteMap: vi.fn(),
  duplicateMap: vi.fn(),
  listMaps: vi.fn(),
  importMap: vi.fn(),
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

const summary = (id: string, name: string): MapSummaryDto => ({
  id,
  name,
  personaName: "Pat",
  stageCount: 2,
  touchpointCount: 5,
  updatedAt: "2025-03-01T10:00:00Z",
});
const maps = [summary("jm_1", "Onboarding"), summary("jm_2", "Checkout"), summary("jm_3", "Checkout <b>v2</b>")];

function setup() {
  const onMapsChange = vi.fn();
  const onOpen = vi.fn(async () => true);
  const onCreate = vi.fn(async () => true);
  render(
    <MessagesProvider>
      <LibraryView maps={maps} onMapsChange={onMapsChange} onOpen={onOpen} onCreate={onCreate} />
    </MessagesProvider>,
  );
  return { onMapsChange, onOpen, onCreate };
}

describe("LibraryView", () => {
  beforeEach(() => vi.clearAllMocks());
  afterEach(cleanup);

  it("lists maps and filters them by name", () => {
    setup();
    expect(screen.getAllByTestId("map-row")).toHaveLength(3);
    fireEvent.change(screen.getByTestId("map-search"), { target: { value: "CHECK" } });
    expect(screen.getAllByTestId("map-name").map((n) => n.textContent)).toEqual(["Checkout", "Checkout <b>v2</b>"]);
  });

  it("opens a map on click and on Enter", () => {
    const { onOpen } = setup();
    fireEvent.click(screen.getAllByTestId("map-row")[0]);
    expect(onOpen).toHaveBeenCalledWith("jm_1");
    fireEvent.keyDown(screen.getAllByTestId("map-row")[1], { key: "Enter" });
    expect(onOpen).toHaveBeenCalledWith("jm_2");
  });

  it("deletes only after the confirmation step", async () => {
    const { onMapsChange, onOpen } = setup();
    ipcMock.deleteMap.mockResolvedValue([maps[0], maps[2]]);
    fireEvent.click(screen.getAllByTestId("delete-map")[1]);
    expect(ipcMock.deleteMap).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("confirm"));
    expect(ipcMock.deleteMap).toHaveBeenCalledWith("jm_2");
    await waitFor(() => expect(onMapsChange).toHaveBeenCalledWith([maps[0], maps[2]]));
    expect(onOpen).not.toHaveBeenCalled();
  });

  it("keeps a single confirmation open at a time", () => {
    setup();
    fireEvent.click(screen.getAllByTestId("delete-map")[0]);
    fireEvent.click(screen.getAllByTestId("delete-map")[0]);
    expect(screen.getAllByTestId("confirm")).toHaveLength(1);
  });

  it("creates a map from the name input", () => {
    const { onCreate } = setup();
    fireEvent.change(screen.getByTestId("new-map-name"), { target: { value: "  Returns  " } });
    fireEvent.click(screen.getByTestId("new-map"));
    expect(onCreate).toHaveBeenCalledWith("Returns");
  });

  it("shows a failed command in the error banner", async () => {
    setup();
    ipcMock.duplicateMap.mockRejectedValue({ code: "storage", message: "disk full", problems: [] });
    fireEvent.click(screen.getAllByTestId("duplicate-map")[0]);
    expect((await screen.findByTestId("error")).textContent).toContain("disk full");
  });
});
