/** Irsfa (Aksara Data Digital) adapter, seed 000. */
export { createIrsfaAdapter, type IrsfaAdapter, type IrsfaAdapterOptions } from './adapter.js';
export { IRSFA_CAPABILITIES } from './capabilities.js';
export { IrsfaValidationError, type FieldError } from './errors.js';
export { IRSFA_PRODUCTION_ORIGIN, IRSFA_SANDBOX_ORIGIN, irsfaEnvironmentWarning, type IrsfaEnvironment, type IrsfaEnvironmentWarning } from './environment.js';
export { memoryTokenStore, vaultTokenStore, type CachedToken, type IrsfaTokenStore, type SecretEntries } from './token.js';
export type { Availability, IrsfaAddress, IrsfaRegistrant, TransferInRequest, TransferStatus } from './domain-ops.js';
export type { DsInput, IrsfaDsRecord, IrsfaHost } from './hosts.js';
export type { CsrSubjectInput, DecodedCsr, SslCreateResult, SslOrder, SslOrderDetail, SslOrderInput, SslOrderPage, SslProduct, SslType } from './ssl.js';
