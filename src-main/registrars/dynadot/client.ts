import { request } from 'undici';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { RegistrarError } from '../errors.js';
import type { AccountContext } from '../types.js';
import type { CallKind, CallPriority } from '../../scheduler/lane-types.js';
import { redactUrl } from '../../vault/redact.js';
import { errorFromHttpStatus, errorFromNetwork, errorFromUnreadable, type CallSite } from './errors.js';
import { unwrapJson, unwrapXml, type Shape, type Unwrapped } from './envelope.js';
import { JsonArrayStream } from './json-array-stream.js';

/**
 * API3 over undici. The key travels as a query parameter (that is the API), so
 * every URL that reaches a log or an error goes through redactUrl, and every
 * text kept from an answer is scrubbed of the key. Each call is exactly one
 * request inside the account's lane (Dynadot bans keys that overlap requests).
 */

export interface DynadotCall {
  command: string;
  kind: CallKind;
  shape: Shape;
  params?: Record<string, string | number | undefined>;
  priority?: CallPriority;
  /** api3.xml only where the JSON form lacks or breaks a command (get_ns repeats its "Host" key). */
  format?: 'json' | 'xml';
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const RAW_KEEP = 4000;
/** Elements that repeat in the XML answers we read; always arrays, even with one child. */
const XML_ARRAYS = new Set(['Host', 'Server', 'Record', 'NameServer', 'Balance', 'ServerIp']);
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => XML_ARRAYS.has(name) });

export class DynadotClient {
  constructor(private readonly ctx: AccountContext) {}

  /** Removes the key from any text that leaves the adapter (logs, errors, kept raw bodies). */
  scrub(text: string): string {
    const key = this.ctx.credentials.key;
    return key && key.length >= 4 ? text.split(key).join('***') : text;
  }

  async call(c: DynadotCall): Promise<Unwrapped> {
    const site: CallSite = { command: c.command, kind: c.kind };
    const url = this.url(c);
    return this.ctx.lane.run({ command: c.command, kind: c.kind, priority: c.priority, signal: c.signal }, async (signal) => {
      const text = await this.fetchText(url, site, signal, c.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const raw = this.scrub(text.slice(0, RAW_KEEP));
      if (c.format === 'xml') {
        if (XMLValidator.validate(text) !== true) throw this.loud(site, raw, 'malformed XML');
        return unwrapXml(xml.parse(text), c.shape, site, raw);
      }
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        throw this.loud(site, raw, 'malformed JSON');
      }
      return unwrapJson(doc, c.shape, site, raw);
    });
  }

  /**
   * list_domain: one answer for the whole account. The body is split into
   * items while it arrives; `onItem` gets each parsed item, and the envelope
   * (array emptied) is checked like any other answer at the end.
   */
  async streamList(c: DynadotCall & { member: string }, onItem: (item: unknown, raw: string) => void): Promise<Unwrapped> {
    const site: CallSite = { command: c.command, kind: c.kind };
    const url = this.url(c);
    return this.ctx.lane.run({ command: c.command, kind: c.kind, priority: c.priority, signal: c.signal }, async (signal) => {
      const started = this.ctx.now();
      let res;
      try {
        res = await request(url, { method: 'GET', dispatcher: this.ctx.http, signal, headersTimeout: c.timeoutMs, bodyTimeout: c.timeoutMs });
      } catch (err) {
        throw this.network(err, site, url);
      }
      if (res.statusCode !== 200) {
        const text = await res.body.text().catch(() => '');
        throw errorFromHttpStatus(res.statusCode, site, this.scrub(text.slice(0, RAW_KEEP)));
      }
      let count = 0;
      let bad: { raw: string; why: string } | null = null;
      const splitter = new JsonArrayStream(c.member, (buf) => {
        if (bad) return;
        const text = buf.toString('utf8');
        try {
          onItem(JSON.parse(text), text);
          count++;
        } catch (err) {
          bad = { raw: text, why: err instanceof RegistrarError ? err.message : 'malformed list item' };
        }
      });
      try {
        for await (const chunk of res.body) splitter.push(chunk as Buffer);
      } catch (err) {
        if (err instanceof SyntaxError) throw this.loud(site, '', err.message);
        throw this.network(err, site, url);
      }
      const failed = bad as { raw: string; why: string } | null;
      if (failed) throw this.loud(site, this.scrub(failed.raw.slice(0, RAW_KEEP)), failed.why);
      const envelope = splitter.envelope();
      if (envelope === null) throw this.loud(site, `(${count} items read before the answer was cut off)`, 'the answer was cut off');
      const raw = this.scrub(envelope.slice(0, RAW_KEEP));
      let doc: unknown;
      try {
        doc = JSON.parse(envelope);
      } catch {
        throw this.loud(site, raw, 'malformed JSON');
      }
      const out = unwrapJson(doc, c.shape, site, raw);
      if (!splitter.foundArray()) throw this.loud(site, raw, `no ${c.member} list`);
      this.ctx.log('debug', `dynadot ${c.command}: ${count} items in ${this.ctx.now() - started} ms`);
      return out;
    });
  }

  private url(c: DynadotCall): string {
    const params = new URLSearchParams();
    params.set('key', this.ctx.credentials.key ?? '');
    params.set('command', c.command);
    for (const [k, v] of Object.entries(c.params ?? {})) if (v !== undefined) params.set(k, String(v));
    return `${this.ctx.endpoint.replace(/\/+$/, '')}/api3.${c.format ?? 'json'}?${params.toString()}`;
  }

  private async fetchText(url: string, site: CallSite, signal: AbortSignal, timeoutMs: number): Promise<string> {
    const started = this.ctx.now();
    let status: number;
    let text: string;
    try {
      const res = await request(url, { method: 'GET', dispatcher: this.ctx.http, signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw this.network(err, site, url);
    }
    this.ctx.log('debug', `dynadot ${redactUrl(url)} -> HTTP ${status} in ${this.ctx.now() - started} ms`);
    if (status !== 200) throw errorFromHttpStatus(status, site, this.scrub(text.slice(0, RAW_KEEP)));
    return text;
  }

  private network(err: unknown, site: CallSite, url: string): RegistrarError {
    const mapped = errorFromNetwork(err, site);
    this.ctx.log(site.kind === 'write' ? 'warn' : 'info', `dynadot ${redactUrl(url)} failed: ${mapped.kind} (${mapped.code ?? ''})`);
    return mapped;
  }

  private loud(site: CallSite, raw: string, detail: string): RegistrarError {
    this.ctx.log('warn', `dynadot ${site.command}: unreadable answer (${detail})`);
    return errorFromUnreadable(site, raw, detail);
  }
}
