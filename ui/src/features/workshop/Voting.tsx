// The dot-voting screen (a sibling view of the board, opened with the toolbar's Vote):
// set up a round (name, budget, scope, one dot per item, tally or pass the laptop), then
// either type the room's counts or hand the laptop round, each voter placing their dots
// on a screen of their own; a neutral hand-over screen lies between voters, and nothing
// shows a previous voter's dots or a running total until the facilitator reveals them.
// Revealing saves the round (one edit through the map's edit queue, so undo covers it)
// and shows its ranked results; every saved round is listed side by side below.
//
// The round in progress lives in memory only (no voter names, ever): a ballot is added
// to the totals and dropped when its voter is done. It is kept per map store while the
// screen is left and opened again, resuming at the hand-over screen.
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import type { MapView } from "../../bindings";
import { ipc } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { formatTimestamp } from "../../lib/dates";
import { plural } from "../../lib/metrics";
import { isTypingTarget } from "../../lib/shortcuts";
import { ConfirmButton } from "../common/ConfirmButton";
import { useEditsOff } from "../common/readOnly";
import { type MapStore, selectView, useMapSelector, useMapStore } from "../map/mapStore";
import type { Edit } from "../map/useMapSession";
import { RoundsView } from "./Rounds";
import {
  addBallot,
  addDot,
  type Ballot,
  boardItems,
  canAddDot,
  DEFAULT_BUDGET,
  defaultRoundName,
  dotsLeft,
  EMPTY_BALLOT,
  MAX_BUDGET,
  MAX_VOTERS,
  parseWhole,
  rankVotes,
  removeDot,
  roundFields,
  roundTotal,
  type Scope,
  type ScopeKind,
  scopeItems,
  scopeLabel,
  TEXT_LIMIT,
  tallyProblem,
  type VoteItem,
} from "./voting";
import "./voting.css";

type Mode = "tally" | "private";

/** The setup form as typed (the name null while it is the default "Round N"). */
type Draft = {
  name: string | null;
  budget: string;
  scope: ScopeKind;
  stageId: string;
  laneId: string;
  picked: ReadonlySet<string>;
  onePerItem: boolean;
  mode: Mode;
};

/** A started round: its rules and its items, fixed when it started. */
type Running = { name: string; budget: number; onePerItem: boolean; scope: string; items: VoteItem[] };

type Totals = ReadonlyMap<string, number>;

type Phase =
  | { step: "setup" }
  | { step: "tally"; round: Running; counts: Readonly<Record<string, string>>; voters: string }
  | { step: "ballot"; round: Running; voted: number; totals: Totals; ballot: Ballot }
  | { step: "handover"; round: Running; voted: number; totals: Totals }
  | { step: "results"; roundId: string };

const NEW_DRAFT: Draft = {
  name: null,
  budget: String(DEFAULT_BUDGET),
  scope: "painPoints",
  stageId: "",
  laneId: "",
  picked: new Set(),
  onePerItem: false,
  mode: "private",
};

/** The screen's state per open map, kept while the screen is closed (memory only). */
const kept = new WeakMap<MapStore, { phase: Phase; draft: Draft }>();

/** Where a round kept from before resumes: an unfinished ballot is dropped, at the hand-over screen. */
function resume(phase: Phase): Phase {
  if (phase.step !== "ballot") return phase;
  return phase.voted === 0
    ? { ...phase, ballot: EMPTY_BALLOT }
    : { step: "handover", round: phase.round, voted: phase.voted, totals: phase.totals };
}

export function VotingView({ edit }: { edit: Edit }) {
  const store = useMapStore();
  const view = useMapSelector(selectView);
  const painRanking = useMapSelector((s) => s.analysis?.painRanking ?? null);
  const [phase, setPhase] = useState<Phase>(() => resume(kept.get(store)?.phase ?? { step: "setup" }));
  const [draft, setDraft] = useState<Draft>(() => kept.get(store)?.draft ?? NEW_DRAFT);
  const [saving, setSaving] = useState(false);
  // Set at once (the state only after a render): a double click saves one round.
  const savingNow = useRef(false);

  useEffect(() => {
    kept.set(store, { phase, draft });
  }, [store, phase, draft]);

  const isPrivate = phase.step === "ballot" || phase.step === "handover";
  useBlockMapKeys(isPrivate);

  const save = (round: Running, counts: Totals, voters: number) => {
    if (savingNow.current) return;
    savingNow.current = true;
    setSaving(true);
    // A card deleted (or undone away) while the round ran is left out: the round's other
    // counts still fit its rules, and the backend refuses a vote on a missing card.
    const present = new Set(view.touchpoints.map((t) => t.id));
    const fields = roundFields(
      round,
      round.items.filter((x) => present.has(x.id)),
      counts,
      voters,
    );
    void edit(
      (mapId) => ipc.saveRound(mapId, fields),
      (result) => {
        if (result.createdId !== null) setPhase({ step: "results", roundId: result.createdId });
        // The next round gets the next default name.
        setDraft((d) => ({ ...d, name: null }));
      },
    ).finally(() => {
      savingNow.current = false;
      setSaving(false);
    });
  };

  const shownRound = phase.step === "results" ? view.rounds.find((r) => r.id === phase.roundId) : undefined;
  let body: ReactNode;
  if (phase.step === "tally") {
    body = (
      <TallyStep
        phase={phase}
        saving={saving}
        onChange={(p) => setPhase({ ...phase, ...p })}
        onBack={() => setPhase({ step: "setup" })}
        onSave={(counts, voters) => save(phase.round, counts, voters)}
      />
    );
  } else if (phase.step === "ballot") {
    body = (
      <BallotStep
        key={phase.voted}
        round={phase.round}
        voter={phase.voted + 1}
        ballot={phase.ballot}
        onBallot={(ballot) => setPhase({ ...phase, ballot })}
        onDone={() =>
          setPhase({ step: "handover", round: phase.round, voted: phase.voted + 1, totals: addBallot(phase.totals, phase.ballot) })
        }
        onCancel={() => setPhase({ step: "setup" })}
      />
    );
  } else if (phase.step === "handover") {
    body = (
      <HandoverStep
        voted={phase.voted}
        saving={saving}
        onNext={() => setPhase({ ...phase, step: "ballot", ballot: EMPTY_BALLOT })}
        onReveal={() => save(phase.round, phase.totals, phase.voted)}
        onCancel={() => setPhase({ step: "setup" })}
      />
    );
  } else if (shownRound !== undefined) {
    body = <Results round={shownRound} view={view} onNewRound={() => setPhase({ step: "setup" })} />;
  } else {
    // The setup, and also where a shown round that was deleted (or undone) leaves.
    body = (
      <SetupForm
        view={view}
        painRanking={painRanking}
        draft={draft}
        onDraft={setDraft}
        onStart={(round, mode) =>
          setPhase(
            mode === "tally"
              ? { step: "tally", round, counts: {}, voters: "" }
              : { step: "ballot", round, voted: 0, totals: new Map(), ballot: EMPTY_BALLOT },
          )
        }
      />
    );
  }

  return (
    <div
      className={isPrivate ? "voting voting--private" : "voting"}
      data-testid="voting"
      data-view="voting"
      data-step={phase.step === "results" && shownRound === undefined ? "setup" : phase.step}
    >
      <div className="voting__main">{body}</div>
      {/* Nothing but the voter's own screen while the laptop goes round. */}
      {!isPrivate && (
        <RoundsView
          rounds={view.rounds}
          view={view}
          edit={edit}
          shownId={shownRound?.id ?? null}
          onShow={(roundId) => setPhase({ step: "results", roundId })}
        />
      )}
    </div>
  );
}

/**
 * While the laptop goes round, the map's keys (and the browser's) do nothing: a stray
 * letter must not switch the view. Tab, Enter and Space still work the buttons (their
 * default actions are left alone); fields keep their keys.
 */
function useBlockMapKeys(on: boolean) {
  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target instanceof HTMLElement ? e.target : null)) return;
      // Escape closes a confirmation ("Cancel the round?") rather than choosing it.
      if (e.key === "Escape") return;
      e.stopPropagation();
      if (e.key === "F5" || e.ctrlKey || e.metaKey || e.altKey) e.preventDefault();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [on]);
}

// Setup.

type SetupProps = {
  view: MapView;
  painRanking: readonly string[] | null;
  draft: Draft;
  onDraft: (d: Draft) => void;
  onStart: (round: Running, mode: Mode) => void;
};

function SetupForm({ view, painRanking, draft, onDraft, onStart }: SetupProps) {
  const editsOff = useEditsOff();
  const set = (p: Partial<Draft>) => onDraft({ ...draft, ...p });
  const visibleLanes = useMemo(() => view.lanes.filter((l) => !l.hidden), [view.lanes]);
  const stageId = view.stages.some((s) => s.id === draft.stageId) ? draft.stageId : (view.stages[0]?.id ?? "");
  const laneId = visibleLanes.some((l) => l.id === draft.laneId) ? draft.laneId : (visibleLanes[0]?.id ?? "");
  const scope = useMemo<Scope>(
    () =>
      draft.scope === "stage"
        ? { kind: "stage", stageId }
        : draft.scope === "lane"
          ? { kind: "lane", laneId }
          : draft.scope === "picked"
            ? { kind: "picked", ids: draft.picked }
            : { kind: "painPoints" },
    [draft.scope, stageId, laneId, draft.picked],
  );
  const items = useMemo(() => scopeItems(scope, view, painRanking), [scope, view, painRanking]);
  const all = useMemo(() => boardItems(view), [view]);
  // Picks of touchpoints deleted since do not count.
  const pickedCount = all.filter((x) => draft.picked.has(x.id)).length;
  const painCount = painRanking === null ? null : scopeItems({ kind: "painPoints" }, view, painRanking).length;

  const name = draft.name ?? defaultRoundName(view.rounds);
  const budget = parseWhole(draft.budget, 1, MAX_BUDGET);
  const problem = editsOff
    ? "The database can only be read: a round could not be saved."
    : name.trim() === ""
      ? "Name the round."
      : budget === null
        ? `Each voter has 1–${MAX_BUDGET} dots.`
        : items.length > 0
          ? null
          : draft.scope === "painPoints"
            ? painRanking === null
              ? "Analysing the map…"
              : "No touchpoint has a pain score above 0."
            : draft.scope === "picked"
              ? "Pick at least one touchpoint."
              : "No touchpoints there.";

  const start = () => {
    if (problem !== null || budget === null) return;
    onStart({ name: name.trim(), budget, onePerItem: draft.onePerItem, scope: scopeLabel(scope, view, items.length), items }, draft.mode);
  };

  const radio = (kind: ScopeKind, label: ReactNode, extra?: ReactNode) => (
    <div className="voting__scope-option">
      <label>
        <input
          type="radio"
          name="round-scope"
          data-testid={`round-scope-${kind}`}
          checked={draft.scope === kind}
          onChange={() => set({ scope: kind })}
        />{" "}
        {label}
      </label>
      {extra}
    </div>
  );

  return (
    <form
      className="voting__setup"
      aria-labelledby="voting-setup-title"
      onSubmit={(e) => {
        e.preventDefault();
        start();
      }}
    >
      <h2 id="voting-setup-title">New voting round</h2>
      <div className="voting__row">
        <label>
          Name{" "}
          <input type="text" data-testid="round-name" maxLength={TEXT_LIMIT} value={name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label>
          Dots per voter{" "}
          <input
            type="number"
            data-testid="round-budget"
            min={1}
            max={MAX_BUDGET}
            step={1}
            value={draft.budget}
            onChange={(e) => set({ budget: e.target.value })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="round-one-per-item"
            checked={draft.onePerItem}
            onChange={(e) => set({ onePerItem: e.target.checked })}
          />{" "}
          At most one dot per item per voter
        </label>
      </div>

      <fieldset className="voting__scope">
        <legend>What the round is over</legend>
        {radio("painPoints", painCount === null ? "All pain points" : `All pain points (${painCount})`)}
        {radio(
          "stage",
          "One stage:",
          <select
            aria-label="Stage"
            data-testid="round-stage"
            value={stageId}
            onChange={(e) => set({ scope: "stage", stageId: e.target.value })}
          >
            {view.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>,
        )}
        {radio(
          "lane",
          "One lane:",
          <select
            aria-label="Lane"
            data-testid="round-lane"
            value={laneId}
            onChange={(e) => set({ scope: "lane", laneId: e.target.value })}
          >
            {visibleLanes.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>,
        )}
        {radio("picked", `Hand-picked (${pickedCount === 0 ? "none yet" : pickedCount})`)}
        {draft.scope === "picked" && <PickList items={all} picked={draft.picked} onPicked={(picked) => set({ picked })} />}
      </fieldset>

      <fieldset className="voting__mode">
        <legend>How the room votes</legend>
        <label>
          <input
            type="radio"
            name="round-mode"
            data-testid="round-mode-tally"
            checked={draft.mode === "tally"}
            onChange={() => set({ mode: "tally" })}
          />{" "}
          Tally: you type each item's count (hands raised)
        </label>
        <label>
          <input
            type="radio"
            name="round-mode"
            data-testid="round-mode-private"
            checked={draft.mode === "private"}
            onChange={() => set({ mode: "private" })}
          />{" "}
          Pass the laptop: each voter places their dots privately
        </label>
      </fieldset>

      <div className="voting__actions">
        <button type="submit" className="primary" data-testid="round-start" disabled={problem !== null}>
          Start the round
        </button>
        <span className="voting__note" data-testid="round-problem">
          {problem ?? `${plural(items.length, "item")} in the round.`}
        </span>
      </div>
    </form>
  );
}

/** The hand-picked scope's checkboxes, stage by stage in board order. */
function PickList({
  items,
  picked,
  onPicked,
}: {
  items: VoteItem[];
  picked: ReadonlySet<string>;
  onPicked: (p: ReadonlySet<string>) => void;
}) {
  const groups = useMemo(() => {
    const out: { stageId: string; stage: string; items: VoteItem[] }[] = [];
    for (const x of items) {
      const last = out[out.length - 1];
      if (last !== undefined && last.stageId === x.stageId) last.items.push(x);
      else out.push({ stageId: x.stageId, stage: x.stage, items: [x] });
    }
    return out;
  }, [items]);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(id);
    else next.delete(id);
    onPicked(next);
  };
  if (items.length === 0) return <p className="voting__note">The board has no touchpoints on a shown lane.</p>;
  return (
    <div className="voting__picks">
      {groups.map((g) => (
        <fieldset key={g.stageId} className="voting__pick-stage">
          <legend>
            <bdi>{g.stage}</bdi>
          </legend>
          {g.items.map((x) => (
            <label key={x.id} className="voting__pick">
              <input
                type="checkbox"
                data-testid="scope-pick"
                data-touchpoint-id={x.id}
                checked={picked.has(x.id)}
                onChange={(e) => toggle(x.id, e.target.checked)}
              />{" "}
              <bdi>{x.title}</bdi>{" "}
              <span className="voting__muted">
                · <bdi>{x.lane}</bdi>
              </span>
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}

/** The round's rules in words: "3 dots each, at most one per item". */
function rulesText(r: { budget: number; onePerItem: boolean }): string {
  return `${plural(r.budget, "dot")} each${r.onePerItem ? ", at most one per item" : ""}`;
}

// Tally.

type TallyPhase = Extract<Phase, { step: "tally" }>;

function TallyStep({
  phase,
  saving,
  onChange,
  onBack,
  onSave,
}: {
  phase: TallyPhase;
  saving: boolean;
  onChange: (p: Partial<Pick<TallyPhase, "counts" | "voters">>) => void;
  onBack: () => void;
  onSave: (counts: Totals, voters: number) => void;
}) {
  const { round } = phase;
  const voters = parseWhole(phase.voters, 1, MAX_VOTERS);
  const parsed = round.items.map((x) => {
    const text = phase.counts[x.id] ?? "";
    return text.trim() === "" ? 0 : parseWhole(text, 0, MAX_BUDGET * MAX_VOTERS);
  });
  const problem = tallyProblem(parsed, voters, round);
  const total = parsed.reduce<number>((n, c) => n + (c ?? 0), 0);
  const save = () => {
    if (problem !== null || voters === null) return;
    onSave(new Map(round.items.map((x, i) => [x.id, parsed[i] ?? 0])), voters);
  };
  return (
    <form
      className="voting__tally"
      aria-labelledby="voting-tally-title"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h2 id="voting-tally-title">
        <bdi>{round.name}</bdi>: the room's tally
      </h2>
      <p className="voting__muted">
        {rulesText(round)} · <bdi>{round.scope}</bdi>
      </p>
      <label className="voting__voters">
        Voters{" "}
        <input
          type="number"
          data-testid="voters-input"
          min={1}
          max={MAX_VOTERS}
          step={1}
          value={phase.voters}
          onChange={(e) => onChange({ voters: e.target.value })}
        />
      </label>
      <ol className="voting__tally-list">
        {round.items.map((x, i) => (
          <li key={x.id} className="voting__tally-item">
            <label>
              <span className="voting__item-title">
                <bdi>{x.title}</bdi>
              </span>{" "}
              <span className="voting__muted">
                <bdi>{x.stage}</bdi> · <bdi>{x.lane}</bdi>
              </span>
              <input
                type="number"
                data-testid="tally-input"
                data-touchpoint-id={x.id}
                min={0}
                step={1}
                placeholder="0"
                aria-invalid={parsed[i] === null}
                value={phase.counts[x.id] ?? ""}
                onChange={(e) => onChange({ counts: { ...phase.counts, [x.id]: e.target.value } })}
              />
            </label>
          </li>
        ))}
      </ol>
      <p className="voting__note" data-testid="tally-total" aria-live="polite">
        {problem ?? `${plural(total, "dot")} of at most ${(voters ?? 0) * round.budget}.`}
      </p>
      <div className="voting__actions">
        <button type="submit" className="primary" data-testid="reveal" disabled={problem !== null || saving}>
          Save and show the results
        </button>
        <button type="button" onClick={onBack}>
          Back to the setup
        </button>
      </div>
    </form>
  );
}

// Passing the laptop.

function BallotStep({
  round,
  voter,
  ballot,
  onBallot,
  onDone,
  onCancel,
}: {
  round: Running;
  voter: number;
  ballot: Ballot;
  onBallot: (b: Ballot) => void;
  onDone: () => void;
  onCancel: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const left = dotsLeft(ballot, round);
  return (
    <section className="voting__ballot" aria-labelledby="voting-ballot-title">
      <h2 id="voting-ballot-title" ref={heading} tabIndex={-1} data-testid="voter-heading">
        Voter {voter} — place your {plural(round.budget, "dot")}
      </h2>
      <p className="voting__left" data-testid="dots-left" aria-live="polite">
        {left === 0 ? "All your dots are placed." : `${plural(left, "dot")} left`}
        {round.onePerItem ? " · at most one per item" : ""}
      </p>
      <ul className="vote-items">
        {round.items.map((x) => {
          const dots = ballot.get(x.id) ?? 0;
          const can = canAddDot(ballot, x.id, round);
          return (
            <li key={x.id} className={dots > 0 ? "vote-item-row vote-item-row--chosen" : "vote-item-row"}>
              <button
                type="button"
                className="vote-item"
                data-testid="vote-item"
                data-touchpoint-id={x.id}
                data-dots={dots}
                // aria-disabled, not disabled: the focused button keeps its focus when the dots run out.
                aria-disabled={!can}
                aria-label={`${isolate(x.title)}, ${isolate(x.stage)}, ${isolate(x.lane)}: ${plural(dots, "dot")} of yours${can ? ". Add a dot" : ""}`}
                onClick={() => can && onBallot(addDot(ballot, x.id, round))}
              >
                <span className="vote-item__title">
                  <bdi>{x.title}</bdi>
                </span>
                <span className="vote-item__where">
                  <bdi>{x.stage}</bdi> · <bdi>{x.lane}</bdi>
                </span>
                <span className="vote-item__dots" aria-hidden="true">
                  {"●".repeat(dots)}
                </span>
              </button>
              {dots > 0 && (
                <button
                  type="button"
                  className="vote-item__remove"
                  data-testid="vote-remove"
                  data-touchpoint-id={x.id}
                  aria-label={`Remove a dot from ${isolate(x.title)}`}
                  onClick={() => onBallot(removeDot(ballot, x.id))}
                >
                  − dot
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <div className="voting__actions">
        <button type="button" className="primary" data-testid="voter-done" onClick={onDone}>
          Done, hand over
        </button>
        <ConfirmButton
          label="Cancel the round"
          prompt="Cancel this round? No dots are saved."
          confirmLabel="Cancel the round"
          onConfirm={onCancel}
        />
      </div>
    </section>
  );
}

function HandoverStep({
  voted,
  saving,
  onNext,
  onReveal,
  onCancel,
}: {
  voted: number;
  saving: boolean;
  onNext: () => void;
  onReveal: () => void;
  onCancel: () => void;
}) {
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), []);
  return (
    <section className="voting__handover" aria-labelledby="voting-handover-title" data-testid="handover">
      <h2 id="voting-handover-title">Pass to the next voter</h2>
      <p data-testid="voted-count">
        {voted === 1 ? "1 voter has" : `${voted} voters have`} voted. The dots stay hidden until the results are revealed.
      </p>
      <div className="voting__actions">
        <button ref={next} type="button" className="primary" data-testid="next-voter" disabled={voted >= MAX_VOTERS} onClick={onNext}>
          Next voter
        </button>
        <button type="button" data-testid="reveal" disabled={saving} onClick={onReveal}>
          All voted — reveal
        </button>
        <ConfirmButton
          label="Cancel the round"
          prompt="Cancel this round? No dots are saved."
          confirmLabel="Cancel the round"
          onConfirm={onCancel}
        />
      </div>
    </section>
  );
}

// Results.

function Results({ round, view, onNewRound }: { round: MapView["rounds"][number]; view: MapView; onNewRound: () => void }) {
  const names = useMemo(() => itemNames(view), [view]);
  const ranked = useMemo(() => rankVotes(round.votes), [round.votes]);
  const total = roundTotal(round);
  const most = ranked[0]?.dots ?? 0;
  return (
    <section className="voting__results" aria-labelledby="voting-results-title" data-testid="results" data-round-id={round.id}>
      <h2 id="voting-results-title">
        Results: <bdi>{round.name}</bdi>
      </h2>
      <p className="voting__facts" data-testid="results-facts">
        {formatTimestamp(round.heldAt)} · {plural(round.voters, "voter")} · {rulesText(round)} · <bdi>{round.scope}</bdi> ·{" "}
        {plural(total, "dot")} placed
      </p>
      <ol className="results">
        {ranked.map((r) => {
          const n = names.get(r.touchpointId);
          return (
            <li key={r.touchpointId} className="result" data-testid="result-row" data-touchpoint-id={r.touchpointId} data-rank={r.rank}>
              <span className="result__rank">{r.rank}</span>
              <span className="result__title">
                {n === undefined ? "(deleted touchpoint)" : <bdi>{n.title}</bdi>}
                {n !== undefined && (
                  <span className="voting__muted">
                    {" "}
                    <bdi>{n.stage}</bdi> · <bdi>{n.lane}</bdi>
                  </span>
                )}
              </span>
              <span className="result__bar" aria-hidden="true">
                <span className="result__bar-fill" style={{ width: most === 0 ? 0 : `${(r.dots / most) * 100}%` }} />
              </span>
              <span className="result__dots" data-testid="result-dots">
                {r.dots}
              </span>
              <span className="result__share">{r.share.toFixed(1)}%</span>
            </li>
          );
        })}
      </ol>
      <p className="voting__muted">Saved with the map: undo (Ctrl+Z) takes it back.</p>
      <div className="voting__actions">
        <button type="button" className="primary" data-testid="round-new" onClick={onNewRound}>
          New round
        </button>
      </div>
    </section>
  );
}

/** Each touchpoint's title, stage and lane names by id (a round may name one deleted since). */
export function itemNames(view: MapView): ReadonlyMap<string, { title: string; stage: string; lane: string }> {
  const stages = new Map(view.stages.map((s) => [s.id, s.name]));
  const lanes = new Map(view.lanes.map((l) => [l.id, l.name]));
  return new Map(
    view.touchpoints.map((t) => [t.id, { title: t.title, stage: stages.get(t.stageId) ?? "", lane: lanes.get(t.laneId) ?? "" }]),
  );
}
