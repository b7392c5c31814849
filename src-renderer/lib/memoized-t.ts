import type { TFunction } from 'i18next';

/**
 * A translate function that remembers what it returned for a key with no
 * options or with only a `count`. The portfolio grid asks for the same few
 * strings hundreds of times per result page; i18next resolves each call from
 * scratch. Anything with other interpolation passes straight through.
 * Build a new one when the language changes.
 */
export function memoizedT(t: TFunction): TFunction {
  const cache = new Map<string, string>();
  const memo = (key: string | string[], options?: Record<string, unknown>): string => {
    const plain = typeof key === 'string' && (options === undefined || (Object.keys(options).length === 1 && typeof options.count === 'number'));
    if (!plain) return (t as (k: unknown, o?: unknown) => string)(key, options);
    const cacheKey = options ? `${key}\u0000${options.count as number}` : key;
    let text = cache.get(cacheKey);
    if (text === undefined) {
      text = (t as (k: string, o?: unknown) => string)(key, options);
      cache.set(cacheKey, text);
    }
    return text;
  };
  return memo as unknown as TFunction;
}
