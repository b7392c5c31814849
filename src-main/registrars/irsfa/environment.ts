import { defaultEndpoints, type IrsfaEnvironment } from '../../../src-shared/accounts/registrars.js';

/**
 * Irsfa base URLs (seed 000, "Production Environtment" / "Sandbox Environtment"),
 * kept in src-shared/accounts/registrars.ts with the other registrars' origins.
 * The adapter appends `/api/oauth/token` and `/api/rest/v3/...` to the account's
 * endpoint, which defaults to production. Irsfa's own sandbox is plain http, so
 * its client secret and bearer token cross the network unencrypted.
 */
export const IRSFA_PRODUCTION_ORIGIN = defaultEndpoints.irsfa.production;
export const IRSFA_SANDBOX_ORIGIN = defaultEndpoints.irsfa.sandbox;
export type { IrsfaEnvironment };

/** The account's endpoint without a trailing slash (it stands where the API's origin stands). */
export function irsfaBase(endpoint: string | undefined): string {
  const base = (endpoint ?? '').trim() || IRSFA_PRODUCTION_ORIGIN;
  return base.replace(/\/+$/, '');
}

export interface IrsfaEnvironmentWarning {
  /** i18n key (src-shared/i18n): the UI and CLI show the translated sentence. */
  messageKey: 'registrars.irsfa.plainHttp';
  /** The same sentence in English, for logs and diagnostics. */
  message: string;
  params: { host: string };
}

/** Warns when an endpoint is plain http (Irsfa's sandbox, or a mistyped production URL); null for https. */
export function irsfaEnvironmentWarning(endpoint: string): IrsfaEnvironmentWarning | null {
  let url: URL;
  try {
    url = new URL(irsfaBase(endpoint));
  } catch {
    return null;
  }
  if (url.protocol !== 'http:') return null;
  const host = url.host;
  return {
    messageKey: 'registrars.irsfa.plainHttp',
    message: `${host} is reached over plain http: the client secret and access token travel unencrypted. Irsfa's sandbox only offers http, so use it with sandbox credentials only; production is ${IRSFA_PRODUCTION_ORIGIN}.`,
    params: { host },
  };
}
