// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LibraryMapDto, LibraryStatus } from "../../bindings";
import { MessagesProvider } from "../messages/messages";
import { TeamLibrary } from "./TeamLibrary";

const ipcMock = vi.hoisted(() => ({
  connectLibrary: vi.fn(),
  disconnectLibrary: vi.fn(),
  libraryMaps: vi.fn(),
  libraryStatus: vi.fn(),
  publishMap: vi.fn(),
  pullMap: vi.fn(),
}));
vi.mock("../../ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

const none: LibraryStatus = { connected: false, url: null, user: null, listening: false, problem: null };
const connected: LibraryStatus = { connected: true, url: "postgres://ana:***@db/journeys", user: "Ana", listening: true, problem: null };
const shared: LibraryMapDto = {
  id: "jm_9",
  name: "Onboarding",
  personaName: "Dana",
  stageCount: 4,
  touchpointCount: 12,
  rev: 7,
  updatedBy: "Ben",
  writtenAt: "2026-12-06T14:03:00Z",
  updatedAt: "2026-12-06T14:03:00Z",
};
const local = { id: "jm_1", name: "Mine", personaName: "", stageCount: 2, touchpointCount: 3, updatedAt: "2026-12-01T00:00:00Z" };

function show(status: LibraryStatus, onStatus = vi.fn(), onOpen = vi.fn(async () => true)) {
  render(
    <MessagesProvider>
      <TeamLibrary status={status} onStatus={onStatus} localMaps={[local]} onLocalMapsChange={vi.fn()} onOpen={onOpen} />
    </MessagesProvider>,
  );
  return { onStatus, onOpen };
}

describe("Team library", () => {
  beforeEach(() => vi.clearAllMocks());
  afterEach(cleanup);

  it("connects with a connection string and a name, and never shows the password it was given", async () => {
    ipcMock.connectLibrary.mockResolvedValue(connected);
    const { onStatus } = show(none);
    const url = screen.getByTestId("library-url") as HTMLInputElement;
    expect(url.type).toBe("password");
    fireEvent.change(url, { target: { value: "postgres://ana:secret@db/journeys" } });
    fireEvent.change(screen.getByTestId("library-user"), { target: { value: "Ana" } });
    fireEvent.click(screen.getByTestId("library-connect"));
    await waitFor(() => expect(onStatus).toHaveBeenCalledWith(connected));
    expect(ipcMock.connectLibrary).toHaveBeenCalledWith("postgres://ana:secret@db/journeys", "Ana");
    expect(document.body.textContent).not.toContain("secret");
  });

  it("lists the library's maps with who changed each last, opens one and publishes a local map", async () => {
    ipcMock.libraryMaps.mockResolvedValue([shared]);
    ipcMock.publishMap.mockResolvedValue([shared]);
    const { onOpen } = show(connected);
    const row = await screen.findByTestId("library-map");
    expect(row.textContent).toContain("Onboarding");
    expect(row.textContent).toContain("Ben, 2026-12-06 14:03");
    expect(screen.getByTestId("library-status").textContent).toContain("postgres://ana:***@db/journeys");
    fireEvent.click(screen.getByTestId("library-map-open"));
    expect(onOpen).toHaveBeenCalledWith("jm_9");
    fireEvent.change(screen.getByTestId("library-publish-map"), { target: { value: "jm_1" } });
    fireEvent.click(screen.getByTestId("library-publish"));
    await waitFor(() => expect(ipcMock.publishMap).toHaveBeenCalledWith("jm_1", false));
  });

  it("says why when the server cannot be reached", async () => {
    ipcMock.libraryMaps.mockRejectedValue({
      code: "unreachable",
      message: "the team library at postgres://ana:***@db/journeys does not answer",
      problems: [],
    });
    ipcMock.libraryStatus.mockResolvedValue({ ...connected, connected: false, problem: "does not answer" });
    const { onStatus } = show(connected);
    await waitFor(() => expect(screen.getByTestId("error").textContent).toContain("does not answer"));
    await waitFor(() => expect(onStatus).toHaveBeenCalled());
  });
});
