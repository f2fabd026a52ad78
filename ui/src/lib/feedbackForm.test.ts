import { describe, expect, it } from "vitest";
import { isIsoDate } from "./dates";
import { draftFrom, EMPTY_DRAFT, fieldsFromDraft, range } from "./feedbackForm";

describe("fieldsFromDraft", () => {
  it("turns empty optional values into null and trims text", () => {
    const out = fieldsFromDraft({ ...EMPTY_DRAFT, text: "  Too slow  ", nps: "9" });
    expect(out).toEqual({
      fields: { kind: "quote", text: "Too slow", source: "", date: null, segment: "", nps: 9, csat: null, ces: null },
    });
  });

  it("reports every problem", () => {
    const out = fieldsFromDraft({ ...EMPTY_DRAFT, text: " ", date: "2025-02-30", csat: "6", ces: "0" });
    expect("problems" in out && out.problems).toHaveLength(4);
  });

  it("round-trips a stored feedback item", () => {
    const stored = {
      id: "fb_1",
      touchpointId: "tp_1",
      stageId: null,
      kind: "review" as const,
      text: "Great",
      source: "App store",
      date: "2025-03-01",
      segment: "new",
      nps: 10,
      csat: 5,
      ces: 7,
    };
    const out = fieldsFromDraft(draftFrom(stored));
    expect(out).toEqual({
      fields: { kind: "review", text: "Great", source: "App store", date: "2025-03-01", segment: "new", nps: 10, csat: 5, ces: 7 },
    });
  });

  it("lists a range inclusively", () => {
    expect(range(1, 5)).toEqual(["1", "2", "3", "4", "5"]);
  });
});

describe("isIsoDate", () => {
  it("accepts real dates only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-2-9")).toBe(false);
  });
});
