// Presentation mode: the map walked through on a projector, full screen, driven from the
// keyboard only (keys.ts). Three walks built from the analysis (walks.ts): the top pain
// points, stage by stage, and the pain path; a tab strip names them with their keys, and
// the map's name, the progress ("3 / 12") and the facilitator's timer stay on screen. It
// shows no panel, toolbar or button: the map screen renders this instead of the board
// while the store's mode is "present". The one thing typed during the walk is a decision
// or opportunity on the touchpoint on screen (D or O, DecisionSlot.tsx), saved through the
// map screen's edit queue like any other edit.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Analysis, DecisionFields, DecisionKind, MapView } from "../../bindings";
import { ipc } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { decisionsOf } from "../../lib/decisions";
import { isTypingTarget } from "../../lib/shortcuts";
import { type MapStore, selectAnalysis, selectReadOnly, selectView, useMapSelector, useMapStore } from "../map/mapStore";
import { selectNeedsAnalysis } from "../map/useMapInsight";
import type { Edit } from "../map/useMapSession";
import { DecisionSlot } from "./DecisionSlot";
import { setFullscreen } from "./fullscreen";
import { type DigitBuffer, digitJump, PRESENTATION_KEYS, type PresentationCommand, presentationCommand } from "./keys";
import { SlideView } from "./Slides";
import { Timer, useTimer } from "./Timer";
import { buildWalks, EMPTY_WALK, type Slide, WALKS, type WalkKind } from "./walks";
import "./workshop.css";

type Props = {
  /** The open map's view (names, stages, lanes, touchpoints). */
  view: MapView;
  /** The latest analysis, or null while it is being fetched. */
  analysis: Analysis | null;
  /** Leaves the presentation (Escape). */
  onLeave: () => void;
  /**
   * Saves a decision or opportunity on a touchpoint (resolves true once stored). Without
   * it (no edit queue, or a read-only database) D and O do nothing.
   */
  onAddDecision?: (touchpointId: string, fields: DecisionFields) => Promise<boolean>;
};

const START: Record<WalkKind, number> = { painpoints: 0, stages: 0, path: 0 };

/**
 * Opens the presentation (the store's mode "present"). An analysis kept from a view
 * closed since is dropped rather than shown stale, and one sent without the evidence
 * rows rather than shown without evidence: the walk waits for the fresh one, which the
 * map screen fetches while presenting.
 */
export function openPresentation(store: MapStore): void {
  store.set((s) => ({
    mode: "present",
    linkMode: null,
    adding: null,
    // The walks read every touchpoint's evidence: an analysis sent without the rows waits too.
    analysis: selectNeedsAnalysis(s) && s.analysisRows ? s.analysis : null,
  }));
}

/**
 * The presentation of the open map, read from the map store; Escape goes back to the board.
 * Decisions typed during the walk go through `edit`, the map screen's edit queue.
 */
export function PresentationScreen({ edit }: { edit?: Edit }) {
  const store = useMapStore();
  const view = useMapSelector(selectView);
  const analysis = useMapSelector(selectAnalysis);
  const readOnly = useMapSelector(selectReadOnly);
  const addDecision = useCallback(
    async (touchpointId: string, fields: DecisionFields) =>
      edit !== undefined && (await edit((mapId) => ipc.addDecision(mapId, touchpointId, fields))) !== null,
    [edit],
  );
  return (
    <Presentation
      view={view}
      analysis={analysis}
      onLeave={() => store.set({ mode: "edit" })}
      onAddDecision={edit === undefined || readOnly !== null ? undefined : addDecision}
    />
  );
}

export function Presentation({ view, analysis, onLeave, onAddDecision }: Props) {
  const walks = useMemo(() => (analysis === null ? null : buildWalks(analysis, view)), [analysis, view]);
  const [walk, setWalk] = useState<WalkKind>("painpoints");
  // Each walk keeps its place, so switching walks and back returns to the same item.
  const [positions, setPositions] = useState(START);
  const [help, setHelp] = useState(false);
  // The open decision entry (after D or O) and the slide it was opened on.
  // `n` counts the key presses, so D pressed again puts focus back in the entry's text.
  const [entry, setEntry] = useState<{ kind: DecisionKind; slide: string; n: number } | null>(null);
  const timer = useTimer();
  const digits = useRef<DigitBuffer | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const slides: Slide[] = walks?.[walk] ?? [];
  const count = slides.length;
  // An edit during the walk may shorten it: stay on the last item then.
  const index = Math.max(0, Math.min(positions[walk], count - 1));
  const slide = slides[index];
  const touchpointId = slide === undefined || slide.kind === "stage" ? null : slide.touchpointId;
  const writable = onAddDecision !== undefined;
  const entryKind = entry !== null && slide !== undefined && entry.slide === slide.key ? entry.kind : null;
  const decisions = useMemo(() => (touchpointId === null ? [] : decisionsOf(view.decisions, touchpointId)), [view.decisions, touchpointId]);

  // Closing the entry gives the keys back to the walk.
  const closeEntry = useCallback(() => {
    setEntry(null);
    root.current?.focus();
  }, []);
  const saveDecision = useCallback(
    (fields: DecisionFields) =>
      touchpointId === null || onAddDecision === undefined ? Promise.resolve(false) : onAddDecision(touchpointId, fields),
    [touchpointId, onAddDecision],
  );

  // The real window goes full screen, and back when the presentation closes.
  useEffect(() => {
    void setFullscreen(true);
    root.current?.focus();
    return () => void setFullscreen(false);
  }, []);

  // The latest state, for the key handler registered once.
  const slideKey = touchpointId === null || !writable ? null : (slide?.key ?? null);
  const latest = useRef({ walk, index, count, help, onLeave, timer: timer.controls, slideKey, entryOpen: entryKind !== null, closeEntry });
  latest.current = { walk, index, count, help, onLeave, timer: timer.controls, slideKey, entryOpen: entryKind !== null, closeEntry };

  useEffect(() => {
    const run = (c: PresentationCommand) => {
      const s = latest.current;
      const go = (i: number) => setPositions((p) => ({ ...p, [s.walk]: Math.max(0, Math.min(i, s.count - 1)) }));
      switch (c.type) {
        case "next":
          return go(s.index + 1);
        case "previous":
          return go(s.index - 1);
        case "first":
          return go(0);
        case "last":
          return go(s.count - 1);
        case "digit": {
          const jump = digitJump(digits.current, c.digit, Date.now(), s.count);
          digits.current = jump.buffer;
          if (jump.index !== null) go(jump.index);
          return;
        }
        case "walk":
          return setWalk(c.walk);
        case "cycleWalk": {
          const at = WALKS.findIndex((w) => w.kind === s.walk);
          return setWalk(WALKS[(at + c.by + WALKS.length) % WALKS.length].kind);
        }
        case "timerToggle":
          return s.timer.toggle();
        case "timerAdd":
          return s.timer.add(c.minutes);
        case "timerReset":
          return s.timer.reset();
        case "decide": {
          // Only on a slide about one touchpoint, and only where edits are possible.
          const on = s.slideKey;
          if (on !== null) setEntry((e) => ({ kind: c.kind, slide: on, n: (e?.n ?? 0) + 1 }));
          return;
        }
        case "help":
          return setHelp((h) => !h);
        case "leave":
          return s.help ? setHelp(false) : s.entryOpen ? s.closeEntry() : s.onLeave();
      }
    };
    // In the capture phase on the window, before anything else: the map screen's own keys
    // (and the browser's, such as F5's reload) never run behind the presentation. A field
    // (the decision entry) keeps its keys.
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target instanceof HTMLElement ? e.target : null)) return;
      e.stopPropagation();
      const c = presentationCommand(e);
      if (c === null) {
        if (e.key === "F5") e.preventDefault();
        return;
      }
      e.preventDefault();
      run(c);
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  const mapName = view.map.name;
  const timeUp = timer.phase === "done";
  return (
    <div
      ref={root}
      className={timeUp ? "presentation presentation--time-up" : "presentation"}
      data-testid="presentation"
      data-walk={walk}
      role="dialog"
      aria-modal="true"
      aria-label={`Presentation of ${isolate(mapName)}`}
      tabIndex={-1}
    >
      <header className="presentation__top">
        <p className="presentation__map" data-testid="presentation-map-name">
          <bdi>{mapName}</bdi>
        </p>
        <ol className="presentation__walks" aria-label="Walks">
          {WALKS.map((w) => (
            <li
              key={w.kind}
              className={w.kind === walk ? "presentation__walk presentation__walk--current" : "presentation__walk"}
              data-testid={`walk-${w.kind}`}
              aria-current={w.kind === walk ? "step" : undefined}
            >
              <kbd>{w.key}</kbd> {w.label}
            </li>
          ))}
        </ol>
        <Timer left={timer.left} phase={timer.phase} />
      </header>

      <div className="presentation__stage" aria-live="polite">
        {walks === null ? (
          <p className="presentation__message" data-testid="presentation-loading">
            Analysing the map…
          </p>
        ) : slide === undefined ? (
          <p className="presentation__message" data-testid="slide-empty">
            {EMPTY_WALK[walk]}
          </p>
        ) : (
          <SlideView
            key={slide.key}
            slide={slide}
            curve={analysis?.curve ?? []}
            walk={slides}
            decisions={
              touchpointId === null ? null : (
                <DecisionSlot
                  decisions={decisions}
                  entry={entryKind}
                  focusKey={entry?.n ?? 0}
                  writable={writable}
                  onSave={saveDecision}
                  onClose={closeEntry}
                />
              )
            }
          />
        )}
      </div>

      <footer className="presentation__bottom">
        <div className="presentation__bar" aria-hidden="true">
          <div className="presentation__bar-done" style={{ width: count === 0 ? 0 : `${((index + 1) / count) * 100}%` }} />
        </div>
        <span className="presentation__hint">? keys · Esc leaves</span>
        <span className="presentation__progress" data-testid="progress">
          {count === 0 ? "0 / 0" : `${index + 1} / ${count}`}
        </span>
      </footer>

      {help && <KeysHelp />}
    </div>
  );
}

/** The presentation's keys, over the slide (? or Escape closes it). */
function KeysHelp() {
  return (
    <div className="presentation__help" data-testid="presentation-help">
      <h2>Keys</h2>
      <dl>
        {PRESENTATION_KEYS.map((k) => (
          <div key={k.keys}>
            <dt>{k.keys}</dt>
            <dd>{k.help}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
