// Decisions and opportunities (workshop mode): the kinds and their labels, the text values
// a form holds and the DecisionFields the backend takes, how many each touchpoint has (the
// cards' marker), and the map's list as the decisions view filters it.
import type { DecisionDto, DecisionFields, DecisionKind } from "../bindings";
import { isIsoDate } from "./dates";

export const DECISION_KINDS: readonly { value: DecisionKind; label: string }[] = [
  { value: "decision", label: "Decision" },
  { value: "opportunity", label: "Opportunity" },
];

export function decisionKindLabel(kind: DecisionKind): string {
  return kind === "decision" ? "Decision" : "Opportunity";
}

/** The most characters a decision's text may hold (the backend's limit, checked there too). */
export const DECISION_TEXT_MAX = 2000;
/** The most characters an owner may hold (the backend's limit). */
export const DECISION_OWNER_MAX = 200;

/** What a decision form holds: every value as the text of its input. */
export type DecisionDraft = { kind: DecisionKind; text: string; owner: string; due: string };

export function emptyDecisionDraft(kind: DecisionKind = "decision"): DecisionDraft {
  return { kind, text: "", owner: "", due: "" };
}

export function decisionDraftFrom(d: DecisionDto): DecisionDraft {
  return { kind: d.kind, text: d.text, owner: d.owner, due: d.due ?? "" };
}

/** The fields to send, or the problems that stop the form from being sent. */
export function decisionFieldsFrom(d: DecisionDraft): { fields: DecisionFields } | { problems: string[] } {
  const problems: string[] = [];
  const text = d.text.trim();
  if (text === "") problems.push("Text is required.");
  else if ([...text].length > DECISION_TEXT_MAX) problems.push(`Text may hold at most ${DECISION_TEXT_MAX} characters.`);
  const owner = d.owner.trim();
  if ([...owner].length > DECISION_OWNER_MAX) problems.push(`Owner may hold at most ${DECISION_OWNER_MAX} characters.`);
  const due = d.due.trim();
  if (due !== "" && !isIsoDate(due)) problems.push("Due date must be a real date written YYYY-MM-DD.");
  if (problems.length > 0) return { problems };
  return { fields: { kind: d.kind, text, owner, due: due === "" ? null : due } };
}

/** How many decisions and opportunities each touchpoint has (touchpoints with none are absent). */
export function decisionCounts(decisions: readonly DecisionDto[]): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const d of decisions) counts.set(d.touchpointId, (counts.get(d.touchpointId) ?? 0) + 1);
  return counts;
}

/** One touchpoint's decisions and opportunities, in the view's order (oldest first). */
export function decisionsOf(decisions: readonly DecisionDto[], touchpointId: string): DecisionDto[] {
  return decisions.filter((d) => d.touchpointId === touchpointId);
}

/** The card marker's accessible text: "1 decision or opportunity", "2 decisions or opportunities". */
export function decisionCountLabel(n: number): string {
  return n === 1 ? "1 decision or opportunity" : `${n} decisions or opportunities`;
}

/** The decisions view's list: every item, or only one kind, in the view's order. */
export function filterDecisions(decisions: readonly DecisionDto[], kind: DecisionKind | null): readonly DecisionDto[] {
  return kind === null ? decisions : decisions.filter((d) => d.kind === kind);
}
