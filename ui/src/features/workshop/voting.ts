// Dot voting as plain data: which touchpoints a round is over (its scope, in the order
// the round shows them), one voter's dots within the round's rules, the room's tally
// checked as the backend checks it, the RoundFields a finished round is saved as (every
// item listed, 0 dots included), a saved round ranked, every round side by side, and each
// touchpoint's dots in the latest round over it (the card's and the insight panel's
// figure). No names: a ballot is counts only, and it is added to the totals and dropped.
import type { MapView, RoundDto, RoundFields, VoteDto } from "../../bindings";
import { isolate } from "../../lib/bidi";
import { cellItems, groupByCell } from "../../lib/cells";
import type { MapState } from "../map/mapStore";

/** Each voter's dots when a round starts (the backend allows 1–MAX_BUDGET). */
export const DEFAULT_BUDGET = 3;
export const MAX_BUDGET = 100;
export const MAX_VOTERS = 10_000;
/** Most characters of a round's name and of its scope label (the backend's text limit). */
export const TEXT_LIMIT = 200;

/** What a round is over. */
export type Scope =
  | { kind: "painPoints" }
  | { kind: "stage"; stageId: string }
  | { kind: "lane"; laneId: string }
  | { kind: "picked"; ids: ReadonlySet<string> };
export type ScopeKind = Scope["kind"];

/** A touchpoint as a round shows it. */
export type VoteItem = { id: string; title: string; stageId: string; laneId: string; stage: string; lane: string };

/** The rules one voter's dots follow. */
export type DotRules = { budget: number; onePerItem: boolean };

/**
 * The touchpoints on visible lanes in the board's order, stage by stage (left to right),
 * within a stage lane by lane (top to bottom), within a cell as the cell lists them.
 * Hidden lanes are left out: a round is over what the room sees on the board.
 */
export function boardItems(view: MapView): VoteItem[] {
  const cells = groupByCell(view.touchpoints);
  const lanes = view.lanes.filter((l) => !l.hidden);
  const out: VoteItem[] = [];
  for (const s of view.stages) {
    for (const l of lanes) {
      for (const t of cellItems(cells, s.id, l.id)) {
        out.push({ id: t.id, title: t.title, stageId: s.id, laneId: l.id, stage: s.name, lane: l.name });
      }
    }
  }
  return out;
}

/**
 * The round's items in the order it shows them: the pain points in the analysis's
 * ranking (`painRanking`, null while it is being fetched: no items yet), a stage's or a
 * lane's touchpoints in board order, or the hand-picked ones in board order.
 */
export function scopeItems(scope: Scope, view: MapView, painRanking: readonly string[] | null): VoteItem[] {
  const all = boardItems(view);
  switch (scope.kind) {
    case "painPoints": {
      if (painRanking === null) return [];
      const byId = new Map(all.map((x) => [x.id, x]));
      return painRanking.flatMap((id) => byId.get(id) ?? []);
    }
    case "stage":
      return all.filter((x) => x.stageId === scope.stageId);
    case "lane":
      return all.filter((x) => x.laneId === scope.laneId);
    case "picked":
      return all.filter((x) => scope.ids.has(x.id));
  }
}

/** The scope as a round records it: "All pain points", "Stage: Onboard", "Lane: Support", "Hand-picked (5)". */
export function scopeLabel(scope: Scope, view: MapView, count: number): string {
  switch (scope.kind) {
    case "painPoints":
      return "All pain points";
    case "stage":
      return clip(`Stage: ${view.stages.find((s) => s.id === scope.stageId)?.name ?? "?"}`);
    case "lane":
      return clip(`Lane: ${view.lanes.find((l) => l.id === scope.laneId)?.name ?? "?"}`);
    case "picked":
      return `Hand-picked (${count})`;
  }
}

/** Text cut to the backend's limit (by characters, not UTF-16 units), ending in "…" when cut. */
export function clip(text: string, limit = TEXT_LIMIT): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join("")}…`;
}

/** "Round N" for the next round, N one more than the rounds saved (skipping a name taken). */
export function defaultRoundName(rounds: readonly RoundDto[]): string {
  const taken = new Set(rounds.map((r) => r.name));
  let n = rounds.length + 1;
  while (taken.has(`Round ${n}`)) n++;
  return `Round ${n}`;
}

/** A whole number typed into a field, in [min, max]; null when it is not one. */
export function parseWhole(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

// One voter's dots.

/** One voter's dots per touchpoint (only counts: no name). */
export type Ballot = ReadonlyMap<string, number>;
export const EMPTY_BALLOT: Ballot = new Map();

export function ballotTotal(b: Ballot): number {
  let n = 0;
  for (const d of b.values()) n += d;
  return n;
}

/** How many dots the voter has still to place. */
export function dotsLeft(b: Ballot, rules: DotRules): number {
  return Math.max(0, rules.budget - ballotTotal(b));
}

/** Whether one more dot may go on the item: dots are left, and with one dot per item, it has none yet. */
export function canAddDot(b: Ballot, id: string, rules: DotRules): boolean {
  return dotsLeft(b, rules) > 0 && (!rules.onePerItem || (b.get(id) ?? 0) === 0);
}

/** The ballot with one more dot on the item (the same ballot when the rules refuse it). */
export function addDot(b: Ballot, id: string, rules: DotRules): Ballot {
  if (!canAddDot(b, id, rules)) return b;
  const next = new Map(b);
  next.set(id, (b.get(id) ?? 0) + 1);
  return next;
}

/** The ballot with one dot fewer on the item (the same ballot when it has none). */
export function removeDot(b: Ballot, id: string): Ballot {
  const had = b.get(id) ?? 0;
  if (had === 0) return b;
  const next = new Map(b);
  if (had === 1) next.delete(id);
  else next.set(id, had - 1);
  return next;
}

/** The totals with a ballot added (the ballot itself is not kept). */
export function addBallot(totals: ReadonlyMap<string, number>, b: Ballot): Map<string, number> {
  const next = new Map(totals);
  for (const [id, d] of b) next.set(id, (next.get(id) ?? 0) + d);
  return next;
}

// The room's tally.

/**
 * Why a tally cannot be saved, or null when it fits the round's rules (as the backend
 * checks them): 1–MAX_VOTERS voters, every count a whole number, no more dots than voters
 * × budget, and with one dot per item no item with more dots than voters.
 */
export function tallyProblem(counts: readonly (number | null)[], voters: number | null, rules: DotRules): string | null {
  if (voters === null) return `Enter how many people voted (1–${MAX_VOTERS}).`;
  if (counts.some((c) => c === null)) return "Every count must be a whole number (0 or more).";
  const total = counts.reduce<number>((n, c) => n + (c ?? 0), 0);
  const most = voters * rules.budget;
  if (total > most) return `${total} dots is more than ${voters} voters × ${rules.budget} dots = ${most}.`;
  if (rules.onePerItem && counts.some((c) => (c ?? 0) > voters)) {
    return `With one dot per item, no item can have more dots than the ${voters} voters.`;
  }
  return null;
}

/** The round to save: every item in scope, in the order shown, with its dots (0 included). */
export function roundFields(
  round: { name: string; budget: number; onePerItem: boolean; scope: string },
  items: readonly VoteItem[],
  counts: ReadonlyMap<string, number>,
  voters: number,
): RoundFields {
  return {
    name: round.name.trim(),
    budget: round.budget,
    voters,
    onePerItem: round.onePerItem,
    scope: round.scope,
    votes: items.map((x) => ({ touchpointId: x.id, dots: counts.get(x.id) ?? 0 })),
  };
}

// Results.

export type RankedVote = {
  /** 1 for the most dots; equal counts share a rank ("1, 2, 2, 4"). */
  rank: number;
  touchpointId: string;
  dots: number;
  /** Share of all dots placed, in percent to one decimal (0 when none were placed). */
  share: number;
};

/** A round's items, most dots first; equal counts keep the order they were shown in (as the CSV ranks them). */
export function rankVotes(votes: readonly VoteDto[]): RankedVote[] {
  const total = votes.reduce((n, v) => n + v.dots, 0);
  const order = votes.map((v, i) => ({ v, i })).sort((a, b) => b.v.dots - a.v.dots || a.i - b.i);
  const out: RankedVote[] = [];
  order.forEach(({ v }, i) => {
    const prev = out[out.length - 1];
    out.push({
      rank: prev !== undefined && prev.dots === v.dots ? prev.rank : i + 1,
      touchpointId: v.touchpointId,
      dots: v.dots,
      share: total === 0 ? 0 : Math.round((1000 * v.dots) / total) / 10,
    });
  });
  return out;
}

export function roundTotal(r: RoundDto): number {
  return r.votes.reduce((n, v) => n + v.dots, 0);
}

/** Every round side by side: one row per touchpoint in any round, most dots over all rounds first. */
export type RoundsTable = {
  rounds: readonly RoundDto[];
  /** `dots[i]` is the touchpoint's dots in `rounds[i]`, null when that round was not over it. */
  rows: { touchpointId: string; dots: (number | null)[] }[];
};

export function roundsTable(rounds: readonly RoundDto[]): RoundsTable {
  const rows = new Map<string, { touchpointId: string; dots: (number | null)[]; sum: number; first: number }>();
  rounds.forEach((r, i) => {
    for (const v of r.votes) {
      let row = rows.get(v.touchpointId);
      if (row === undefined) {
        row = { touchpointId: v.touchpointId, dots: rounds.map(() => null), sum: 0, first: rows.size };
        rows.set(v.touchpointId, row);
      }
      row.dots[i] = v.dots;
      row.sum += v.dots;
    }
  });
  const sorted = [...rows.values()].sort((a, b) => b.sum - a.sum || a.first - b.first);
  return { rounds, rows: sorted.map(({ touchpointId, dots }) => ({ touchpointId, dots })) };
}

// Votes on the board.

/** A touchpoint's dots in the latest round that was over it. */
export type LatestVote = { dots: number; round: RoundDto };

const latestCache = new WeakMap<readonly RoundDto[], ReadonlyMap<string, LatestVote>>();
let lastLatest: ReadonlyMap<string, LatestVote> = new Map();

/**
 * Each touchpoint's dots in the latest round (the last in the view's list) whose scope
 * included it. Built once per rounds array, and an entry equal to the one before keeps
 * its object, so a card whose figure did not change is not rendered again.
 */
export function latestVotes(rounds: readonly RoundDto[]): ReadonlyMap<string, LatestVote> {
  const cached = latestCache.get(rounds);
  if (cached !== undefined) return cached;
  const out = new Map<string, LatestVote>();
  for (const round of rounds) for (const v of round.votes) out.set(v.touchpointId, { dots: v.dots, round });
  for (const [id, e] of out) {
    const old = lastLatest.get(id);
    if (old !== undefined && old.round === e.round && old.dots === e.dots) out.set(id, old);
  }
  lastLatest = out;
  latestCache.set(rounds, out);
  return out;
}

/** A card's figure: its dots in the latest round over it (undefined when no round was). */
export const selectLatestVote =
  (id: string) =>
  (s: MapState): LatestVote | undefined =>
    latestVotes(s.session.view.rounds).get(id);

/** "4 votes in Round 2" (the round's name isolated: it is user text in a string). */
export function votesLabel(v: LatestVote): string {
  return `${v.dots} ${v.dots === 1 ? "vote" : "votes"} in ${isolate(v.round.name)}`;
}
