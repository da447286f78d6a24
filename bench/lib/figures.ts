/** What a scenario reports: one row of the benchmark's table each. */
export interface Figure {
  /** Stable key, e.g. `bytes.idle`. */
  id: string;
  figure: string;
  setup: string;
  /** The measured value, already in `unit`. */
  value: number;
  unit: string;
  /** Shown as is, e.g. `≤ 300`. */
  budget: string;
  /** null: a figure reported for information, with no budget of its own. */
  pass: boolean | null;
  /** For machine-speed-dependent figures: the value against a baseline measured in the same run. */
  ratio?: string;
  /** How it was measured, briefly. */
  note?: string;
}

export interface ScenarioResult {
  figures: Figure[];
  /** Raw numbers other scenarios' ratios may use (e.g. the baseline frame time). */
  values?: Record<string, number>;
}

export const RESULT_PREFIX = '@@bench-result ';

export function report(result: ScenarioResult): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}
