import { describe, expect, it } from "vitest";
import { isolate } from "./bidi";
import { backupContents, backupReason, backupTime, readOnlyReason, readOnlyRefusal, restoredStatus, salvagedStatus } from "./recovery";

const backup = { path: "/b/1.db", takenAt: "2025-03-02T09:15:00.000Z", reason: "daily", maps: 1, touchpoints: 50, feedback: 108 };

describe("recovery words", () => {
  it("counts what a backup holds with the right plurals", () => {
    expect(backupContents(backup)).toBe("1 map, 50 touchpoints, 108 feedback items");
    expect(backupContents({ maps: 0, touchpoints: 1, feedback: 1 })).toBe("0 maps, 1 touchpoint, 1 feedback item");
  });

  it("says why in words, and shows an unknown reason as it is", () => {
    expect(backupReason("daily")).toBe("Daily backup");
    expect(backupReason("periodic")).toBe("Periodic backup, taken while you worked");
    expect(backupReason("manual")).toBe("Manual backup");
    expect(backupReason("before-migration")).toBe("Taken before the database was upgraded");
    expect(backupReason("toString")).toBe("toString");
    expect(backupReason("nightly")).toBe("nightly");
  });

  it("shows the time in local time, or the raw text when it does not parse", () => {
    expect(backupTime(backup.takenAt)).not.toBe(backup.takenAt);
    expect(backupTime(backup.takenAt)).toMatch(/2025/);
    expect(backupTime("soon")).toBe("soon");
  });

  it("says what a restore did, the path isolated", () => {
    const r = { backup, movedAside: ["/data/j.db.before-restore-x", "/data/j.db-wal.before-restore-x"] };
    expect(restoredStatus(r)).toBe(
      `Restored the backup from ${backupTime(backup.takenAt)}; the damaged file was moved aside to ${isolate("/data/j.db.before-restore-x")}.`,
    );
    expect(restoredStatus({ backup, movedAside: [] })).toBe(`Restored the backup from ${backupTime(backup.takenAt)}.`);
  });

  it("says what a salvage kept, left out and lost, names and paths isolated", () => {
    const s = {
      maps: [
        { name: "Onboarding (salvaged)", touchpoints: 12, feedback: 1 },
        { name: "\u202ERenewal (salvaged)", touchpoints: 1, feedback: 0 },
      ],
      rowsLeftOut: 3,
      mapsLost: ["Billing: its stages could not be read"],
      movedAside: ["/data/j.db.damaged-x", "/data/j.db-wal.damaged-x"],
    };
    expect(salvagedStatus(s)).toBe(
      `Salvaged 2 maps: ${isolate("Onboarding (salvaged)")} (12 touchpoints, 1 feedback item), ${isolate("\u202ERenewal (salvaged)")} (1 touchpoint, 0 feedback items). ` +
        `3 items could not be recovered and were left out. ` +
        `1 map could not be kept: ${isolate("Billing: its stages could not be read")}. ` +
        `The damaged file was moved aside to ${isolate("/data/j.db.damaged-x")}.`,
    );
    expect(salvagedStatus({ ...s, maps: [s.maps[0]], rowsLeftOut: 1, mapsLost: ["a", "b"], movedAside: [] })).toBe(
      `Salvaged 1 map: ${isolate("Onboarding (salvaged)")} (12 touchpoints, 1 feedback item). ` +
        `1 item could not be recovered and was left out. 2 maps could not be kept: ${isolate("a")}; ${isolate("b")}.`,
    );
    expect(salvagedStatus({ maps: [], rowsLeftOut: 0, mapsLost: [], movedAside: [] })).toBe("No maps could be salvaged.");
  });

  it("words the read-only reason and refusal", () => {
    expect(readOnlyReason("the file is read-only.")).toBe("the file is read-only");
    expect(readOnlyReason("its folder is read-only")).toBe("its folder is read-only");
    expect(readOnlyRefusal("the file is read-only")).toContain("can only be read");
  });
});
