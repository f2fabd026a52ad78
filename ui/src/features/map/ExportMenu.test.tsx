// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { view } from "../../lib/testData";
import { MessagesProvider } from "../messages/messages";
import { MapScreen } from "./MapScreen";

const ipcMock = vi.hoisted(() => ({
  listFeedback: vi.fn(async () => []),
  mapInsight: vi.fn(),
  searchMap: vi.fn(async () => [] as string[]),
  exportCsv: vi.fn(),
  exportDrawing: vi.fn(),
  exportReport: vi.fn(),
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

describe("Export as…", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    if (typeof CSS === "undefined") vi.stubGlobal("CSS", { escape: (s: string) => s });
  });
  afterEach(cleanup);

  it("asks the backend for the table chosen and says where it went", async () => {
    ipcMock.exportCsv.mockResolvedValueOnce({ path: "/tmp/map-touchpoints.csv", mapId: "jm_1" });
    render(
      <MessagesProvider>
        <MapScreen initialView={view()} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
      </MessagesProvider>,
    );
    fireEvent.click(screen.getByTestId("export-csv"));
    fireEvent.click(screen.getByTestId("export-csv-touchpoints"));
    expect(ipcMock.exportCsv).toHaveBeenCalledWith("jm_1", "touchpoints");
    await waitFor(() => expect(screen.getByTestId("status").textContent).toContain("map-touchpoints.csv"));

    // A cancelled dialog says nothing.
    ipcMock.exportCsv.mockResolvedValueOnce({ path: null, mapId: null });
    fireEvent.click(screen.getByTestId("export-csv-feedback"));
    expect(ipcMock.exportCsv).toHaveBeenLastCalledWith("jm_1", "feedback");
  });

  it("draws the map, one stage or without arrows, and writes the report on the paper chosen", async () => {
    ipcMock.exportDrawing.mockResolvedValue({ path: "/tmp/map-map.pdf", mapId: "jm_1" });
    ipcMock.exportReport.mockResolvedValue({ path: "/tmp/map-report.pdf", mapId: "jm_1" });
    const v = view();
    render(
      <MessagesProvider>
        <MapScreen initialView={v} onLibrary={vi.fn()} onOpenMap={vi.fn(async () => true)} />
      </MessagesProvider>,
    );
    fireEvent.click(screen.getByTestId("export-csv"));
    fireEvent.click(screen.getByTestId("export-map-pdf"));
    expect(ipcMock.exportDrawing).toHaveBeenLastCalledWith("jm_1", {
      what: "map",
      format: "pdf",
      stage: null,
      noArrows: false,
      filter: null,
      scale: null,
    });
    await waitFor(() => expect(screen.getByTestId("status").textContent).toContain("map-map.pdf"));

    // No filter is set, so the filtered view is not offered; one stage is.
    const scope = screen.getByTestId("export-scope") as HTMLSelectElement;
    expect([...scope.options].map((o) => o.value)).not.toContain("filtered");
    fireEvent.change(scope, { target: { value: v.stages[1].id } });
    fireEvent.click(screen.getByTestId("export-arrows"));
    fireEvent.click(screen.getByTestId("export-map-svg"));
    expect(ipcMock.exportDrawing).toHaveBeenLastCalledWith("jm_1", {
      what: "map",
      format: "svg",
      stage: v.stages[1].id,
      noArrows: true,
      filter: null,
      scale: null,
    });

    fireEvent.click(screen.getByTestId("export-heatmap-png"));
    expect(ipcMock.exportDrawing).toHaveBeenLastCalledWith("jm_1", expect.objectContaining({ what: "heatmap", format: "png" }));
    fireEvent.click(screen.getByTestId("export-report-pdf-letter"));
    expect(ipcMock.exportReport).toHaveBeenLastCalledWith("jm_1", "pdf", "letter");
    fireEvent.click(screen.getByTestId("export-report-md"));
    expect(ipcMock.exportReport).toHaveBeenLastCalledWith("jm_1", "md", "a4");
  });
});
