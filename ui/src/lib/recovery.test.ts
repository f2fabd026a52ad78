import { describe, expect, it } from "vitest";
import { isolate } from "./bidi";
import { backupContents, backupReason, backupTime, readOnlyReason, readOnlyRefusal, restoredStatus } from "./recovery";

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

  it("words the read-only reason and refusal", () => {
    expect(readOnlyReason("the file is read-only.")).toBe("the file is read-only");
    expect(readOnlyReason("its folder is read-only")).toBe("its folder is read-only");
    expect(readOnlyRefusal("the file is read-only")).toContain("can only be read");
  });
});
