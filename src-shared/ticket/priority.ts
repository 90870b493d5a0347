/** Impact and urgency are judged on the same three levels (BRIEF: 初步诊断). */
export const LEVELS = ['high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** impact → urgency → priority; a desk edits it (settings key `priorityMatrix`). */
export type PriorityMatrix = Record<Level, Record<Level, Priority>>;

/** The ITIL-style default: the more impact and urgency, the higher the priority. */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
};

/** The priority a ticket gets from its impact and urgency under `matrix`. */
export const priorityOf = (impact: Level, urgency: Level, matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): Priority =>
  matrix[impact][urgency];
