import type { Country } from '@homeward/shared';
import { type KeyboardEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { type HotlineLookup, type LookupCase, type LookupPerson, lookupPath } from './hotline.api.ts';
import { useDebounced } from './knowledge-panel.component.tsx';

export type LookupPick = { kind: 'person'; person: LookupPerson } | { kind: 'case'; kase: LookupCase };

type Option = { id: string; pick: LookupPick };

function optionsOf(data: HotlineLookup | null): Option[] {
  if (!data) return [];
  return [
    ...data.persons.map((person) => ({ id: `lookup-person-${person.id}`, pick: { kind: 'person', person } as const })),
    ...data.cases.map((kase) => ({ id: `lookup-case-${kase.id}`, pick: { kind: 'case', kase } as const })),
  ];
}

/** "Lives in Osaka, JP" / "Travelling in Tokyo, JP until 2026-12-01". */
function PresenceText({ person, countries }: { person: LookupPerson; countries: Country[] }) {
  const { t } = useTranslation();
  const p = person.presence;
  if (!p) return <>{t('hotline.log.noPresence')}</>;
  const country = countries.find((c) => c.code === p.countryCode)?.name[currentLocale()] ?? p.countryCode;
  const place = p.cityName ? `${p.cityName}, ${country}` : country;
  return (
    <>
      {p.kind === 'trip'
        ? t('hotline.log.presence.trip', { place, until: p.departureOn ?? '' })
        : t('hotline.log.presence.residence', { place })}
    </>
  );
}

export function personLabel(person: LookupPerson): string {
  const latin = `${person.familyName} ${person.givenName}`;
  return person.nativeName ? `${person.nativeName} ${latin}` : latin;
}

/**
 * The combobox wiring for a search field whose results list sits below it (ARIA 1.2 combobox with a listbox):
 * the arrow keys move through the results while focus stays in the field, Enter picks, Escape closes.
 */
export function useLookup(query: string, country: string, onPick: (pick: LookupPick) => void) {
  const settled = useDebounced(query.trim(), 250);
  const results = useApi<HotlineLookup>(settled.length >= 2 ? lookupPath(settled, country) : null);
  const data = settled.length >= 2 ? results.data : null;
  const options = optionsOf(data);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(true);
  const optionIds = options.map((o) => o.id).join(',');
  // A new answer starts the choice again on its first match, so Enter alone picks the likeliest record.
  useEffect(() => {
    setActive(optionIds ? 0 : -1);
    setOpen(true);
  }, [optionIds]);
  const expanded = open && settled.length >= 2 && data !== null;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter in a search field picks a result; it never sends the half-filled call (Ctrl+Enter does).
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) event.preventDefault();
    if (!expanded || options.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i === -1 && step === -1 ? options.length - 1 : (i + step + options.length) % options.length));
    } else if (event.key === 'Enter' && active >= 0 && !event.ctrlKey && !event.metaKey) {
      const option = options[active];
      if (option) onPick(option.pick);
      setOpen(false);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };
  return {
    results,
    data,
    options,
    active,
    expanded,
    loading: results.status === 'loading' && settled.length >= 2,
    inputProps: {
      role: 'combobox' as const,
      'aria-autocomplete': 'list' as const,
      'aria-expanded': expanded,
      'aria-activedescendant': expanded && active >= 0 ? options[active]?.id : undefined,
      onKeyDown,
    },
    pick: (option: Option) => {
      onPick(option.pick);
      setOpen(false);
    },
  };
}

/** The results under the phone or search field: persons with where they are and their open cases, then cases. */
export function LookupResults({
  lookup,
  listId,
  countries,
  missionName,
}: {
  lookup: ReturnType<typeof useLookup>;
  listId: string;
  countries: Country[];
  missionName: (code: string) => string;
}) {
  const { t } = useTranslation();
  const { data, options, active, expanded } = lookup;
  let status: ReactNode = '';
  if (lookup.loading && !data) status = t('hotline.log.searching');
  else if (data && expanded)
    status =
      options.length === 0 ? t('hotline.log.noResults') : t('hotline.log.resultsCount', { count: options.length });
  return (
    <div className="lookup">
      <p className="hint lookup__status" role="status">
        {status}
      </p>
      <LoadError state={lookup.results} />
      <div
        id={listId}
        role="listbox"
        aria-label={t('hotline.log.results')}
        className="lookup__list"
        hidden={!expanded || options.length === 0}
      >
        {options.map((option, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard picks through the combobox field (arrow keys, Enter).
          <div
            key={option.id}
            id={option.id}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            className={index === active ? 'lookup__option lookup__option--active' : 'lookup__option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => lookup.pick(option)}
          >
            {option.pick.kind === 'person' ? (
              <PersonSummary person={option.pick.person} countries={countries} missionName={missionName} />
            ) : (
              <span>
                <strong>
                  {t('hotline.log.caseResult', {
                    number: option.pick.kase.number,
                    mission: missionName(option.pick.kase.missionCode),
                  })}
                </strong>
                <br />
                {option.pick.kase.subjectName} · {option.pick.kase.summary}
              </span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

export function PersonSummary({
  person,
  countries,
  missionName,
}: {
  person: LookupPerson;
  countries: Country[];
  missionName: (code: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <span>
      <strong>{personLabel(person)}</strong>{' '}
      <span className="tag tag--inline">{t(`hotline.log.matchedBy.${person.matchedBy}`)}</span>
      <br />
      {[
        person.passportNumber ? t('hotline.log.passport', { number: person.passportNumber }) : null,
        person.birthDate,
        person.phones[0] ?? null,
      ]
        .filter(Boolean)
        .join(' · ')}
      <br />
      <PresenceText person={person} countries={countries} />
      {person.openCases.length > 0 ? (
        <>
          <br />
          {t('hotline.log.openCases', { count: person.openCases.length })}:{' '}
          {person.openCases.map((c) => `${c.number} (${missionName(c.missionCode)})`).join(', ')}
        </>
      ) : null}
    </span>
  );
}
