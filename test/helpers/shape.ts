import { expect } from 'vitest';

/**
 * Golden-test helper: asserts that `actual` has the same SHAPE as `expected`
 * (the same keys recursively, the same JSON types), ignoring values.
 * Arrays are compared by their first elements (when both have one).
 * `null` on either side matches any type, because documented examples show
 * nullable fields (paid_at, next page link, ...) in only one of their states.
 */
export function expectSameShape(actual: unknown, expected: unknown): void {
  const problems: string[] = [];
  compare(actual, expected, '$', problems);
  expect(problems, `shape differs:\n${problems.join('\n')}`).toEqual([]);
}

export function shapeDifferences(actual: unknown, expected: unknown): string[] {
  const problems: string[] = [];
  compare(actual, expected, '$', problems);
  return problems;
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function compare(actual: unknown, expected: unknown, path: string, problems: string[]): void {
  const a = kind(actual);
  const e = kind(expected);
  if (a === 'null' || e === 'null') return;
  if (a !== e) {
    problems.push(`${path}: expected ${e}, got ${a}`);
    return;
  }
  if (e === 'array') {
    const aa = actual as unknown[];
    const ea = expected as unknown[];
    if (aa.length > 0 && ea.length > 0) compare(aa[0], ea[0], `${path}[0]`, problems);
    return;
  }
  if (e === 'object') {
    const ao = actual as Record<string, unknown>;
    const eo = expected as Record<string, unknown>;
    for (const key of Object.keys(eo)) {
      if (!(key in ao)) problems.push(`${path}.${key}: missing`);
      else compare(ao[key], eo[key], `${path}.${key}`, problems);
    }
    for (const key of Object.keys(ao)) if (!(key in eo)) problems.push(`${path}.${key}: unexpected key`);
  }
}
