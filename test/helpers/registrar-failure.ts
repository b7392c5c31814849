import { isRegistrarError, type RegistrarError } from '../../src-main/registrars/errors.js';

/** Awaits a call that must fail with a RegistrarError and returns it (anything else fails the test). */
export async function failure(p: Promise<unknown>): Promise<RegistrarError> {
  try {
    await p;
  } catch (err) {
    if (isRegistrarError(err)) return err;
    throw err;
  }
  throw new Error('expected a RegistrarError');
}
