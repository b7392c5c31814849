import type { z } from 'zod';

/**
 * Building blocks of the IPC contract. A method is declared once with its zod
 * input and output and whether it reads or writes; shells and the renderer
 * derive everything else from these declarations.
 */
export type MethodKind = 'read' | 'write';

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: MethodKind;
  input: I;
  output: O;
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(kind: MethodKind, input: I, output: O, summary: string): MethodDef<I, O> {
  return { kind, input, output, summary };
}

export interface EventDef<P extends z.ZodType = z.ZodType> {
  payload: P;
  summary: string;
}

export function event<P extends z.ZodType>(payload: P, summary: string): EventDef<P> {
  return { payload, summary };
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * Joins the per-area declarations into one table. Two areas declaring the
 * same name is a programming error caught at start-up, not a silent override.
 */
export function joinAreas<T extends Record<string, unknown>[]>(...areas: T): UnionToIntersection<T[number]> {
  const joined: Record<string, unknown> = {};
  for (const area of areas) {
    for (const [name, def] of Object.entries(area)) {
      if (name in joined) throw new Error(`Contract declares "${name}" twice`);
      joined[name] = def;
    }
  }
  return joined as UnionToIntersection<T[number]>;
}
