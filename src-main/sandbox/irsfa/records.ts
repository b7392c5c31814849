import { accountDomain, type Ctx, type Handler } from './context.js';
import { Answer, dataNotFound, domainNotFound, failed, ok } from './envelope.js';
import { asciiName, wireDate } from './format.js';
import type { DsRecord, HostRecord, IrsfaDomain } from './state.js';
import { HOSTNAME, int, optStr, str, toInt, validate, type Schema } from './validate.js';

/** Host (child nameserver) and DNSSEC endpoints of seed 000. */

const HOST: Schema = { host: { required: true, rule: { type: 'string', pattern: HOSTNAME } } };

function hostView(h: HostRecord): Record<string, unknown> {
  return {
    nameserver_id: h.nameserverId,
    host: h.host,
    domain: h.domain,
    ipv4: h.ipv4,
    ipv6: h.ipv6,
    created_at: wireDate(h.createdAt),
    updated_at: wireDate(h.updatedAt),
  };
}

function hostName(c: Ctx): string {
  const name = asciiName(str(c.input, 'host'));
  if (!name) throw new Answer(failed('The host is not a valid host name.'));
  return name;
}

/** The account domain a host sits under (longest matching suffix), or null. */
function parentDomain(c: Ctx, host: string): IrsfaDomain | null {
  const domains = c.state.domainsOf(c.acc);
  const labels = host.split('.');
  for (let i = 1; i < labels.length - 1; i++) {
    const d = domains.get(labels.slice(i).join('.'));
    if (d) return d;
  }
  return null;
}

const hostGet: Handler = (c) => {
  validate(c.input, HOST);
  const h = c.acc.hosts.get(hostName(c));
  return h ? ok(hostView(h)) : dataNotFound();
};

const hostCreate: Handler = (c) => {
  validate(c.input, { ...HOST, ipv4: { required: true, rule: { type: 'ipv4' } }, ipv6: { rule: { type: 'ipv6' } } });
  c.state.settleTransfers(c.now);
  const host = hostName(c);
  const parent = parentDomain(c, host);
  if (!parent) return domainNotFound();
  if (parent.transferUntil !== null) return failed('The domain has a pending transfer.');
  if (c.acc.hosts.has(host)) return failed('The host already exists.');
  c.acc.hosts.set(host, {
    nameserverId: c.state.hostId(),
    host,
    domain: parent.name,
    ipv4: str(c.input, 'ipv4'),
    ipv6: optStr(c.input, 'ipv6'),
    createdAt: c.now,
    updatedAt: c.now,
  });
  return ok({});
};

const hostDelete: Handler = (c) => {
  validate(c.input, { nameserver_id: { required: true, rule: { type: 'integer', min: 1, max: 2_147_483_647 } }, ...HOST });
  const host = hostName(c);
  const h = c.acc.hosts.get(host);
  if (!h || h.nameserverId !== int(c.input, 'nameserver_id', 0)) return dataNotFound();
  // The registry refuses to delete a host that a domain still delegates to.
  for (const d of c.state.domainsOf(c.acc).values()) {
    if (d.nameservers.includes(host)) return failed(`The host is in use by ${d.name}.`);
  }
  c.acc.hosts.delete(host);
  return ok({});
};

// DNSSEC (DS data). Algorithm and digest type numbers are IANA's.
const ALGORITHMS = [3, 5, 6, 7, 8, 10, 13, 14, 15, 16];
const DIGEST_LENGTH: Record<number, number> = { 1: 40, 2: 64, 4: 96 };
const DS_FIELDS: Schema = {
  key_tag: { required: true, rule: { type: 'integer', min: 0, max: 65535 } },
  alg: { required: true, rule: { type: 'integer', in: ALGORITHMS } },
  digest_type: { required: true, rule: { type: 'integer', in: [1, 2, 4] } },
  digest: { required: true, rule: { type: 'string', pattern: /^[0-9a-fA-F]+$/ } },
};

/** Wire form (seed: key_tag is a string, and alg/digest_type come back as strings too). */
function dsView(c: Ctx, d: IrsfaDomain, r: DsRecord): Record<string, unknown> {
  return {
    client_id: c.acc.clientId,
    domain: d.name,
    key_tag: r.keyTag,
    alg: String(r.alg),
    digest_type: String(r.digestType),
    digest: r.digest,
    updated_at: wireDate(r.updatedAt),
    created_at: wireDate(r.createdAt),
  };
}

function dsFromInput(c: Ctx): Omit<DsRecord, 'createdAt' | 'updatedAt'> {
  const digestType = int(c.input, 'digest_type', 0);
  const digest = str(c.input, 'digest').toUpperCase();
  if (digest.length !== DIGEST_LENGTH[digestType]) {
    throw new Answer(failed(`A digest of type ${digestType} must be ${DIGEST_LENGTH[digestType]} hexadecimal characters.`));
  }
  return { keyTag: String(toInt(c.input.key_tag)), alg: int(c.input, 'alg', 0), digestType, digest };
}

const sameDs = (a: Omit<DsRecord, 'createdAt' | 'updatedAt'>, b: DsRecord): boolean =>
  a.keyTag === b.keyTag && a.alg === b.alg && a.digestType === b.digestType && a.digest === b.digest;

const dnssecGet: Handler = (c) => {
  const d = accountDomain(c);
  return ok(d.dnssec.map((r) => dsView(c, d, r)));
};

const dnssecCreate: Handler = (c) => {
  const d = accountDomain(c, DS_FIELDS);
  if (d.transferUntil !== null) return failed('The domain has a pending transfer.');
  const ds = dsFromInput(c);
  if (d.dnssec.some((r) => sameDs(ds, r))) return failed('The DNSSEC record already exists.');
  if (d.dnssec.length >= 8) return failed('A domain can have at most 8 DNSSEC records.');
  d.dnssec.push({ ...ds, createdAt: c.now, updatedAt: c.now });
  d.updatedAt = c.now;
  return ok(true);
};

const dnssecDelete: Handler = (c) => {
  const d = accountDomain(c, DS_FIELDS);
  const ds = dsFromInput(c);
  const index = d.dnssec.findIndex((r) => sameDs(ds, r));
  if (index < 0) return dataNotFound();
  const [removed] = d.dnssec.splice(index, 1);
  d.updatedAt = c.now;
  return ok(dsView(c, d, removed!));
};

export const RECORD_ROUTES: Record<string, { method: string; handler: Handler }> = {
  'domain/nameserver/get': { method: 'POST', handler: hostGet },
  'domain/nameserver/create': { method: 'POST', handler: hostCreate },
  'domain/nameserver/delete': { method: 'DELETE', handler: hostDelete },
  'domain/dnssec/get': { method: 'POST', handler: dnssecGet },
  'domain/dnssec/create': { method: 'POST', handler: dnssecCreate },
  'domain/dnssec/delete': { method: 'DELETE', handler: dnssecDelete },
};
