// @vitest-environment jsdom
// The app when its database cannot be opened (the recovery screen: restore a backup, or
// salvage what can be read), when it can only be read (the banner, and edits off), and
// what `start` says the user must be told (the notices).
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import type { BackupDto, RecoveryDto, RestoredDto, SalvagedDto } from "./bindings";
import { isolate } from "./lib/bidi";
import { backupTime, salvagedStatus } from "./lib/recovery";
import { view } from "./lib/testData";

const ipcMock = vi.hoisted(() => ({
  start: vi.fn(),
  openMap: vi.fn(),
  closeMap: vi.fn(async () => null),
  listMaps: vi.fn(),
  listFeedback: vi.fn(async () => []),
  updateTouchpoint: vi.fn(),
  recoveryStatus: vi.fn(),
  restoreBackup: vi.fn(),
  salvage: vi.fn(),
}));
vi.mock("./ipc", async (importOriginal) => ({ ...(await importOriginal<object>()), ipc: ipcMock }));

const summary = { id: "jm_1", name: "Map", personaName: "", stageCount: 2, touchpointCount: 3, updatedAt: "2025-01-01T00:00:00Z" };
const damaged = { code: "storage", message: "/data/journeymap.db: file is not a database", problems: [] };

const newest: BackupDto = {
  path: "/data/backups/journeymap-20250302T091500000Z-daily.db",
  takenAt: "2025-03-02T09:15:00.000Z",
  reason: "daily",
  maps: 1,
  touchpoints: 50,
  feedback: 108,
};
const older: BackupDto = {
  path: "/data/backups/journeymap-20250301T170000000Z-before-migration.db",
  takenAt: "2025-03-01T17:00:00.000Z",
  reason: "before-migration",
  maps: 2,
  touchpoints: 1,
  feedback: 0,
};
const recovery = (backups: BackupDto[]): RecoveryDto => ({
  problem: "/data/journeymap.db: file is not a database <b>not markup</b>",
  dbPath: "/data/journeymap.db",
  backups,
});
const restored: RestoredDto = { backup: newest, movedAside: ["/data/journeymap.db.before-restore-20250303T100000Z", "/data/x-wal"] };

describe("App recovery", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.spyOn(console, "error").mockImplementation(() => {});
    ipcMock.start.mockRejectedValue(damaged);
    ipcMock.listMaps.mockResolvedValue([summary]);
  });
  afterEach(cleanup);

  it("lists the backups newest first with when, why and what each holds", async () => {
    ipcMock.recoveryStatus.mockResolvedValue(recovery([newest, older]));
    render(<App />);
    const page = await screen.findByTestId("recovery");
    expect(within(page).getByRole("heading", { level: 1 }).textContent).toBe("Journeymap could not open your maps");
    // The problem as text: the markup in it stays literal.
    expect(screen.getByTestId("recovery-problem").textContent).toBe("/data/journeymap.db: file is not a database <b>not markup</b>");
    expect(screen.getByTestId("recovery-problem").querySelector("b")).toBeNull();
    expect(page.textContent).toContain("Nothing has been changed or deleted");
    expect(page.textContent).toContain("never deletes it");
    // No error banner over it: the screen says what happened.
    expect(screen.queryByTestId("error")).toBeNull();
    expect(screen.queryByTestId("library")).toBeNull();

    const items = screen.getAllByTestId("recovery-backup");
    expect(items.map((li) => li.dataset.path)).toEqual([newest.path, older.path]);
    const [first, second] = items;
    expect(within(first).getByTestId("backup-time").textContent).toBe(backupTime(newest.takenAt));
    expect(within(first).getByTestId("backup-time").getAttribute("title")).toContain("2025-03-02T09:15:00.000Z");
    expect(within(first).getByTestId("backup-reason").textContent).toBe("Daily backup");
    expect(within(first).getByTestId("backup-contents").textContent).toBe("1 map, 50 touchpoints, 108 feedback items");
    expect(within(second).getByTestId("backup-reason").textContent).toBe("Taken before the database was upgraded");
    expect(within(second).getByTestId("backup-contents").textContent).toBe("2 maps, 1 touchpoint, 0 feedback items");
    // The newest is the primary choice; each button says which backup it restores.
    const buttons = screen.getAllByTestId("restore-backup");
    expect(buttons.map((b) => b.className)).toEqual(["primary", ""]);
    expect(buttons.every((b) => b.textContent === "Restore this backup")).toBe(true);
    expect(document.getElementById(buttons[1].getAttribute("aria-describedby") ?? "")?.textContent).toContain("2 maps");
  });

  it("restores the newest, then starts again and shows the library", async () => {
    ipcMock.recoveryStatus.mockResolvedValue(recovery([newest, older]));
    let finish: (r: RestoredDto) => void = () => {};
    ipcMock.restoreBackup.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    render(<App />);
    const buttons = await screen.findAllByTestId("restore-backup");
    ipcMock.start.mockResolvedValue({ maps: [summary], openMapId: null, readOnly: null, notices: [] });

    fireEvent.click(buttons[0]);
    expect(ipcMock.restoreBackup).toHaveBeenCalledWith(newest.path);
    // Every restore button is off while one runs.
    expect(screen.getAllByTestId("restore-backup").every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(buttons[0].textContent).toBe("Restoring…");

    finish(restored);
    expect(await screen.findByTestId("library")).toBeTruthy();
    expect(ipcMock.start).toHaveBeenCalledTimes(2);
    expect(screen.getAllByTestId("map-row")).toHaveLength(1);
    expect(screen.queryByTestId("recovery")).toBeNull();
    expect(screen.getByTestId("status").textContent).toBe(
      `Restored the backup from ${backupTime(newest.takenAt)}; the damaged file was moved aside to ${isolate(restored.movedAside[0])}.`,
    );
  });

  it("opens the map open last time after a restore, as after a normal start", async () => {
    ipcMock.recoveryStatus.mockResolvedValue(recovery([newest]));
    ipcMock.restoreBackup.mockResolvedValue(restored);
    ipcMock.openMap.mockResolvedValue(view());
    render(<App />);
    ipcMock.start.mockResolvedValue({ maps: [summary], openMapId: "jm_1", readOnly: null, notices: [] });
    fireEvent.click(await screen.findByTestId("restore-backup"));
    expect((await screen.findByTestId("board")).getAttribute("data-map-id")).toBe("jm_1");
    expect(screen.getAllByTestId("card")).toHaveLength(3);
  });

  it("says plainly when there is no backup, and offers salvage as the one way out", async () => {
    ipcMock.recoveryStatus.mockResolvedValue(recovery([]));
    render(<App />);
    const page = await screen.findByTestId("recovery");
    expect(screen.getByTestId("recovery-no-backups").textContent).toContain("There is no backup of this file to restore.");
    expect(page.textContent).toContain("left exactly as it was");
    expect(screen.queryAllByTestId("recovery-backup")).toHaveLength(0);
    expect(screen.queryByTestId("restore-backup")).toBeNull();
    // The only button, and the primary one.
    const salvage = screen.getByTestId("salvage") as HTMLButtonElement;
    expect(within(page).getAllByRole("button")).toEqual([salvage]);
    expect(salvage.textContent).toBe("Salvage what can be read");
    expect(salvage.className).toBe("primary");
    expect(salvage.disabled).toBe(false);
    // What it does, said before the click and read with the button.
    const what = screen.getByTestId("salvage-explanation");
    expect(salvage.getAttribute("aria-describedby")).toBe(what.id);
    expect(what.textContent).toContain("every map, touchpoint and piece of feedback that can still be read");
    expect(what.textContent).toContain("new database");
    expect(what.textContent).toContain("never deleted");
    expect(what.textContent).toContain("“… (salvaged)”");
    expect(ipcMock.salvage).not.toHaveBeenCalled();
  });

  it("shows a failed restore inline and lets the user try another backup", async () => {
    ipcMock.recoveryStatus.mockResolvedValue(recovery([newest, older]));
    ipcMock.restoreBackup.mockRejectedValueOnce({ code: "storage", message: "disk full", problems: [] });
    render(<App />);
    const buttons = await screen.findAllByTestId("restore-backup");
    fireEvent.click(buttons[0]);

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("The backup could not be restored: disk full");
    expect(screen.getByTestId("recovery").contains(alert)).toBe(true);
    expect(document.activeElement).toBe(alert);
    expect(screen.queryByTestId("error")).toBeNull();
    // Still on the recovery screen, the buttons on again, and no second start.
    expect(screen.getByTestId("recovery")).toBeTruthy();
    expect(buttons.every((b) => !(b as HTMLButtonElement).disabled)).toBe(true);
    expect(buttons[0].textContent).toBe("Restore this backup");
    expect(ipcMock.start).toHaveBeenCalledTimes(1);

    ipcMock.restoreBackup.mockResolvedValueOnce({ ...restored, backup: older });
    ipcMock.start.mockResolvedValue({ maps: [summary], openMapId: null, readOnly: null, notices: [] });
    fireEvent.click(buttons[1]);
    expect(ipcMock.restoreBackup).toHaveBeenLastCalledWith(older.path);
    expect(await screen.findByTestId("library")).toBeTruthy();
  });

  it("offers salvage below the backups as a last resort", async () => {
    ipcMock.recoveryStatus.mockResolvedValue(recovery([newest, older]));
    render(<App />);
    const salvage = await screen.findByTestId("salvage");
    const lastBackup = screen.getAllByTestId("recovery-backup")[1];
    expect(lastBackup.compareDocumentPosition(salvage) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Not the primary choice: the newest backup is.
    expect(salvage.className).toBe("");
    expect(screen.getAllByTestId("restore-backup")[0].className).toBe("primary");
    expect(screen.getByTestId("salvage-explanation").textContent).toContain("A last resort.");
  });

  it("salvages with every button off while it runs, then starts again on the salvaged map", async () => {
    ipcMock.recoveryStatus.mockResolvedValue(recovery([newest]));
    let finish: (s: SalvagedDto) => void = () => {};
    ipcMock.salvage.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    ipcMock.openMap.mockResolvedValue(view({ map: { ...view().map, name: "Map (salvaged)" } }));
    render(<App />);
    const salvage = (await screen.findByTestId("salvage")) as HTMLButtonElement;
    const salvagedSummary = { ...summary, name: "Map (salvaged)" };
    ipcMock.start.mockResolvedValue({
      maps: [salvagedSummary],
      openMapId: "jm_1",
      readOnly: null,
      notices: ["The maps were salvaged from a damaged file."],
    });

    fireEvent.click(salvage);
    expect(ipcMock.salvage).toHaveBeenCalledTimes(1);
    expect(ipcMock.salvage).toHaveBeenCalledWith();
    expect(salvage.disabled).toBe(true);
    expect(salvage.textContent).toBe("Salvaging…");
    expect((screen.getByTestId("restore-backup") as HTMLButtonElement).disabled).toBe(true);
    // A second click does nothing while it runs.
    fireEvent.click(salvage);
    expect(ipcMock.salvage).toHaveBeenCalledTimes(1);

    const result: SalvagedDto = {
      maps: [{ name: "Map (salvaged)", touchpoints: 3, feedback: 7 }],
      rowsLeftOut: 2,
      mapsLost: ["Old map: a stage is missing"],
      movedAside: ["/data/journeymap.db.damaged-20250303T100000Z", "/data/journeymap.db-wal.damaged-20250303T100000Z"],
    };
    finish(result);
    // As after a restore: start again, and the map open last time opens.
    expect((await screen.findByTestId("board")).getAttribute("data-map-id")).toBe("jm_1");
    expect(ipcMock.start).toHaveBeenCalledTimes(2);
    expect(ipcMock.openMap).toHaveBeenCalledWith("jm_1");
    expect(screen.getByTestId("map-title").textContent).toContain("Map (salvaged)");
    expect(screen.queryByTestId("recovery")).toBeNull();
    const status = screen.getByTestId("status").textContent;
    expect(status).toBe(salvagedStatus(result));
    expect(status).toContain("3 touchpoints, 7 feedback items");
    expect(status).toContain("2 items could not be recovered");
    expect(status).toContain(isolate("Old map: a stage is missing"));
    expect(status).toContain(isolate(result.movedAside[0]));
    expect(noticeText(screen.getByTestId("notice"))).toBe("The maps were salvaged from a damaged file.");
  });

  it("shows a failed salvage as text next to its button and lets the user try again", async () => {
    ipcMock.recoveryStatus.mockResolvedValue(recovery([]));
    ipcMock.salvage.mockRejectedValueOnce({ code: "io", message: "no space left on <b>/data</b>", problems: [] });
    render(<App />);
    const salvage = (await screen.findByTestId("salvage")) as HTMLButtonElement;
    fireEvent.click(salvage);

    const alert = await screen.findByTestId("salvage-error");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toBe("The maps could not be salvaged: no space left on <b>/data</b>");
    expect(alert.querySelector("b")).toBeNull();
    expect(document.activeElement).toBe(alert);
    expect(screen.queryByTestId("recovery-error")).toBeNull();
    expect(screen.queryByTestId("error")).toBeNull();
    // Still here, the button on again, and no second start.
    expect(salvage.disabled).toBe(false);
    expect(salvage.textContent).toBe("Salvage what can be read");
    expect(ipcMock.start).toHaveBeenCalledTimes(1);

    ipcMock.salvage.mockResolvedValueOnce({ maps: [], rowsLeftOut: 0, mapsLost: [], movedAside: [] });
    ipcMock.start.mockResolvedValue({ maps: [], openMapId: null, readOnly: null, notices: [] });
    fireEvent.click(salvage);
    expect(await screen.findByTestId("library")).toBeTruthy();
    expect(screen.getByTestId("status").textContent).toBe("No maps could be salvaged.");
  });

  it("shows the error over the library when the database is open but start failed", async () => {
    ipcMock.recoveryStatus.mockResolvedValue(null);
    render(<App />);
    expect((await screen.findByTestId("error")).textContent).toContain("file is not a database");
    expect(screen.getByTestId("library")).toBeTruthy();
    expect(screen.queryByTestId("recovery")).toBeNull();
  });
});

describe("App read-only", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.spyOn(console, "error").mockImplementation(() => {});
    ipcMock.openMap.mockResolvedValue(view({ canUndo: true, canRedo: true }));
    ipcMock.listMaps.mockResolvedValue([summary]);
  });
  afterEach(cleanup);

  it("shows the banner and turns the map's edits off", async () => {
    ipcMock.start.mockResolvedValue({ maps: [summary], openMapId: "jm_1", readOnly: "its folder is read-only", notices: [] });
    render(<App />);
    await screen.findByTestId("board");
    const banner = screen.getByTestId("read-only-banner");
    expect(banner.getAttribute("role")).toBe("status");
    expect(banner.textContent).toBe("Read-only: its folder is read-only. You can look, search and export; edits are off.");

    for (const id of ["undo", "redo", "add-stage", "add-lane", "import"]) {
      expect(screen.getByTestId(id)).toHaveProperty("disabled", true);
    }
    // What only shows the map stays on.
    for (const id of ["to-library", "export", "insight-toggle", "heatmap-toggle"]) {
      expect(screen.getByTestId(id)).toHaveProperty("disabled", false);
    }
    expect(screen.queryAllByTestId("add-touchpoint")).toHaveLength(0);
    expect(screen.queryAllByTestId("delete-stage")).toHaveLength(0);
    expect(screen.getAllByTestId("card").every((c) => c.getAttribute("draggable") === "false")).toBe(true);

    // A card still opens its details, read-only.
    fireEvent.click(screen.getAllByTestId("card")[0]);
    const title = (await screen.findByTestId("field-title")) as HTMLInputElement;
    expect(title.readOnly).toBe(true);
    expect(screen.getByTestId("field-pain")).toHaveProperty("disabled", true);
    expect(screen.queryByTestId("delete-touchpoint")).toBeNull();
    expect(screen.queryByTestId("link-create")).toBeNull();

    // An edit that gets through anyway is refused at once, never sent, never "saved".
    fireEvent.change(title, { target: { value: "Changed" } });
    fireEvent.blur(title);
    expect((await screen.findByTestId("error")).textContent).toContain("can only be read");
    expect(ipcMock.updateTouchpoint).not.toHaveBeenCalled();
    await waitFor(() => expect(title.value).not.toBe("Changed"));
    expect(screen.getByTestId("status").textContent).toBe("");
  });

  it("hides the library's create, import and row edits", async () => {
    ipcMock.start.mockResolvedValue({ maps: [summary], openMapId: null, readOnly: "it is on read-only storage", notices: [] });
    render(<App />);
    await screen.findByTestId("library");
    expect(screen.getByTestId("read-only-banner").textContent).toContain("Read-only: it is on read-only storage.");
    expect(screen.queryByTestId("new-map")).toBeNull();
    expect(screen.queryByTestId("import")).toBeNull();
    expect(screen.queryByTestId("rename-map")).toBeNull();
    expect(screen.queryByTestId("delete-map")).toBeNull();
    expect(screen.getAllByTestId("map-row")).toHaveLength(1);
  });

  it("shows no banner and keeps edits on when the database is writable", async () => {
    ipcMock.start.mockResolvedValue({ maps: [summary], openMapId: "jm_1", readOnly: null, notices: [] });
    render(<App />);
    await screen.findByTestId("board");
    expect(screen.queryByTestId("read-only-banner")).toBeNull();
    expect(screen.getByTestId("add-stage")).toHaveProperty("disabled", false);
    expect(screen.getByTestId("undo")).toHaveProperty("disabled", false);
    expect(screen.getAllByTestId("add-touchpoint").length).toBeGreaterThan(0);
  });
});

/** A notice's text, without its dismiss button's. */
const noticeText = (n: HTMLElement) => within(n).getByTestId("notice-text").textContent;

describe("App notices", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.spyOn(console, "error").mockImplementation(() => {});
    ipcMock.listMaps.mockResolvedValue([summary]);
  });
  afterEach(cleanup);

  it("shows each notice from start as text, isolated, and dismisses them one by one", async () => {
    const moved = "A journeymap.db-wal that did not belong was moved aside to /data/\u202Eevil.db-wal <img src=x onerror=alert(1)>";
    const salvaged = "Your maps were salvaged from a damaged file.";
    ipcMock.start.mockResolvedValue({ maps: [summary], openMapId: null, readOnly: null, notices: [moved, salvaged, salvaged] });
    render(<App />);
    await screen.findByTestId("library");
    const notices = screen.getAllByTestId("notice");
    expect(notices.map(noticeText)).toEqual([moved, salvaged, salvaged]);
    // Text, never markup; the text in a <bdi>, so a bidi control in a path reorders only the notice.
    expect(notices[0].querySelector("img")).toBeNull();
    expect(notices[0].querySelector("bdi")?.textContent).toBe(moved);
    expect(notices[0].getAttribute("role")).toBe("status");
    expect(notices[0].className).not.toBe(screen.queryByTestId("read-only-banner")?.className);

    const dismiss = screen.getAllByTestId("dismiss-notice");
    expect(dismiss).toHaveLength(3);
    expect(dismiss[0].getAttribute("aria-label")).toBe("Dismiss notice");
    expect(document.getElementById(dismiss[0].getAttribute("aria-describedby") ?? "")?.textContent).toBe(moved);
    // Dismissing the second of two equal notices leaves the other one.
    fireEvent.click(dismiss[1]);
    expect(screen.getAllByTestId("notice").map(noticeText)).toEqual([moved, salvaged]);
    fireEvent.click(screen.getAllByTestId("dismiss-notice")[0]);
    expect(screen.getAllByTestId("notice").map(noticeText)).toEqual([salvaged]);
    fireEvent.click(screen.getByTestId("dismiss-notice"));
    expect(screen.queryByTestId("notice")).toBeNull();
    // The library is untouched by it.
    expect(screen.getAllByTestId("map-row")).toHaveLength(1);
  });

  it("shows notices alongside the read-only banner", async () => {
    ipcMock.start.mockResolvedValue({ maps: [summary], openMapId: null, readOnly: "its folder is read-only", notices: ["Heads up."] });
    render(<App />);
    await screen.findByTestId("library");
    expect(screen.getByTestId("read-only-banner")).toBeTruthy();
    expect(noticeText(screen.getByTestId("notice"))).toBe("Heads up.");
    expect(screen.getByTestId("notice").className).toBe("notice-banner");
  });

  it("shows no notice when start has none", async () => {
    ipcMock.start.mockResolvedValue({ maps: [summary], openMapId: null, readOnly: null, notices: [] });
    render(<App />);
    await screen.findByTestId("library");
    expect(screen.queryByTestId("notice")).toBeNull();
    expect(screen.queryByTestId("dismiss-notice")).toBeNull();
  });
});
