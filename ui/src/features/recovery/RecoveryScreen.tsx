// Shown instead of the library when the database could not be opened (damaged, changed
// by someone else, an empty file): what happened, that nothing was touched, and the good
// backups newest first, each restorable, and, the last resort (the first when there is no
// backup), salvaging what can still be read into a new database. Either moves the damaged
// file aside (never deleting it); the app then starts again on the new database.
import { type RefObject, useId, useLayoutEffect, useRef, useState } from "react";
import type { BackupDto, ErrorDto, RecoveryDto, RestoredDto, SalvagedDto } from "../../bindings";
import { ipc, toError } from "../../ipc";
import { backupContents, backupReason, backupTime } from "../../lib/recovery";
import "./recovery.css";

type Props = {
  recovery: RecoveryDto;
  /** Called once a restore succeeded: the app starts again on the restored database. */
  onRestored: (restored: RestoredDto) => void;
  /** Called once a salvage succeeded: the app starts again on the new database. */
  onSalvaged: (salvaged: SalvagedDto) => void;
};

/** What is running: a restore (of the backup at `path`) or the salvage. */
type Running = { kind: "restore"; path: string } | { kind: "salvage" } | null;

/** The last failure, shown next to the action that failed. */
type Failure = { kind: "restore" | "salvage"; error: ErrorDto } | null;

export function RecoveryScreen({ recovery, onRestored, onSalvaged }: Props) {
  const titleId = useId();
  // Every restore and salvage button is disabled while one of them runs.
  const [running, setRunning] = useState<Running>(null);
  const [failure, setFailure] = useState<Failure>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  // The pressed button was disabled (and so lost focus) while the action ran: focus goes
  // to the error instead, shown next to it, so the keyboard user is not lost.
  useLayoutEffect(() => {
    if (failure !== null) errorRef.current?.focus();
  }, [failure]);

  const restore = async (path: string) => {
    setRunning({ kind: "restore", path });
    setFailure(null);
    try {
      onRestored(await ipc.restoreBackup(path));
      // Still disabled: the app leaves this screen now, and a second action must not start.
    } catch (e) {
      setFailure({ kind: "restore", error: toError(e) });
      setRunning(null);
    }
  };

  const salvage = async () => {
    setRunning({ kind: "salvage" });
    setFailure(null);
    try {
      onSalvaged(await ipc.salvage());
      // Still disabled, as after a restore.
    } catch (e) {
      setFailure({ kind: "salvage", error: toError(e) });
      setRunning(null);
    }
  };

  const { backups } = recovery;
  const busy = running !== null;
  const restoring = running?.kind === "restore" ? running.path : null;

  return (
    <main className="recovery" data-testid="recovery" aria-labelledby={titleId}>
      <div className="recovery__inner">
        <h1 id={titleId}>Journeymap could not open your maps</h1>
        <p>The file that holds your maps could not be opened. The reason given:</p>
        {/* The store's message as text (never markup), isolated: it quotes a path. */}
        <p className="recovery__problem" data-testid="recovery-problem">
          <bdi>{recovery.problem}</bdi>
        </p>
        <p>
          The file: <bdi className="recovery__path">{recovery.dbPath}</bdi>
        </p>
        <p>
          Nothing has been changed or deleted. Restoring a backup or salvaging moves the damaged file aside, renamed in the same folder, and
          never deletes it.
        </p>

        <section className="recovery__backups" aria-labelledby={`${titleId}-backups`}>
          <h2 id={`${titleId}-backups`}>Backups</h2>
          {failure?.kind === "restore" && (
            <p className="recovery__error" role="alert" data-testid="recovery-error" tabIndex={-1} ref={errorRef}>
              {/* The message as text: it may quote a path. */}
              The backup could not be restored: <bdi>{failure.error.message}</bdi>
            </p>
          )}
          {backups.length === 0 ? (
            <NoBackups />
          ) : (
            <>
              <p>Newest first. A backup holds your maps as they were when it was taken; later changes are not in it.</p>
              <ol className="recovery__list">
                {backups.map((b, i) => (
                  <BackupItem
                    key={b.path}
                    backup={b}
                    newest={i === 0}
                    descriptionId={`${titleId}-backup-${i}`}
                    restoring={restoring}
                    disabled={busy}
                    onRestore={() => void restore(b.path)}
                  />
                ))}
              </ol>
            </>
          )}
        </section>

        <SalvageSection
          id={`${titleId}-salvage`}
          primary={backups.length === 0}
          running={running}
          error={failure?.kind === "salvage" ? failure.error : null}
          errorRef={errorRef}
          onSalvage={() => void salvage()}
        />
      </div>
    </main>
  );
}

type ItemProps = {
  backup: BackupDto;
  newest: boolean;
  descriptionId: string;
  restoring: string | null;
  disabled: boolean;
  onRestore: () => void;
};

function BackupItem({ backup: b, newest, descriptionId, restoring, disabled, onRestore }: ItemProps) {
  return (
    <li className="recovery__backup" data-testid="recovery-backup" data-path={b.path} data-reason={b.reason}>
      {/* What the button restores, read with it (every button has the same text). */}
      <div className="recovery__backup-text" id={descriptionId}>
        <p className="recovery__when">
          <time dateTime={b.takenAt} title={`${b.takenAt} (UTC)`} data-testid="backup-time">
            {backupTime(b.takenAt)}
          </time>
          {newest && <span className="chip">Newest</span>}
        </p>
        <p>
          <span data-testid="backup-reason">{backupReason(b.reason)}</span>
          {" · "}
          <span data-testid="backup-contents">{backupContents(b)}</span>
        </p>
        <p className="recovery__file">
          <bdi>{b.path}</bdi>
        </p>
      </div>
      <button
        type="button"
        className={newest ? "primary" : undefined}
        data-testid="restore-backup"
        aria-describedby={descriptionId}
        disabled={disabled}
        onClick={onRestore}
      >
        {restoring === b.path ? "Restoring…" : "Restore this backup"}
      </button>
    </li>
  );
}

/** No good backup: salvaging (below) is the way out. */
function NoBackups() {
  return (
    <div data-testid="recovery-no-backups">
      <p>
        <strong>There is no backup of this file to restore.</strong>
      </p>
      <p>The file has been left exactly as it was. You can still salvage what can be read from it, below.</p>
    </div>
  );
}

type SalvageProps = {
  id: string;
  /** The main way out (there is no backup), rather than the last resort below the backups. */
  primary: boolean;
  running: Running;
  error: ErrorDto | null;
  errorRef: RefObject<HTMLParagraphElement | null>;
  onSalvage: () => void;
};

/** Salvaging: what it does, in plain words before the button, and its error if it failed. */
function SalvageSection({ id, primary, running, error, errorRef, onSalvage }: SalvageProps) {
  return (
    <section className={primary ? "recovery__salvage recovery__salvage--primary" : "recovery__salvage"} aria-labelledby={id}>
      <h2 id={id}>{primary ? "Salvage what can be read" : "If no backup will do: salvage what can be read"}</h2>
      <div id={`${id}-what`} data-testid="salvage-explanation">
        {!primary && (
          <p>
            A last resort. A backup is complete as it was when it was taken; salvaging may keep later changes, but only the parts of the
            damaged file that can still be read.
          </p>
        )}
        <p>
          Journeymap reads every map, touchpoint and piece of feedback that can still be read from the damaged file and keeps them in a new
          database. What cannot be read is left out, and you will be told how much.
        </p>
        <p>
          The damaged file is kept: it is moved aside, renamed in the same folder, and never deleted. Salvaged maps are named “… (salvaged)”
          so you can tell them apart.
        </p>
      </div>
      {error !== null && (
        <p className="recovery__error" role="alert" data-testid="salvage-error" tabIndex={-1} ref={errorRef}>
          The maps could not be salvaged: <bdi>{error.message}</bdi>
        </p>
      )}
      <button
        type="button"
        className={primary ? "primary" : undefined}
        data-testid="salvage"
        aria-describedby={`${id}-what`}
        disabled={running !== null}
        onClick={onSalvage}
      >
        {running?.kind === "salvage" ? "Salvaging…" : "Salvage what can be read"}
      </button>
    </section>
  );
}
