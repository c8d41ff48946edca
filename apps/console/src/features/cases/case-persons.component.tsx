import { CASE_PERSON_ROLES, type CasePerson, type CasePersonRole } from '@homeward/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.client.ts';
import { Confirm } from '../forms/confirm.component.tsx';
import { addPerson, removePerson } from './cases.api.ts';
import { useSaid } from './said.hook.ts';

function messageOf(error: unknown, fallback: string): string {
  if (error instanceof ApiError && error.status !== 0) {
    return error.problem?.errors?.[0]?.message ?? error.problem?.title ?? fallback;
  }
  return fallback;
}

/** The people involved (person concerned, reporter, next of kin), linked to their registry record when known. */
export function CasePersons({
  caseId,
  persons,
  onChanged,
}: {
  caseId: string;
  persons: CasePerson[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<CasePerson | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useSaid();
  const [adding, setAdding] = useState(false);

  const remove = async (person: CasePerson) => {
    setError(null);
    try {
      await removePerson(caseId, person.id);
      setRemoving(null);
      setStatus(() => t('cases.persons.removed', { name: person.name }));
      onChanged();
    } catch (caught) {
      setError(messageOf(caught, t('errors.network')));
    }
  };

  return (
    <section className="case-persons" aria-labelledby="case-persons-title">
      <h2 id="case-persons-title" className="case-side__title">
        {t('cases.persons.title')}
      </h2>
      {error ? (
        <p className="error-message" role="alert">
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error}
        </p>
      ) : null}
      {persons.length === 0 ? (
        <p>{t('cases.persons.empty')}</p>
      ) : (
        <ul className="plain-list case-persons__list">
          {persons.map((person) => (
            <li key={person.id}>
              <p className="case-persons__name">
                <strong>{person.name}</strong> <span className="tag">{t(`cases.persons.role.${person.role}`)}</span>
              </p>
              {person.relation ? (
                <p className="hint">{t('cases.persons.relationIs', { relation: person.relation })}</p>
              ) : null}
              {person.phone ? (
                <p>
                  <a href={`tel:${person.phone}`}>{person.phone}</a>
                </p>
              ) : null}
              <p className="case-persons__links">
                {person.personId ? (
                  <Link to={`/registrants/${person.personId}`}>
                    {t('cases.persons.registry', { name: person.name })}
                  </Link>
                ) : (
                  <span className="muted">{t('cases.persons.notLinked')}</span>
                )}{' '}
                {removing?.id === person.id ? null : (
                  <button type="button" className="link-button" onClick={() => setRemoving(person)}>
                    {t('cases.persons.remove')}
                    <span className="visually-hidden">: {person.name}</span>
                  </button>
                )}
              </p>
              {removing?.id === person.id ? (
                <Confirm
                  question={t('cases.persons.removeQuestion', { name: person.name })}
                  confirmLabel={t('cases.persons.removeConfirm')}
                  onConfirm={() => void remove(person)}
                  onCancel={() => setRemoving(null)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="hint">
        {status}
      </p>
      {adding ? (
        <AddPersonForm
          caseId={caseId}
          onDone={(name) => {
            setAdding(false);
            if (name) {
              setStatus(() => t('cases.persons.added', { name }));
              onChanged();
            }
          }}
        />
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
          {t('cases.persons.add')}
        </button>
      )}
    </section>
  );
}

function AddPersonForm({ caseId, onDone }: { caseId: string; onDone: (added: string | null) => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<CasePersonRole>('next_of_kin');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [relation, setRelation] = useState('');
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setError({ field: 'person-name', message: t('cases.persons.nameMissing') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await addPerson(caseId, {
        role,
        name: name.trim(),
        phone: phone.trim() || null,
        relation: relation.trim() || null,
      });
      onDone(name.trim());
    } catch (caught) {
      const field =
        caught instanceof ApiError ? (caught.problem?.errors?.[0]?.field === '/phone' ? 'person-phone' : null) : null;
      setError({ field, message: messageOf(caught, t('errors.network')) });
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (id: string) =>
    error?.field === id ? (
      <p className="error-message" id={`${id}-error`} role="alert">
        <span className="visually-hidden">{t('errors.prefix')}</span>
        {error.message}
      </p>
    ) : null;

  return (
    <form onSubmit={onSubmit} noValidate className="case-persons__form">
      <h3 className="case-actions__label">{t('cases.persons.add')}</h3>
      {error && error.field === null ? (
        <p className="error-message" role="alert">
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error.message}
        </p>
      ) : null}
      <div className="form-group">
        <label className="label" htmlFor="person-role">
          {t('cases.persons.roleLabel')}
        </label>
        <select
          id="person-role"
          className="select"
          value={role}
          onChange={(event) => setRole(event.target.value as CasePersonRole)}
        >
          {CASE_PERSON_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`cases.persons.role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className={error?.field === 'person-name' ? 'form-group form-group--error' : 'form-group'}>
        <label className="label" htmlFor="person-name">
          {t('cases.persons.name')}
        </label>
        {fieldError('person-name')}
        <input
          id="person-name"
          className={error?.field === 'person-name' ? 'input input--error' : 'input'}
          autoComplete="off"
          maxLength={200}
          value={name}
          aria-invalid={error?.field === 'person-name' ? true : undefined}
          aria-describedby={error?.field === 'person-name' ? 'person-name-error' : undefined}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className={error?.field === 'person-phone' ? 'form-group form-group--error' : 'form-group'}>
        <label className="label" htmlFor="person-phone">
          {t('cases.persons.phone')}
        </label>
        <p className="hint" id="person-phone-hint">
          {t('cases.persons.phoneHint')}
        </p>
        {fieldError('person-phone')}
        <input
          id="person-phone"
          type="tel"
          className={error?.field === 'person-phone' ? 'input input--error' : 'input'}
          autoComplete="off"
          maxLength={40}
          value={phone}
          aria-invalid={error?.field === 'person-phone' ? true : undefined}
          aria-describedby={
            error?.field === 'person-phone' ? 'person-phone-hint person-phone-error' : 'person-phone-hint'
          }
          onChange={(event) => setPhone(event.target.value)}
        />
      </div>
      <div className="form-group">
        <label className="label" htmlFor="person-relation">
          {t('cases.persons.relation')}
        </label>
        <p className="hint" id="person-relation-hint">
          {t('cases.persons.relationHint')}
        </p>
        <input
          id="person-relation"
          className="input"
          autoComplete="off"
          maxLength={100}
          value={relation}
          aria-describedby="person-relation-hint"
          onChange={(event) => setRelation(event.target.value)}
        />
      </div>
      <div className="button-group">
        <button type="submit" className="button button--secondary" aria-disabled={busy}>
          {t('cases.persons.submit')}
        </button>
        <button type="button" className="link-button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
