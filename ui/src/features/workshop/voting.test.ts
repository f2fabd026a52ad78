import { describe, expect, it } from "vitest";
import type { RoundDto } from "../../bindings";
import { view } from "../../lib/testData";
import { workshopAnalysis, workshopView } from "./testSample";
import {
  addBallot,
  addDot,
  ballotTotal,
  boardItems,
  canAddDot,
  clip,
  defaultRoundName,
  dotsLeft,
  EMPTY_BALLOT,
  latestVotes,
  parseWhole,
  rankVotes,
  removeDot,
  roundFields,
  roundsTable,
  scopeItems,
  scopeLabel,
  tallyProblem,
  votesLabel,
} from "./voting";

function round(id: string, votes: [string, number][], over: Partial<RoundDto> = {}): RoundDto {
  return {
    id,
    name: id,
    heldAt: "2026-12-03T10:00:00Z",
    budget: 3,
    voters: 4,
    onePerItem: false,
    scope: "All pain points",
    votes: votes.map(([touchpointId, dots]) => ({ touchpointId, dots })),
    ...over,
  };
}

const ids = (items: { id: string }[]) => items.map((x) => x.id);

describe("a voter's dots", () => {
  const rules = { budget: 3, onePerItem: false };

  it("stays within the budget", () => {
    let b = EMPTY_BALLOT;
    for (const id of ["a", "a", "b", "c"]) b = addDot(b, id, rules);
    expect([...b]).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
    expect(ballotTotal(b)).toBe(3);
    expect(dotsLeft(b, rules)).toBe(0);
    expect(canAddDot(b, "c", rules)).toBe(false);
    // Refused: the same ballot comes back.
    expect(addDot(b, "c", rules)).toBe(b);
  });

  it("puts at most one dot on an item with one dot per item", () => {
    const one = { budget: 3, onePerItem: true };
    const b = addDot(EMPTY_BALLOT, "a", one);
    expect(canAddDot(b, "a", one)).toBe(false);
    expect(addDot(b, "a", one)).toBe(b);
    expect(canAddDot(b, "b", one)).toBe(true);
    expect(dotsLeft(b, one)).toBe(2);
  });

  it("takes a dot off again, and nothing off an item without one", () => {
    const b = addDot(addDot(EMPTY_BALLOT, "a", rules), "a", rules);
    expect(removeDot(b, "a").get("a")).toBe(1);
    expect(removeDot(removeDot(b, "a"), "a").has("a")).toBe(false);
    expect(removeDot(b, "z")).toBe(b);
    expect(dotsLeft(removeDot(b, "a"), rules)).toBe(2);
  });

  it("adds ballots into totals without keeping them", () => {
    const first = addDot(addDot(EMPTY_BALLOT, "a", rules), "b", rules);
    const second = addDot(addDot(EMPTY_BALLOT, "a", rules), "a", rules);
    const totals = addBallot(addBallot(new Map(), first), second);
    expect([...totals]).toEqual([
      ["a", 3],
      ["b", 1],
    ]);
  });
});

describe("the room's tally", () => {
  const rules = { budget: 3, onePerItem: false };

  it("needs the voters and whole counts", () => {
    expect(tallyProblem([1, 2], null, rules)).toMatch(/how many people voted/);
    expect(tallyProblem([1, null], 2, rules)).toMatch(/whole number/);
    expect(tallyProblem([0, 0], 1, rules)).toBeNull();
  });

  it("allows no more dots than voters × budget", () => {
    expect(tallyProblem([4, 2], 2, rules)).toBeNull();
    expect(tallyProblem([4, 3], 2, rules)).toBe("7 dots is more than 2 voters × 3 dots = 6.");
  });

  it("allows no item more dots than voters with one dot per item", () => {
    const one = { budget: 3, onePerItem: true };
    expect(tallyProblem([2, 2, 2], 2, one)).toBeNull();
    expect(tallyProblem([3, 0], 2, one)).toMatch(/one dot per item/);
  });

  it("reads whole numbers in range only", () => {
    expect(parseWhole(" 12 ", 1, 100)).toBe(12);
    expect(parseWhole("0", 1, 100)).toBeNull();
    expect(parseWhole("101", 1, 100)).toBeNull();
    expect(parseWhole("2.5", 0, 100)).toBeNull();
    expect(parseWhole("-1", 0, 100)).toBeNull();
    expect(parseWhole("", 0, 100)).toBeNull();
  });
});

describe("ranking", () => {
  it("ranks most dots first; ties share a rank and keep the order shown", () => {
    const ranked = rankVotes(
      round("r", [
        ["a", 1],
        ["b", 3],
        ["c", 1],
        ["d", 0],
        ["e", 3],
      ]).votes,
    );
    expect(ranked.map((r) => [r.rank, r.touchpointId, r.dots, r.share])).toEqual([
      [1, "b", 3, 37.5],
      [1, "e", 3, 37.5],
      [3, "a", 1, 12.5],
      [3, "c", 1, 12.5],
      [5, "d", 0, 0],
    ]);
  });

  it("gives shares of 0 when no dot was placed", () => {
    expect(
      rankVotes(
        round("r", [
          ["a", 0],
          ["b", 0],
        ]).votes,
      ).map((r) => [r.rank, r.share]),
    ).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });
});

describe("saving a round", () => {
  it("lists every item in the order shown, 0 dots included", () => {
    const items = boardItems(workshopView());
    const fields = roundFields(
      { name: "  Round 1 ", budget: 3, onePerItem: true, scope: "Stage: Buy" },
      items.filter((x) => x.stageId === "st_c"),
      new Map([["tp_4", 2]]),
      2,
    );
    expect(fields).toEqual({
      name: "Round 1",
      budget: 3,
      voters: 2,
      onePerItem: true,
      scope: "Stage: Buy",
      votes: [
        { touchpointId: "tp_4", dots: 2 },
        { touchpointId: "tp_3", dots: 0 },
      ],
    });
  });

  it("names the next round after the rounds saved, skipping a name taken", () => {
    expect(defaultRoundName([])).toBe("Round 1");
    expect(defaultRoundName([round("a", [], { name: "Kick-off" })])).toBe("Round 2");
    expect(defaultRoundName([round("a", [], { name: "Round 2" })])).toBe("Round 3");
  });
});

describe("scopes", () => {
  const v = workshopView();
  const ranking = workshopAnalysis(v).painRanking;

  it("lists the board's touchpoints stage by stage, lane by lane, without hidden lanes", () => {
    expect(ids(boardItems(v))).toEqual(["tp_1", "tp_2", "tp_4", "tp_3"]);
  });

  it("takes the pain points in the analysis's ranking, on shown lanes", () => {
    // tp_5 is ranked, but on a hidden lane.
    expect(ids(scopeItems({ kind: "painPoints" }, v, ranking))).toEqual(["tp_2", "tp_3", "tp_1"]);
    expect(scopeItems({ kind: "painPoints" }, v, null)).toEqual([]);
  });

  it("takes a stage's, a lane's or the picked touchpoints in board order", () => {
    expect(ids(scopeItems({ kind: "stage", stageId: "st_c" }, v, ranking))).toEqual(["tp_4", "tp_3"]);
    expect(ids(scopeItems({ kind: "lane", laneId: "ln_1" }, v, ranking))).toEqual(["tp_1", "tp_2", "tp_4"]);
    expect(ids(scopeItems({ kind: "picked", ids: new Set(["tp_3", "tp_1"]) }, v, ranking))).toEqual(["tp_1", "tp_3"]);
    const item = scopeItems({ kind: "stage", stageId: "st_b" }, v, ranking)[0];
    expect(item).toEqual({ id: "tp_2", title: "Checkout", stageId: "st_b", laneId: "ln_1", stage: "Buy", lane: "Customer" });
  });

  it("labels the scope for the round", () => {
    expect(scopeLabel({ kind: "painPoints" }, v, 3)).toBe("All pain points");
    expect(scopeLabel({ kind: "stage", stageId: "st_b" }, v, 1)).toBe("Stage: Buy");
    expect(scopeLabel({ kind: "lane", laneId: "ln_2" }, v, 1)).toBe("Lane: Support");
    expect(scopeLabel({ kind: "picked", ids: new Set(["a", "b"]) }, v, 5)).toBe("Hand-picked (5)");
    const long = view({ stages: [{ ...v.stages[0], name: "é".repeat(200) }] });
    const label = scopeLabel({ kind: "stage", stageId: "st_a" }, long, 1);
    expect([...label]).toHaveLength(200);
    expect(label.endsWith("…")).toBe(true);
    expect(clip("short")).toBe("short");
  });
});

describe("rounds side by side", () => {
  it("has a row per touchpoint in any round, most dots over all rounds first, null where a round was not over it", () => {
    const rounds = [
      round("r1", [
        ["a", 1],
        ["b", 2],
      ]),
      round("r2", [
        ["c", 2],
        ["a", 3],
      ]),
    ];
    expect(roundsTable(rounds).rows).toEqual([
      { touchpointId: "a", dots: [1, 3] },
      { touchpointId: "b", dots: [2, null] },
      { touchpointId: "c", dots: [null, 2] },
    ]);
  });
});

describe("votes on the board", () => {
  it("takes each touchpoint's dots from the latest round over it", () => {
    const r1 = round(
      "r1",
      [
        ["a", 1],
        ["b", 2],
      ],
      { name: "Round 1" },
    );
    const r2 = round("r2", [["a", 4]], { name: "Round 2" });
    const latest = latestVotes([r1, r2]);
    expect(latest.get("a")).toEqual({ dots: 4, round: r2 });
    expect(latest.get("b")).toEqual({ dots: 2, round: r1 });
    expect(latest.get("c")).toBeUndefined();
    expect(votesLabel(latest.get("a")!)).toBe("4 votes in \u2068Round 2\u2069");
    expect(votesLabel({ dots: 1, round: r1 })).toBe("1 vote in \u2068Round 1\u2069");
  });

  it("is built once per rounds array and keeps the entries that did not change", () => {
    const r1 = round("r1", [
      ["a", 1],
      ["b", 2],
    ]);
    const rounds = [r1];
    const first = latestVotes(rounds);
    expect(latestVotes(rounds)).toBe(first);
    const next = latestVotes([r1, round("r2", [["a", 3]])]);
    expect(next.get("b")).toBe(first.get("b"));
    expect(next.get("a")).not.toBe(first.get("a"));
  });
});
