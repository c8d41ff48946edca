import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { phoneForPeople } from '../accounts/phone.ts';
import {
  type Dependent,
  type EmergencyContact,
  MAX_CONTACTS,
  removeContact,
  removeDependent,
} from './registration.api.ts';
import { formatDay } from './registration.fields.tsx';
import { nativeInBrackets } from './registration.page.tsx';
import { RemoveButton } from './remove-button.component.tsx';

export function DependentsSection({ items, onChanged }: { items: readonly Dependent[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section aria-labelledby="reg-dependents" className="section-gap">
      <h2 id="reg-dependents">{t('registration.dependent.heading')}</h2>
      <p className="hint">{t('registration.dependent.intro')}</p>
      {items.length === 0 ? (
        <p>{t('registration.dependent.empty')}</p>
      ) : (
        <ul className="item-list">
          {items.map((dependent) => {
            const name = `${dependent.familyName} ${dependent.givenName}`;
            return (
              <li key={dependent.id} className="item">
                <div className="item__title">
                  {name}
                  {dependent.nativeName ? nativeInBrackets(dependent.nativeName, locale) : ''}
                </div>
                <div className="item__meta">
                  {t(`registration.relationship.${dependent.relationship}`)}
                  {dependent.birthDate
                    ? ` · ${t('registration.dependent.born', { date: formatDay(dependent.birthDate, locale) })}`
                    : ''}
                </div>
                <div className="button-row">
                  <Link to={`/registration/dependents/${encodeURIComponent(dependent.id)}`} className="button-link">
                    {t('registration.change')}
                    <span className="visually-hidden">{t('registration.what', { what: name })}</span>
                  </Link>
                  <RemoveButton
                    id={`dependent-${dependent.id}`}
                    label={t('registration.remove')}
                    what={t('registration.what', { what: name })}
                    question={t('registration.dependent.removeQuestion', { name })}
                    detail={t('registration.dependent.removeDetail')}
                    yes={t('registration.dependent.removeYes')}
                    onRemove={() => removeDependent(dependent.id)}
                    onDone={onChanged}
                    focusAfter="reg-dependents"
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Link to="/registration/dependents/new" className="button button--secondary">
        {t('registration.dependent.add')}
      </Link>
    </section>
  );
}

export function ContactsSection({ items, onChanged }: { items: readonly EmergencyContact[]; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="reg-contacts" className="section-gap">
      <h2 id="reg-contacts">{t('registration.contact.heading')}</h2>
      <p className="hint">{t('registration.contact.intro')}</p>
      {items.length === 0 ? (
        <p>{t('registration.contact.empty')}</p>
      ) : (
        <ul className="item-list">
          {items.map((contact) => (
            <li key={contact.id} className="item">
              <div className="item__title">{contact.name}</div>
              <div className="item__meta">
                {contact.relationship}
                {contact.phone ? (
                  <>
                    <br />
                    {phoneForPeople(contact.phone)}
                  </>
                ) : null}
                {contact.email ? (
                  <>
                    <br />
                    {contact.email}
                  </>
                ) : null}
              </div>
              <div className="button-row">
                <Link to={`/registration/emergency-contacts/${encodeURIComponent(contact.id)}`} className="button-link">
                  {t('registration.change')}
                  <span className="visually-hidden">{t('registration.what', { what: contact.name })}</span>
                </Link>
                <RemoveButton
                  id={`contact-${contact.id}`}
                  label={t('registration.remove')}
                  what={t('registration.what', { what: contact.name })}
                  question={t('registration.contact.removeQuestion', { name: contact.name })}
                  yes={t('registration.contact.removeYes')}
                  onRemove={() => removeContact(contact.id)}
                  onDone={onChanged}
                  focusAfter="reg-contacts"
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      {items.length < MAX_CONTACTS ? (
        <Link to="/registration/emergency-contacts/new" className="button button--secondary">
          {t('registration.contact.add')}
        </Link>
      ) : (
        <p className="hint">{t('registration.contact.max', { count: MAX_CONTACTS })}</p>
      )}
    </section>
  );
}
