// Words for the recovery screen: when a backup was taken (in the user's local time), why,
// what it holds, and the status line after a restore or a salvage. Pure, so Vitest checks
// them alone.
import type { BackupDto, RestoredDto, SalvagedDto } from "../bindings";
import { isolate } from "./bidi";
import { plural } from "./metrics";

// Seconds shown too: periodic backups can be minutes apart, and the user picks by time.
const LOCAL = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** When a backup was taken, in the user's locale and time zone; the raw text if it does not parse. */
export function backupTime(takenAt: string): string {
  const ms = Date.parse(takenAt);
  return Number.isNaN(ms) ? takenAt : LOCAL.format(new Date(ms));
}

/** The reasons the store writes (journey-store's backup.rs), in plain words. */
const REASONS: Record<string, string> = {
  daily: "Daily backup",
  periodic: "Periodic backup, taken while you worked",
  manual: "Manual backup",
  "before-migration": "Taken before the database was upgraded",
  "before-restore": "Taken before an earlier restore",
};

/** Why a backup was taken, in words; a reason this UI does not know is shown as it is. */
export function backupReason(reason: string): string {
  return Object.hasOwn(REASONS, reason) ? REASONS[reason] : reason;
}

/** What a backup holds: "1 map, 50 touchpoints, 108 feedback items". */
export function backupContents(b: Pick<BackupDto, "maps" | "touchpoints" | "feedback">): string {
  return `${plural(b.maps, "map")}, ${plural(b.touchpoints, "touchpoint")}, ${plural(b.feedback, "feedback item")}`;
}

/**
 * The status after a restore. Paths are isolated: a file name may hold bidi controls,
 * which must not reorder the sentence. The first path moved aside is the database itself
 * (the rest are its -wal/-shm files).
 */
export function restoredStatus(r: RestoredDto): string {
  const when = `Restored the backup from ${backupTime(r.backup.takenAt)}`;
  const aside = r.movedAside[0];
  return aside === undefined ? `${when}.` : `${when}; the damaged file was moved aside to ${isolate(aside)}.`;
}

/**
 * The status after a salvage: each map kept with what it holds, how many items were left
 * out, the maps that could not be kept (with why), and where the damaged file went. Map
 * names, reasons and paths are isolated (user text; a path may hold bidi controls).
 */
export function salvagedStatus(s: SalvagedDto): string {
  const kept =
    s.maps.length === 0
      ? "No maps could be salvaged."
      : `Salvaged ${plural(s.maps.length, "map")}: ${s.maps
          .map((m) => `${isolate(m.name)} (${plural(m.touchpoints, "touchpoint")}, ${plural(m.feedback, "feedback item")})`)
          .join(", ")}.`;
  const sentences = [kept];
  if (s.rowsLeftOut > 0) {
    sentences.push(`${plural(s.rowsLeftOut, "item")} could not be recovered and ${s.rowsLeftOut === 1 ? "was" : "were"} left out.`);
  }
  if (s.mapsLost.length > 0) {
    sentences.push(`${plural(s.mapsLost.length, "map")} could not be kept: ${s.mapsLost.map(isolate).join("; ")}.`);
  }
  const aside = s.movedAside[0];
  if (aside !== undefined) sentences.push(`The damaged file was moved aside to ${isolate(aside)}.`);
  return sentences.join(" ");
}

/** Why the database can only be read, without a final full stop (the banner adds its own). */
export function readOnlyReason(reason: string): string {
  return reason.trim().replace(/\.$/, "");
}

/**
 * What an edit attempted on a read-only database shows instead of running: the reason
 * isolated (it may quote a path), and "can only be read" as the backend's refusal says.
 */
export function readOnlyRefusal(reason: string): string {
  return `Not saved: this database can only be read (${isolate(readOnlyReason(reason))}).`;
}
