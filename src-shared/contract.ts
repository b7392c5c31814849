import type { z } from 'zod';
import { accountsEvents, accountsMethods } from './contract/areas/accounts.js';
import { appEvents, appMethods } from './contract/areas/app.js';
import { bulkMethods } from './contract/areas/bulk.js';
import { jobsEvents, jobsMethods } from './contract/areas/jobs.js';
import { portfolioEvents, portfolioMethods } from './contract/areas/portfolio.js';
import { portfolioIoMethods } from './contract/areas/portfolio-io.js';
import { joinAreas, type EventDef, type MethodDef } from './contract/define.js';

/**
 * The one contract between the renderer (or any shell) and the core. Each
 * area declares its methods and events; they are joined here, and a name
 * declared twice throws at start-up.
 */
export const methods = joinAreas(appMethods, accountsMethods, jobsMethods, portfolioMethods, bulkMethods, portfolioIoMethods);
export const events = joinAreas(appEvents, accountsEvents, jobsEvents, portfolioEvents);

export type Methods = typeof methods;
export type MethodName = keyof Methods & string;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;

export type Events = typeof events;
export type EventName = keyof Events & string;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

export function methodDef(name: MethodName): MethodDef {
  return methods[name] as MethodDef;
}

export function eventDef(name: EventName): EventDef {
  return events[name] as EventDef;
}

export * from './contract/errors.js';
