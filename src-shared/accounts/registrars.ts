/**
 * What the app knows about each registrar before any adapter is loaded: the
 * credential fields an account needs (the same names as the sandbox
 * descriptor's `credentials`, DESIGN.md) and the real API origins.
 */
export const registrarIds = ['dynadot', 'mrdomain', 'irsfa', 'reseller'] as const;
export type RegistrarId = (typeof registrarIds)[number];

export function isRegistrarId(value: string): value is RegistrarId {
  return (registrarIds as readonly string[]).includes(value);
}

export const irsfaEnvironments = ['production', 'sandbox'] as const;
export type IrsfaEnvironment = (typeof irsfaEnvironments)[number];

export interface CredentialField {
  name: string;
  /** Secret fields go to the vault and are never sent back out; the rest are account settings. */
  secret: boolean;
  /** Optional fields have a default (Irsfa environment: production). */
  optional?: boolean;
}

export const credentialFields: Record<RegistrarId, readonly CredentialField[]> = {
  dynadot: [{ name: 'key', secret: true }],
  mrdomain: [
    { name: 'apiuser', secret: true },
    { name: 'apipasswd', secret: true },
  ],
  irsfa: [
    { name: 'clientId', secret: true },
    { name: 'clientSecret', secret: true },
    { name: 'environment', secret: false, optional: true },
  ],
  reseller: [{ name: 'token', secret: true }],
};

/** Real API origins; the adapter appends the real paths. A reseller's API lives on its own site: no default. */
export const defaultEndpoints: { dynadot: string; mrdomain: string; irsfa: Record<IrsfaEnvironment, string>; reseller: null } = {
  dynadot: 'https://api.dynadot.com',
  mrdomain: 'https://simple-api.dondominio.net',
  irsfa: { production: 'https://api6.irsfa.id', sandbox: 'http://api2.sandbox.irsfa.id' },
  reseller: null,
};

/** The origin an account talks to: its override, else the registrar's real one. */
export function effectiveEndpoint(registrar: RegistrarId, override: string | null, environment: IrsfaEnvironment | null): string | null {
  if (override) return override;
  if (registrar === 'irsfa') return defaultEndpoints.irsfa[environment ?? 'production'];
  return defaultEndpoints[registrar];
}

/** Chip colours offered in the form; any #rrggbb is accepted. */
export const accountColors = ['#1f5eff', '#12b76a', '#f79009', '#d92d20', '#7a5af8', '#0ba5ec', '#ee46bc', '#667085'] as const;
export const defaultColorFor: Record<RegistrarId, string> = { dynadot: '#1f5eff', mrdomain: '#f79009', irsfa: '#12b76a', reseller: '#7a5af8' };
