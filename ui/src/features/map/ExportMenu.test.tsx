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
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

describe("Export CSV", () => {
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
});
