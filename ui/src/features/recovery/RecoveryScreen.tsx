// Shown instead of the library when the database could not be opened (damaged, changed
// by someone else, an empty file): what happened, that nothing was touched, and the good
// backups newest first, each restorable. A restore moves the damaged file aside (never
// deleting it); the app then starts again on the restored database.
import { useId, useLayoutEffect, useRef, useState } from "react";
import type { BackupDto, ErrorDto, RecoveryDto, RestoredDto } from "../../bindings";
import { ipc, toError } from "../../ipc";
import { backupContents, backupReason, backupTime } from "../../lib/recovery";
import "./recovery.css";

type Props = {
  recovery: RecoveryDto;
  /** Called once a restore succeeded: the app starts again on the restored database. */
  onRestored: (restored: RestoredDto) => void;
};

export function RecoveryScreen({ recovery, onRestored }: Props) {
  const titleId = useId();
  // The path being restored; every restore button is disabled while one runs.
  const [restoring, setRestoring] = useState<string | null>(null);
  const [error, setError] = useState<ErrorDto | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  // The pressed button was disabled (and so lost focus) while the restore ran: focus
  // goes to the error instead, just above the list, so the keyboard user is not lost.
  useLayoutEffect(() => {
    if (error !== null) errorRef.current?.focus();
  }, [error]);

  const restore = async (path: string) => {
    setRestoring(path);
    setError(null);
    try {
      onRestored(await ipc.restoreBackup(path));
      // Still disabled: the app leaves this screen now, and a second restore must not start.
    } catch (e) {
      setError(toError(e));
      setRestoring(null);
    }
  };

  const { backups } = recovery;
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
          Nothing has been changed or deleted. Restoring a backup moves the damaged file aside, renamed in the same folder, and never
          deletes it.
        </p>

        <section className="recovery__backups" aria-labelledby={`${titleId}-backups`}>
          <h2 id={`${titleId}-backups`}>Backups</h2>
          {error !== null && (
            <p className="recovery__error" role="alert" data-testid="recovery-error" tabIndex={-1} ref={errorRef}>
              The backup could not be restored: {error.message}
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
                    onRestore={() => void restore(b.path)}
                  />
                ))}
              </ol>
            </>
          )}
        </section>
      </div>
    </main>
  );
}

type ItemProps = {
  backup: BackupDto;
  newest: boolean;
  descriptionId: string;
  restoring: string | null;
  onRestore: () => void;
};

function BackupItem({ backup: b, newest, descriptionId, restoring, onRestore }: ItemProps) {
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
        disabled={restoring !== null}
        onClick={onRestore}
      >
        {restoring === b.path ? "Restoring…" : "Restore this backup"}
      </button>
    </li>
  );
}

/** No good backup: nothing to offer but to keep the file (salvaging from it is not built yet). */
function NoBackups() {
  return (
    <div data-testid="recovery-no-backups">
      <p>
        <strong>There is no backup of this file to restore.</strong>
      </p>
      <p>
        The file has been left exactly as it was. Keep it, and do not delete or replace it: getting maps out of a damaged file is not
        available in Journeymap yet, but you can send the file to support, who may be able to recover them.
      </p>
    </div>
  );
}
