import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, methods, type MethodName } from '../../../src-shared/contract.js';
import { joinAreas, method } from '../../../src-shared/contract/define.js';
import { createDispatcher, type Handlers } from '../../../src-main/rpc/dispatcher.js';

/** Handlers that must never be reached: invalid input is rejected before them. */
function unreachableHandlers(): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, name) => () => {
      throw new Error(`handler ${String(name)} ran on invalid input`);
    },
  });
}

describe('dispatcher', () => {
  const names = Object.keys(methods) as MethodName[];

  it.each(names)('rejects non-object input for %s with a typed InvalidInput error', async (name) => {
    const result = await createDispatcher(unreachableHandlers()).dispatch(name, 42);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('InvalidInput');
      expect(result.error.messageKey).toBe('errors.InvalidInput');
      expect(Array.isArray(result.error.path)).toBe(true);
    }
  });

  it.each(names)('rejects unknown fields for %s', async (name) => {
    const result = await createDispatcher(unreachableHandlers()).dispatch(name, { definitelyNotAField__: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('InvalidInput');
  });

  it('answers an unknown method with UnknownMethod, never a throw', async () => {
    const result = await createDispatcher(unreachableHandlers()).dispatch('nope.nothing', {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'UnknownMethod', params: { method: 'nope.nothing' } }) });
  });

  it('reports the field path of invalid input', async () => {
    const result = await createDispatcher(unreachableHandlers()).dispatch('settings.update', { theme: 'purple' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.path).toEqual(['theme']);
  });

  it('turns an unexpected exception into Internal and reports it', async () => {
    const seen: string[] = [];
    const handlers = { ...unreachableHandlers(), 'app.info': () => Promise.reject(new Error('boom with secret')) } as unknown as Handlers;
    const d = createDispatcher(new Proxy(handlers, { get: (t, k) => (k === 'app.info' ? handlers['app.info'] : Reflect.get(t, k)) }), {
      onInternalError: (m) => seen.push(m),
    });
    const result = await d.dispatch('app.info', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('Internal');
      expect(result.error.message).not.toContain('secret');
    }
    expect(seen).toEqual(['app.info']);
  });

  it('passes AppError through with its code and params', async () => {
    const handlers = { 'app.info': () => Promise.reject(new AppError('NotFound', 'Nothing here', { params: { what: 'x' } })) } as unknown as Handlers;
    const result = await createDispatcher(handlers).dispatch('app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'NotFound', message: 'Nothing here', params: { what: 'x' } } });
  });

  it('refuses output that breaks the contract', async () => {
    const handlers = { 'settings.get': () => ({ theme: 'neon', locale: null }) } as unknown as Handlers;
    const result = await createDispatcher(handlers).dispatch('settings.get', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('InvalidOutput');
  });

  it('declares every method with a read/write kind and zod schemas', () => {
    for (const name of names) {
      const def = methods[name] as { kind: string; input: unknown; output: unknown };
      expect(['read', 'write']).toContain(def.kind);
      expect(def.input).toBeInstanceOf(z.ZodType);
      expect(def.output).toBeInstanceOf(z.ZodType);
    }
  });

  it('rejects a contract that declares a name twice', () => {
    const a = { 'x.y': method('read', z.object({}), z.object({}), 'a') };
    const b = { 'x.y': method('write', z.object({}), z.object({}), 'b') };
    expect(() => joinAreas(a, b)).toThrow(/twice/);
  });
});
