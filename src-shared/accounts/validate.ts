import { z } from 'zod';
import { credentialFields, irsfaEnvironments, isRegistrarId, type IrsfaEnvironment, type RegistrarId } from './registrars.js';

/**
 * Field-level validation of an account, shared by the form (before submit),
 * the service (authoritative) and the CLI. Each problem names the field and
 * a key under `accounts.validation` so every shell words it the same way.
 */
export type ValidationKey =
  | 'required'
  | 'noSpaces'
  | 'tooLong'
  | 'resellerToken'
  | 'environment'
  | 'unknownField'
  | 'notText'
  | 'endpointUrl'
  | 'endpointScheme'
  | 'endpointUserinfo'
  | 'endpointRequired'
  | 'labelRequired'
  | 'labelTaken'
  | 'color'
  | 'registrar';

export interface FieldProblem {
  /** `label`, `endpoint`, `color`, `registrar` or `credentials.<name>`. */
  field: string;
  key: ValidationKey;
  params: Record<string, string | number>;
}

const MAX_SECRET = 512;
const MAX_LABEL = 60;

// Messages are validation keys; problemsFromZod turns them into FieldProblems.
const token = (max = MAX_SECRET) =>
  z
    .string({ error: 'notText' })
    .min(1, { error: 'required' })
    .max(max, { error: 'tooLong' })
    .regex(/^\S*$/, { error: 'noSpaces' });

export const credentialSchemas = {
  dynadot: z.object({ key: token() }).strict(),
  mrdomain: z.object({ apiuser: token(), apipasswd: token() }).strict(),
  irsfa: z
    .object({
      clientId: token(),
      clientSecret: token(),
      environment: z.enum(irsfaEnvironments, { error: 'environment' }).default('production'),
    })
    .strict(),
  reseller: z.object({ token: token().regex(/^drk_[A-Za-z0-9]+$/, { error: 'resellerToken' }) }).strict(),
} satisfies Record<RegistrarId, z.ZodType>;

export interface ValidCredentials {
  /** What goes to the vault. */
  secret: Record<string, string>;
  /** Irsfa only; null elsewhere. */
  environment: IrsfaEnvironment | null;
}

export function validateCredentials(registrar: RegistrarId, input: unknown): { ok: true; value: ValidCredentials } | { ok: false; problems: FieldProblem[] } {
  // Surrounding whitespace is a copy-paste accident, not part of a key.
  const trimmed = isPlainObject(input) ? Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) : input;
  const parsed = credentialSchemas[registrar].safeParse(trimmed);
  if (!parsed.success) {
    // One message per field: the first thing to fix.
    const problems = problemsFromZod(registrar, parsed.error, trimmed).filter((p, i, all) => all.findIndex((q) => q.field === p.field) === i);
    return { ok: false, problems };
  }
  const data = parsed.data as Record<string, string>;
  const secret: Record<string, string> = {};
  for (const f of credentialFields[registrar]) if (f.secret) secret[f.name] = data[f.name]!;
  return { ok: true, value: { secret, environment: registrar === 'irsfa' ? (data.environment as IrsfaEnvironment) : null } };
}

export function validateEndpoint(registrar: RegistrarId, endpoint: string | null | undefined): FieldProblem[] {
  const value = endpoint?.trim() ?? '';
  if (value === '') return registrar === 'reseller' ? [problem('endpoint', 'endpointRequired')] : [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [problem('endpoint', 'endpointUrl')];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return [problem('endpoint', 'endpointScheme')];
  if (url.username || url.password) return [problem('endpoint', 'endpointUserinfo')];
  return [];
}

/** Origin plus path, no trailing slash, no query or fragment: the adapter appends the real paths. */
export function normalizeEndpoint(endpoint: string | null | undefined): string | null {
  const value = endpoint?.trim() ?? '';
  if (value === '') return null;
  const url = new URL(value);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function validateLabel(label: string, otherLabels: readonly string[]): FieldProblem[] {
  const value = label.trim();
  if (value === '') return [problem('label', 'labelRequired')];
  if (value.length > MAX_LABEL) return [problem('label', 'tooLong', { max: MAX_LABEL })];
  if (otherLabels.some((l) => l.localeCompare(value, undefined, { sensitivity: 'accent' }) === 0)) return [problem('label', 'labelTaken', { label: value })];
  return [];
}

export function validateColor(color: string): FieldProblem[] {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? [] : [problem('color', 'color')];
}

export function validateRegistrar(registrar: string): FieldProblem[] {
  return isRegistrarId(registrar) ? [] : [problem('registrar', 'registrar', { registrar })];
}

function problemsFromZod(registrar: RegistrarId, error: z.ZodError, input: unknown): FieldProblem[] {
  const expected = credentialFields[registrar].map((f) => f.name).join(', ');
  return error.issues.map((issue) => {
    const field = ['credentials', ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') return problem('credentials', 'unknownField', { registrar, fields: issue.keys.join(', '), expected });
    if (issue.code === 'invalid_type' && issue.path.length === 0) return problem('credentials', 'required');
    // A missing field arrives as invalid_type with our 'notText' message: say "required" instead.
    if (issue.code === 'invalid_type' && isPlainObject(input) && input[String(issue.path[0])] === undefined) return problem(field, 'required');
    const key = issue.message as ValidationKey;
    return problem(field, KNOWN.has(key) ? key : 'required', key === 'tooLong' ? { max: MAX_SECRET } : {});
  });
}

const KNOWN = new Set<string>(['required', 'noSpaces', 'tooLong', 'resellerToken', 'environment', 'notText']);

function problem(field: string, key: ValidationKey, params: Record<string, string | number> = {}): FieldProblem {
  return { field, key, params };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
