import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSubmissionKey } from '../../lib/use-submission-key.hook.ts';
import {
  ErrorSummary,
  errorsFromApi,
  type FieldErrors,
  SelectField,
  TextField,
  useFormErrors,
} from '../accounts/form.components.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import {
  type BusinessSector,
  createOrganisation,
  type Organisation,
  organisationPath,
  SECTORS,
  updateOrganisation,
} from './organisation.api.ts';
import type { OrganisationNotice } from './organisations.page.tsx';

const ORDER = ['name', 'registrationNumber', 'sector'] as const;
const FIELDS = { '/name': 'name', '/registrationNumber': 'registrationNumber', '/sector': 'sector' };

/** Register an organisation (`/organisations/new`) or change one (`/organisations/:id/edit`). */
export function OrganisationFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useApi<Organisation>(id ? organisationPath(id) : null, { keepOnDevice: false });
  const title = id ? t('organisation.form.changeTitle') : t('organisation.form.addTitle');
  useDocumentTitle(title);
  let body: ReactNode = null;
  if (id && existing.status === 'error') body = <LoadFailed onRetry={existing.retry} />;
  else if (id && !existing.data)
    body = (
      <p role="status" className="hint">
        {t('common.loading')}
      </p>
    );
  return (
    <div className="narrow">
      <Link to={id ? `/organisations/${id}` : '/organisations'} className="back-link">
        {t('common.back')}
      </Link>
      {body ? (
        <>
          <h1>{title}</h1>
          {body}
        </>
      ) : (
        <OrganisationForm existing={existing.data ?? null} title={title} />
      )}
    </div>
  );
}

function OrganisationForm({ existing, title }: { existing: Organisation | null; title: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState(existing?.name ?? '');
  const [registrationNumber, setRegistrationNumber] = useState(existing?.registrationNumber ?? '');
  const [sector, setSector] = useState<string>(existing?.sector ?? '');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  const submissionKey = useSubmissionKey();
  useDocumentTitle(title, errors.hasErrors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    if (!name.trim()) found.name = t('organisation.form.nameMissing');
    if (!registrationNumber.trim()) found.registrationNumber = t('organisation.form.numberMissing');
    else if (registrationNumber.trim().length > 40) found.registrationNumber = t('organisation.form.numberTooLong');
    if (!sector) found.sector = t('organisation.form.sectorMissing');
    if (Object.keys(found).length > 0) {
      errors.show({ fields: found, form: null });
      return;
    }
    const body = { name: name.trim(), registrationNumber: registrationNumber.trim(), sector: sector as BusinessSector };
    setBusy(true);
    try {
      const saved = existing
        ? await updateOrganisation(existing.id, body)
        : await createOrganisation(body, submissionKey(body));
      navigate(`/organisations/${saved.id}`, {
        state: { notice: t('organisation.form.saved') } satisfies OrganisationNotice,
      });
    } catch (error) {
      errors.show(errorsFromApi(error, FIELDS, t('errors.network')));
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{title}</h1>
      <form noValidate onSubmit={onSubmit}>
        <TextField
          id="name"
          label={t('organisation.form.name')}
          hint={t('organisation.form.nameHint')}
          error={errors.fields.name}
          autoComplete="organization"
          maxLength={200}
          value={name}
          onChange={setName}
        />
        <TextField
          id="registrationNumber"
          label={t('organisation.form.number')}
          hint={t('organisation.form.numberHint')}
          error={errors.fields.registrationNumber}
          autoComplete="off"
          spellCheck={false}
          value={registrationNumber}
          onChange={setRegistrationNumber}
        />
        <SelectField
          id="sector"
          label={t('organisation.form.sector')}
          error={errors.fields.sector}
          value={sector}
          onChange={setSector}
          options={SECTORS.map((s) => ({ value: s, label: t(`organisation.sectors.${s}`) }))}
          emptyLabel={t('organisation.form.choose')}
        />
        <button type="submit" className="button" aria-disabled={busy}>
          {t('organisation.form.save')}
        </button>
      </form>
    </>
  );
}
