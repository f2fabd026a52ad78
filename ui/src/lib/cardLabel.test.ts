import { describe, expect, it } from "vitest";
import { cardLabel } from "./cardLabel";
import { metrics } from "./testData";

describe("cardLabel", () => {
  it("reads a scored card as one sentence", () => {
    expect(cardLabel({ title: "Pricing page", pain: 7, emotion: -2, metrics: metrics({ feedbackCount: 4 }) })).toBe(
      "\u2068Pricing page\u2069, pain 7 of 10, emotion very negative, 4 feedback items",
    );
  });

  it("says what is missing instead of leaving it out", () => {
    expect(cardLabel({ title: "  ", pain: null, emotion: null, metrics: metrics({ feedbackCount: 1 }) })).toBe(
      "Untitled touchpoint, pain not scored, 1 feedback item",
    );
  });
});
