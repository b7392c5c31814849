import { ApiError, type ActionResult } from '../envelope.js';
import { createCsr, decodeCsr, type CsrSubject } from '../csr.js';
import { asciiName } from '../params.js';
import { approverEmails } from '../ssl-data.js';
import type { ActionContext, ActionHandler } from './context.js';

/** The SSL helpers that touch no certificate: CSR decode/create and the validation methods for a name. */
const SUBJECT_FIELDS: (keyof CsrSubject)[] = ['commonName', 'organizationName', 'organizationalUnitName', 'countryName', 'stateOrProvinceName', 'localityName', 'emailAddress'];

function validationEmails(c: ActionContext): ActionResult {
  const commonName = c.p.req('commonName').toLowerCase();
  if (asciiName(commonName.replace(/^\*\./, 'wildcard.')) === null) throw new ApiError(5000, `Invalid commonName: ${commonName}`);
  const alternatives = c.p.bool('includeAlternativeMethods', true)!;
  const extra = alternatives ? (commonName.startsWith('*.') ? ['dns'] : ['dns', 'http', 'https']) : [];
  return { data: { commonName, valMethods: [...extra, ...approverEmails(commonName)] } };
}

function csrDecode(c: ActionContext): ActionResult {
  const csrData = c.p.req('csrData');
  const subject = decodeCsr(csrData);
  if (!subject) throw new ApiError(5000, 'csrData is not a valid certificate request (CSR)');
  return { data: { csrData, ...subject } };
}

function csrCreate(c: ActionContext): ActionResult {
  const subject = Object.fromEntries(SUBJECT_FIELDS.map((f) => [f, c.p.req(f)])) as unknown as CsrSubject;
  if (!/^[A-Za-z]{2}$/.test(subject.countryName)) throw new ApiError(105, `Invalid countryName (2 letters): ${subject.countryName}`);
  subject.countryName = subject.countryName.toUpperCase();
  const { csrData, csrKey } = createCsr(subject);
  return { data: { csrData, csrKey, ...subject } };
}

export const SSL_TOOL_ACTIONS: Record<string, ActionHandler> = {
  'ssl/csrdecode': csrDecode,
  'ssl/csrcreate': csrCreate,
  'ssl/getvalidationemails': validationEmails,
};
