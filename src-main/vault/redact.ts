/**
 * Redaction for anything that leaves the process as text: logs, errors,
 * exports, crash output. Two layers: known secret values (registered when a
 * credential is loaded) and credential-shaped patterns (query parameters and
 * headers that carry secrets in the registrars' APIs), so even a secret we
 * were never told about is masked when it sits where secrets sit.
 */
const MASK = '***';
const SECRET_PARAMS = ['key', 'apipasswd', 'apiuser', 'client_secret', 'clientSecret', 'password', 'token', 'access_token', 'secret'];
// A parameter name at the start of a line counts too: form bodies (MrDomain's `apiuser=...&apipasswd=...`) begin with one.
const PARAM_PATTERN = new RegExp(`((?:^|[?&;\\s"'])(?:${SECRET_PARAMS.join('|')})["']?\\s*[=:]\\s*["']?)([^&\\s"',;}]+)`, 'gim');
const BEARER_PATTERN = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const RESELLER_TOKEN = /\bdrk_[A-Za-z0-9]+/g;

export class SecretRegistry {
  private readonly values = new Set<string>();

  /** Registers every value of a credential object (short values are ignored: they would mask ordinary words). */
  addCredential(secret: Record<string, string>): void {
    for (const v of Object.values(secret)) if (v.length >= 6) this.values.add(v);
  }

  redact(text: string): string {
    let out = text;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join(MASK);
    return redactPatterns(out);
  }
}

export function redactPatterns(text: string): string {
  return text.replace(PARAM_PATTERN, `$1${MASK}`).replace(BEARER_PATTERN, `$1${MASK}`).replace(RESELLER_TOKEN, `drk_${MASK}`);
}

/** A URL safe to show or log: secret-carrying query parameters masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const name of [...u.searchParams.keys()]) {
      if (SECRET_PARAMS.some((p) => p.toLowerCase() === name.toLowerCase())) u.searchParams.set(name, MASK);
    }
    return u.toString().replace(/%2A%2A%2A/g, MASK);
  } catch {
    return redactPatterns(url);
  }
}
