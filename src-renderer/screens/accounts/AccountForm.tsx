import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountColors, credentialFields, defaultColorFor, irsfaEnvironments, registrarIds, type RegistrarId } from '../../../src-shared/accounts/registrars.js';
import { validateColor, validateCredentials, validateEndpoint, validateLabel, type FieldProblem } from '../../../src-shared/accounts/validate.js';
import { RpcCallError } from '../../../src-shared/contract/client.js';
import type { AccountSummary } from '../../../src-shared/contract/areas/accounts.js';
import { useClient } from '../../state/use-client.js';
import { renderRpcError } from './format.js';

interface Props {
  /** Editing this account; adding when absent. */
  account?: AccountSummary;
  otherLabels: string[];
  onDone: (account: AccountSummary) => void;
  onCancel: () => void;
}

type Errors = Record<string, string>;

/**
 * Add or edit an account. Secrets are password inputs, never pre-filled:
 * on edit an empty secret keeps the stored one. Problems are shown beside
 * their field, from the shared validators first and the core's answer second.
 */
export function AccountForm({ account, otherLabels, onDone, onCancel }: Props): JSX.Element {
  const { t } = useTranslation();
  const client = useClient();
  const editing = account !== undefined;
  const [registrar, setRegistrar] = useState<RegistrarId>(account?.registrar ?? 'dynadot');
  const [label, setLabel] = useState(account?.label ?? '');
  const [endpoint, setEndpoint] = useState(account?.endpoint ?? '');
  const [color, setColor] = useState(account?.color ?? defaultColorFor.dynadot);
  const [colorTouched, setColorTouched] = useState(editing);
  const [creds, setCreds] = useState<Record<string, string>>(account?.environment ? { environment: account.environment } : {});
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement & HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const message = (p: FieldProblem) => t(`accounts.validation.${p.key}`, { ...p.params, registrar: p.params.registrar ?? t(`accounts.registrar.${registrar}`) });

  function localProblems(): Errors {
    const problems = [...validateLabel(label, otherLabels), ...validateEndpoint(registrar, endpoint), ...validateColor(color)];
    if (!editing) {
      const checked = validateCredentials(registrar, creds);
      if (!checked.ok) problems.push(...checked.problems);
    }
    const out: Errors = {};
    for (const p of problems) out[p.field] ??= message(p);
    return out;
  }

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const found = localProblems();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const given = Object.fromEntries(Object.entries(creds).filter(([, v]) => v.trim() !== ''));
      const saved = editing
        ? await client.call('accounts.update', { id: account.id, label, endpoint: endpoint.trim() === '' ? null : endpoint, color, ...(Object.keys(given).length ? { credentials: given } : {}) })
        : await client.call('accounts.add', { registrar, label, endpoint: endpoint.trim() === '' ? null : endpoint, color, credentials: given });
      onDone(saved);
    } catch (err) {
      if (err instanceof RpcCallError) setErrors({ [err.error.path?.join('.') || 'form']: renderRpcError(t, err.error) });
      else setErrors({ form: String(err) });
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) =>
    errors[name] ? (
      <span className="field-error" id={`err-${name}`} role="alert">
        {errors[name]}
      </span>
    ) : null;
  const describedBy = (name: string) => (errors[name] ? `err-${name}` : undefined);

  return (
    <form className="acct-form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onCancel()} noValidate data-testid="account-form">
      <h2>{editing ? t('accounts.form.editTitle', { label: account.label }) : t('accounts.form.addTitle')}</h2>
      <div className="acct-grid">
        <label htmlFor="acct-registrar">{t('accounts.field.registrar')}</label>
        <div>
          <select
            id="acct-registrar"
            ref={first}
            value={registrar}
            disabled={editing}
            onChange={(e) => {
              const next = e.target.value as RegistrarId;
              setRegistrar(next);
              setCreds({});
              if (!colorTouched) setColor(defaultColorFor[next]);
            }}
          >
            {registrarIds.map((r) => (
              <option key={r} value={r}>
                {t(`accounts.registrar.${r}`)}
              </option>
            ))}
          </select>
        </div>

        <label htmlFor="acct-label">{t('accounts.field.label')}</label>
        <div>
          <input id="acct-label" value={label} onChange={(e) => setLabel(e.target.value)} aria-invalid={!!errors.label} aria-describedby={describedBy('label')} autoComplete="off" />
          {fieldError('label')}
        </div>

        {credentialFields[registrar].map((f) =>
          f.name === 'environment' ? (
            <EnvironmentField key={f.name} value={creds.environment ?? 'production'} onChange={(v) => setCreds({ ...creds, environment: v })} error={fieldError('credentials.environment')} />
          ) : (
            <FieldRow key={f.name} id={`acct-${f.name}`} label={t(`accounts.field.${f.name}`)} error={fieldError(`credentials.${f.name}`)}>
              <input
                id={`acct-${f.name}`}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={creds[f.name] ?? ''}
                placeholder={editing ? t('accounts.field.keepSecret') : ''}
                onChange={(e) => setCreds({ ...creds, [f.name]: e.target.value })}
                aria-invalid={!!errors[`credentials.${f.name}`]}
                aria-describedby={describedBy(`credentials.${f.name}`)}
              />
            </FieldRow>
          ),
        )}
        {fieldError('credentials')}

        <label htmlFor="acct-endpoint">{t('accounts.field.endpoint')}</label>
        <div>
          <input id="acct-endpoint" value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="https://…" aria-invalid={!!errors.endpoint} aria-describedby={describedBy('endpoint')} spellCheck={false} />
          <span className="field-hint">{t('accounts.field.endpointHint')}</span>
          {fieldError('endpoint')}
        </div>

        <span id="acct-color-label">{t('accounts.field.color')}</span>
        <div className="acct-colors" role="radiogroup" aria-labelledby="acct-color-label">
          {accountColors.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={color === c}
              aria-label={c}
              className={`acct-swatch${color === c ? ' selected' : ''}`}
              style={{ background: c }}
              onClick={() => {
                setColor(c);
                setColorTouched(true);
              }}
            />
          ))}
          {fieldError('color')}
        </div>
      </div>
      <p className="muted">{t('accounts.form.secretNote')}</p>
      {fieldError('form')}
      <div className="acct-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="account-save">
          {editing ? t('accounts.action.save') : t('accounts.action.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('accounts.action.cancel')}
        </button>
      </div>
    </form>
  );
}

function FieldRow({ id, label, error, children }: { id: string; label: string; error: JSX.Element | null; children: JSX.Element }): JSX.Element {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div>
        {children}
        {error}
      </div>
    </>
  );
}

function EnvironmentField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error: JSX.Element | null }): JSX.Element {
  const { t } = useTranslation();
  return (
    <FieldRow id="acct-environment" label={t('accounts.field.environment')} error={error}>
      <select id="acct-environment" value={value} onChange={(e) => onChange(e.target.value)}>
        {irsfaEnvironments.map((env) => (
          <option key={env} value={env}>
            {t(`accounts.environment.${env}`)}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}
