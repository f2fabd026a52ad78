// Emotion −2..+2 as a face and words; the words are the accessible name.

const FACES: Record<number, { face: string; label: string }> = {
  [-2]: { face: "😠", label: "very negative" },
  [-1]: { face: "🙁", label: "negative" },
  [0]: { face: "😐", label: "neutral" },
  [1]: { face: "🙂", label: "positive" },
  [2]: { face: "😄", label: "very positive" },
};

/** The face and label for an emotion, or null when it is unset or out of range. */
export function emotionFace(emotion: number | null): { face: string; label: string } | null {
  if (emotion === null) return null;
  return FACES[emotion] ?? null;
}

/** The choices for an emotion select, most negative first. */
export const EMOTION_CHOICES = [-2, -1, 0, 1, 2] as const;
