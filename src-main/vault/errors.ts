import { AppError, type RpcErrorCode } from '../../src-shared/contract.js';
import { englishText } from '../../src-shared/i18n/english.js';

/**
 * Vault failures, each with its own catalog key under `vault.` so every shell
 * explains them in the user's language. None of them ever carries a secret.
 */
export type VaultProblem = 'locked' | 'wrongPassphrase' | 'damaged' | 'entryDamaged' | 'entryMissing' | 'unavailable' | 'replaced';

const CODES: Record<VaultProblem, RpcErrorCode> = {
  locked: 'Unavailable',
  // Not AuthFailed: that code means a registrar rejected an account's credentials.
  wrongPassphrase: 'Unauthorized',
  damaged: 'Conflict',
  entryDamaged: 'Conflict',
  entryMissing: 'NotFound',
  unavailable: 'Unavailable',
  replaced: 'Conflict',
};

export function vaultError(problem: VaultProblem, params: Record<string, string> = {}): AppError {
  const messageKey = `vault.${problem}`;
  return new AppError(CODES[problem], englishText(messageKey, params), { messageKey, params });
}

export function isVaultError(err: unknown): err is AppError {
  return err instanceof AppError && typeof err.extra.messageKey === 'string' && err.extra.messageKey.startsWith('vault.');
}
