// The feedback form's text values and the FeedbackFields the backend takes.
import type { FeedbackDto, FeedbackFields, FeedbackKind } from "../bindings";
import { isIsoDate } from "./dates";

export const FEEDBACK_KINDS: readonly { value: FeedbackKind; label: string }[] = [
  { value: "quote", label: "Quote" },
  { value: "observation", label: "Observation" },
  { value: "survey_response", label: "Survey response" },
  { value: "support_ticket", label: "Support ticket" },
  { value: "review", label: "Review" },
];

/** What the form holds: every value as the text of its input. */
export type FeedbackDraft = {
  kind: FeedbackKind;
  text: string;
  source: string;
  date: string;
  segment: string;
  nps: string;
  csat: string;
  ces: string;
};

export const EMPTY_DRAFT: FeedbackDraft = {
  kind: "quote",
  text: "",
  source: "",
  date: "",
  segment: "",
  nps: "",
  csat: "",
  ces: "",
};

export function draftFrom(f: FeedbackDto): FeedbackDraft {
  return {
    kind: f.kind,
    text: f.text,
    source: f.source,
    date: f.date ?? "",
    segment: f.segment,
    nps: f.nps === null ? "" : String(f.nps),
    csat: f.csat === null ? "" : String(f.csat),
    ces: f.ces === null ? "" : String(f.ces),
  };
}

/** An inclusive integer range as strings, for select options. */
export function range(from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(String(i));
  return out;
}

/** The fields to send, or the problems that stop the form from being sent. */
export function fieldsFromDraft(d: FeedbackDraft): { fields: FeedbackFields } | { problems: string[] } {
  const problems: string[] = [];
  if (d.text.trim() === "") problems.push("Text is required.");
  const date = d.date.trim();
  if (date !== "" && !isIsoDate(date)) problems.push("Date must be a real date written YYYY-MM-DD.");
  const nps = score(d.nps, 0, 10, "NPS", problems);
  const csat = score(d.csat, 1, 5, "CSAT", problems);
  const ces = score(d.ces, 1, 7, "CES", problems);
  if (problems.length > 0) return { problems };
  return {
    fields: {
      kind: d.kind,
      text: d.text.trim(),
      source: d.source.trim(),
      date: date === "" ? null : date,
      segment: d.segment.trim(),
      nps,
      csat,
      ces,
    },
  };
}

function score(text: string, min: number, max: number, name: string, problems: string[]): number | null {
  if (text === "") return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}.`);
    return null;
  }
  return n;
}
