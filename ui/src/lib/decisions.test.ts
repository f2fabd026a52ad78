import { describe, expect, it } from "vitest";
import { decisionCountLabel, decisionCounts, decisionFieldsFrom, decisionsOf, filterDecisions } from "./decisions";
import { decision } from "./testData";

describe("decisionFieldsFrom", () => {
  it("trims the text and owner, and sends an empty due date as none", () => {
    expect(decisionFieldsFrom({ kind: "opportunity", text: "  Wallets ", owner: " Ops ", due: " " })).toEqual({
      fields: { kind: "opportunity", text: "Wallets", owner: "Ops", due: null },
    });
    expect(decisionFieldsFrom({ kind: "decision", text: "Cut", owner: "", due: "2027-02-28" })).toEqual({
      fields: { kind: "decision", text: "Cut", owner: "", due: "2027-02-28" },
    });
  });

  it("refuses an empty text, a text over the limit and a date that is not a real YYYY-MM-DD", () => {
    expect(decisionFieldsFrom({ kind: "decision", text: "  ", owner: "", due: "2027-02-29" })).toEqual({
      problems: ["Text is required.", "Due date must be a real date written YYYY-MM-DD."],
    });
    expect(decisionFieldsFrom({ kind: "decision", text: "x".repeat(2001), owner: "", due: "" })).toEqual({
      problems: ["Text may hold at most 2000 characters."],
    });
  });
});

describe("counting and listing", () => {
  const list = [decision("dc_1", "tp_1"), decision("dc_2", "tp_2", { kind: "opportunity" }), decision("dc_3", "tp_1")];

  it("counts per touchpoint and lists one touchpoint's in order", () => {
    expect([...decisionCounts(list)]).toEqual([
      ["tp_1", 2],
      ["tp_2", 1],
    ]);
    expect(decisionsOf(list, "tp_1").map((d) => d.id)).toEqual(["dc_1", "dc_3"]);
    expect(decisionCountLabel(1)).toBe("1 decision or opportunity");
    expect(decisionCountLabel(3)).toBe("3 decisions or opportunities");
  });

  it("filters by kind, or keeps the list as it is", () => {
    expect(filterDecisions(list, null)).toBe(list);
    expect(filterDecisions(list, "opportunity").map((d) => d.id)).toEqual(["dc_2"]);
  });
});

describe("owner length", () => {
  it("refuses an owner longer than the backend takes", () => {
    const r = decisionFieldsFrom({ kind: "decision", text: "x", owner: "o".repeat(201), due: "" });
    expect("problems" in r && r.problems).toEqual(["Owner may hold at most 200 characters."]);
    const ok = decisionFieldsFrom({ kind: "decision", text: "x", owner: " Team ", due: "" });
    expect("fields" in ok && ok.fields.owner).toBe("Team");
  });
});
