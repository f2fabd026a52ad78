import { describe, expect, it } from "vitest";
import { CURVE_PAD, curveGeometry, evenColumns, formatEmotion, stageCurve } from "./curve";
import { stage, tp } from "./testData";

describe("stage curve", () => {
  it("averages emotion and pain per stage over the touchpoints that have them", () => {
    const c = stageCurve(
      [stage("s1"), stage("s2"), stage("s3")],
      [
        tp("a", "s1", "l", { emotion: 2, pain: 2 }),
        tp("b", "s1", "l", { emotion: -1, pain: null }),
        tp("c", "s2", "l", { emotion: null, pain: 7 }),
        tp("d", "s2", "l", { pain: 8 }),
      ],
    );
    expect(c).toEqual([
      { stageId: "s1", meanEmotion: 0.5, emotionN: 2, meanPain: 2, painN: 1 },
      { stageId: "s2", meanEmotion: null, emotionN: 0, meanPain: 7.5, painN: 2 },
      { stageId: "s3", meanEmotion: null, emotionN: 0, meanPain: null, painN: 0 },
    ]);
  });

  it("places points at the column centres, down being worse for both", () => {
    const height = 100 + 2 * CURVE_PAD;
    const g = curveGeometry(
      [
        { stageId: "s1", meanEmotion: 2, emotionN: 1, meanPain: 0, painN: 1 },
        { stageId: "s2", meanEmotion: -2, emotionN: 1, meanPain: 10, painN: 1 },
        { stageId: "s3", meanEmotion: null, emotionN: 0, meanPain: 5, painN: 3 },
      ],
      [
        { x: 0, width: 200 },
        { x: 200, width: 40 },
        { x: 240, width: 200 },
      ],
      height,
    );
    expect(g.emotion.map((p) => [p.x, p.y])).toEqual([
      [100, CURVE_PAD],
      [220, CURVE_PAD + 100],
    ]);
    expect(g.pain.map((p) => [p.x, p.y])).toEqual([
      [100, CURVE_PAD],
      [220, CURVE_PAD + 100],
      [340, CURVE_PAD + 50],
    ]);
    expect(g.painLine).toBe(`100,${CURVE_PAD} 220,${CURVE_PAD + 100} 340,${CURVE_PAD + 50}`);
  });

  it("spaces even columns and signs emotion", () => {
    expect(evenColumns(2, 240, 190)).toEqual([
      { x: 190, width: 240 },
      { x: 430, width: 240 },
    ]);
    expect(formatEmotion(1.46)).toBe("+1.5");
    expect(formatEmotion(-0.3)).toBe("\u22120.3");
    expect(formatEmotion(0)).toBe("0");
  });
});
