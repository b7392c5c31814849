import { z } from 'zod';
import type { CallPriority } from '../../scheduler/lane-types.js';
import { RegistrarError } from '../errors.js';
import type { FormParams, MrDomainClient } from './client.js';
import { queryInfoSchema, type QueryInfo } from './envelope.js';

/**
 * Checks a paged list as it is read: the same total on every page, each
 * page's `results` equal to the rows it carries, and at the end exactly
 * `total` distinct rows. A list that changes under us (a domain added or
 * moved mid-read) would otherwise drop or double names silently, and the
 * sync engine would record them as removed; so any disagreement throws.
 */
export class PageTracker {
  private total: number | null = null;
  private rows = 0;
  private readonly keys = new Set<string>();

  constructor(private readonly what: string) {}

  accept(page: number, q: QueryInfo, keys: readonly string[]): void {
    if (q.page !== page) this.fail(`page ${page} came back as page ${q.page}`);
    if (q.results !== keys.length) this.fail(`page ${page} says ${q.results} results but carries ${keys.length}`);
    if (this.total === null) this.total = q.total;
    else if (q.total !== this.total) this.fail(`the total changed from ${this.total} to ${q.total} between pages`);
    for (const k of keys) {
      if (this.keys.has(k)) this.fail(`${k} appeared on two pages`);
      this.keys.add(k);
    }
    this.rows += keys.length;
    if (this.rows > this.total) this.fail(`${this.rows} rows read but the total is ${this.total}`);
  }

  /** True when every row has been read (or a page came back empty, which finish() then judges). */
  done(lastPageRows: number): boolean {
    return this.total !== null && (this.rows >= this.total || lastPageRows === 0);
  }

  finish(): void {
    if (this.total === null || this.rows !== this.total) this.fail(`${this.rows} rows read but MrDomain reported ${this.total ?? 'no'} total`);
  }

  /** Refuses the whole read: nothing from it may be trusted. */
  fail(why: string): never {
    throw new RegistrarError({
      kind: 'Transient',
      registrar: 'mrdomain',
      message: `MrDomain's ${this.what} changed or disagreed with itself while it was being read (${why}). Nothing was saved from this read; run it again.`,
    });
  }
}

export interface ListSpec<T> {
  action: string;
  params?: FormParams;
  /** Key of the row array in responseData (domains, dns, ssl, products, ...). */
  itemsKey: string;
  item: z.ZodType<T>;
  /** Identity of a row, for the duplicate check. */
  key: (row: T) => string;
  what: string;
  priority?: CallPriority;
  signal?: AbortSignal;
  subject?: string;
}

/** Reads every page of a list action, in order, checked by PageTracker. */
export async function* readAllPages<T>(client: MrDomainClient, spec: ListSpec<T>): AsyncGenerator<T[]> {
  // The row key differs per action; the schema is built for it and read back through a narrow type.
  const data = z.object({ queryInfo: queryInfoSchema, [spec.itemsKey]: z.array(spec.item) }) as unknown as z.ZodType<{ queryInfo: QueryInfo } & Record<string, T[]>>;
  const tracker = new PageTracker(spec.what);
  for (let page = 1; ; page++) {
    const res = await client.call({
      action: spec.action,
      kind: 'read',
      params: { ...spec.params, page: String(page), pageLength: String(client.options.pageLength) },
      data,
      ...(spec.priority ? { priority: spec.priority } : {}),
      ...(spec.signal ? { signal: spec.signal } : {}),
      ...(spec.subject ? { subject: spec.subject } : {}),
    });
    const rows = res[spec.itemsKey] ?? [];
    tracker.accept(page, res.queryInfo, rows.map(spec.key));
    if (rows.length) yield rows;
    if (tracker.done(rows.length)) break;
  }
  tracker.finish();
}

export async function collectAllPages<T>(client: MrDomainClient, spec: ListSpec<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const rows of readAllPages(client, spec)) out.push(...rows);
  return out;
}
