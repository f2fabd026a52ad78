// A card's accessible name: everything the card shows, in one sentence. The card carries
// it as aria-label instead of visually hidden spans, because an absolutely positioned
// hidden span in each of a thousand cards makes WebKitGTK repaint the whole board on every
// change (docs/PERFORMANCE.md).
import type { TouchpointDto } from "../bindings";
import { isolate } from "./bidi";
import { emotionFace } from "./emotion";

export function cardLabel(t: Pick<TouchpointDto, "title" | "pain" | "emotion" | "metrics">): string {
  // The title isolated, so bidi controls in it cannot reorder the rest of the sentence.
  const parts = [t.title.trim() === "" ? "Untitled touchpoint" : isolate(t.title)];
  parts.push(t.pain === null ? "pain not scored" : `pain ${t.pain} of 10`);
  const emotion = emotionFace(t.emotion);
  if (emotion) parts.push(`emotion ${emotion.label}`);
  const n = t.metrics.feedbackCount;
  parts.push(n === 1 ? "1 feedback item" : `${n} feedback items`);
  return parts.join(", ");
}
