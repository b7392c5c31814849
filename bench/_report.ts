/**
 * One benchmark result line (DESIGN.md): printed as JSON on stdout. A
 * benchmark reports; it never fails the test suite.
 */
export interface BenchLine {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  target: number | null;
  ok: boolean | null;
}

/** `lowerIsBetter`: the metric is a time or a ratio that should stay at or under its target. */
export function line(bench: string, metric: string, value: number, unit: string, target: number | null, lowerIsBetter = true): BenchLine {
  const rounded = Math.round(value * 1000) / 1000;
  const ok = target === null ? null : lowerIsBetter ? rounded <= target : rounded >= target;
  return { bench, metric, value: rounded, unit, target, ok };
}

export function print(l: BenchLine): void {
  process.stdout.write(`${JSON.stringify(l)}\n`);
}

export function p95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}
