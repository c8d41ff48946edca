import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.client.ts';
import { type CertificateHolderMatch, findHolders } from './certificates.api.ts';

/**
 * Finds the registered person by passport number, so the certificate reaches their wallet. Optional: a person who
 * is not registered still gets a certificate, only not in an account.
 */
export function HolderLookup({
  chosen,
  onChoose,
}: {
  chosen: CertificateHolderMatch | null;
  onChoose: (match: CertificateHolderMatch | null) => void;
}) {
  const { t } = useTranslation();
  const [passport, setPassport] = useState('');
  const [matches, setMatches] = useState<CertificateHolderMatch[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  if (chosen) {
    return (
      <div className="form-group">
        <p className="label">{t('certificates.holder.chosen')}</p>
        <p>
          {chosen.familyName} {chosen.givenName}
          {chosen.nativeName ? ` (${chosen.nativeName})` : ''} · <span className="code">{chosen.passportNumber}</span>
        </p>
        <button type="button" className="link-button" onClick={() => onChoose(null)}>
          {t('certificates.holder.change')}
        </button>
      </div>
    );
  }

  const search = async () => {
    setFailed(null);
    if (passport.replace(/\s+/g, '').length < 5) {
      setFailed(t('certificates.holder.tooShort'));
      return;
    }
    try {
      setMatches(await findHolders(passport));
    } catch (error) {
      setMatches(null);
      setFailed(error instanceof ApiError && error.problem ? error.problem.title : t('errors.network'));
    }
  };

  return (
    <div className={failed ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor="holder-passport">
        {t('certificates.holder.passport')}
      </label>
      <p className="hint" id="holder-passport-hint">
        {t('certificates.holder.hint')}
      </p>
      {failed ? (
        <p className="error-message" id="holder-passport-error">
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {failed}
        </p>
      ) : null}
      <div className="button-group">
        <input
          id="holder-passport"
          className={failed ? 'input input--error' : 'input'}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={failed ? 'holder-passport-hint holder-passport-error' : 'holder-passport-hint'}
          value={passport}
          onChange={(event) => setPassport(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void search();
            }
          }}
        />
        <button type="button" className="button button--secondary" onClick={() => void search()}>
          {t('certificates.holder.find')}
        </button>
      </div>
      <div aria-live="polite">
        {matches && matches.length === 0 ? <p>{t('certificates.holder.none')}</p> : null}
        {matches && matches.length > 0 ? (
          <ul className="plain-list">
            {matches.map((match) => (
              <li key={match.personId}>
                {match.familyName} {match.givenName}
                {match.nativeName ? ` (${match.nativeName})` : ''}
                {match.birthDate ? ` · ${match.birthDate}` : ''}{' '}
                <button type="button" className="link-button" onClick={() => onChoose(match)}>
                  {t('certificates.holder.use', { name: `${match.familyName} ${match.givenName}` })}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
