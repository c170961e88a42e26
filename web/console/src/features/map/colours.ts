// Colours of the maps: the grid fill ramps (by open cases or by overdue cases) with their legend
// bins, and the deadline colours of cases (green / yellow at 80 % / red past the deadline).
import type { DeadlineColour } from './map-api.ts';

export type ColourMode = 'open' | 'overdue';

export interface Bin {
  /** Smallest count in the bin. */
  from: number;
  /** Largest count in the bin (null: no upper end). */
  to: number | null;
  colour: string;
}

export const RAMPS: Record<ColourMode, Bin[]> = {
  open: [
    { from: 0, to: 0, colour: '#d9eee0' },
    { from: 1, to: 2, colour: '#fde7a4' },
    { from: 3, to: 5, colour: '#fdc27a' },
    { from: 6, to: 10, colour: '#f88a5a' },
    { from: 11, to: null, colour: '#dc3f35' },
  ],
  overdue: [
    { from: 0, to: 0, colour: '#e2e8f0' },
    { from: 1, to: 1, colour: '#ffd3cc' },
    { from: 2, to: 3, colour: '#ff9a87' },
    { from: 4, to: 9, colour: '#ef553d' },
    { from: 10, to: null, colour: '#a8201a' },
  ],
};

export const DEADLINE_COLOURS: Record<DeadlineColour, string> = {
  green: '#389e0d',
  yellow: '#faad14',
  red: '#f5222d',
};

/** A MapLibre `step` expression over the feature's count for the mode. */
export function rampExpression(mode: ColourMode): unknown[] {
  const bins = RAMPS[mode];
  const expr: unknown[] = ['step', ['coalesce', ['get', mode], 0], bins[0]!.colour];
  for (const b of bins.slice(1)) expr.push(b.from, b.colour);
  return expr;
}
