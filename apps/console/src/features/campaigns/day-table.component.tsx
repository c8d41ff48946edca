import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, postJson } from '../../lib/api.client.ts';
import { Confirm } from '../forms/confirm.component.tsx';
import { useSingleKeyShortcut } from '../settings/shortcuts.store.ts';
import { RegistrationStatusTag } from './campaign-status-tag.component.tsx';
import {
  type CampaignDetail,
  formatDay,
  noShowPath,
  type Registration,
  type SiteDay,
  timeAt,
  titleOf,
} from './campaigns.api.ts';
import { DoseForm } from './dose-form.component.tsx';

type Acting = { kind: 'none' } | { kind: 'dose'; id: string } | { kind: 'noShow'; id: string };

/**
 * The people given a seat at a site on one day, by time: name (and the Chinese name), priority group, state, the
 * dose recorded; a dose for whoever is allocated or checked in, a no-show (asked first) for whoever did not come.
 */
export function DayTable({
  headingId,
  day,
  loading,
  campaign,
  timeZone,
  onChanged,
}: {
  headingId: string;
  day: SiteDay | null;
  loading: boolean;
  campaign: CampaignDetail | null;
  timeZone: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [acting, setActing] = useState<Acting>({ kind: 'none' });
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const table = useRef<HTMLTableElement>(null);
  const items = day?.items ?? [];
  const groupLabel = (code: string | null) => {
    const group = campaign?.eligibility.priorityGroups.find((g) => g.code === code);
    return group ? titleOf(group.label, locale) : '—';
  };

  // j and k move between the people's first action, like the case list; Enter then acts.
  const move = useCallback((step: number) => {
    const buttons = Array.from(table.current?.querySelectorAll<HTMLElement>('[data-row-action]') ?? []);
    if (buttons.length === 0) return;
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    const next =
      index === -1 ? (step > 0 ? 0 : buttons.length - 1) : Math.min(buttons.length - 1, Math.max(0, index + step));
    buttons[next]?.focus();
  }, []);
  useSingleKeyShortcut(
    'j',
    useCallback(() => move(1), [move]),
  );
  useSingleKeyShortcut(
    'k',
    useCallback(() => move(-1), [move]),
  );

  async function markNoShow(r: Registration) {
    if (busy) return;
    setBusy(true);
    try {
      await postJson<Registration>(noShowPath(r.id));
      setNotice({ ok: true, text: t('campaigns.desk.noShowDone', { name: r.personName }) });
      onChanged();
    } catch (error) {
      setNotice({
        ok: false,
        text: error instanceof ApiError ? (error.problem?.title ?? t('errors.network')) : t('errors.network'),
      });
    } finally {
      setBusy(false);
      setActing({ kind: 'none' });
    }
  }

  const current = acting.kind === 'dose' ? items.find((r) => r.id === acting.id) : undefined;
  return (
    <>
      <h2 id={headingId}>
        {day
          ? t('campaigns.desk.list', { date: formatDay(day.date, locale), count: items.length })
          : t('campaigns.desk.listPlain')}
      </h2>
      <div aria-live="polite">
        {notice ? <p className={notice.ok ? 'notice camp-notice--success' : 'notice'}>{notice.text}</p> : null}
      </div>
      {loading && !day ? <p role="status">{t('app.loading')}</p> : null}
      {day && items.length === 0 ? <p>{t('campaigns.desk.none')}</p> : null}
      {current ? (
        <DoseForm
          key={current.id}
          registration={current}
          vaccine={campaign?.vaccine ?? null}
          timeZone={timeZone}
          onSaved={(dose) => {
            setActing({ kind: 'none' });
            setNotice({
              ok: true,
              text: t('campaigns.desk.doseDone', {
                name: current.personName,
                n: dose.doseNumber,
                product: dose.product,
                lot: dose.lotNumber,
              }),
            });
            onChanged();
          }}
          onCancel={() => setActing({ kind: 'none' })}
        />
      ) : null}
      {items.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
        <section className="table-wrap camp-table-wrap" tabIndex={0} aria-labelledby={headingId}>
          <table className="table" ref={table}>
            <thead>
              <tr>
                <th scope="col">{t('campaigns.desk.timeAndPerson')}</th>
                <th scope="col">{t('campaigns.desk.statusAndActions')}</th>
                <th scope="col">{t('campaigns.desk.dose')}</th>
                <th scope="col">{t('campaigns.fields.priorityGroup')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <span className="camp-day__time">
                      {r.allocation
                        ? `${timeAt(r.allocation.startsAt, timeZone, locale)}–${timeAt(r.allocation.endsAt, timeZone, locale)}`
                        : '—'}
                    </span>
                    {r.personName}
                    {r.nativeName ? (
                      <>
                        {' '}
                        <span lang="zh-CN">{r.nativeName}</span>
                      </>
                    ) : null}
                  </th>
                  <td>
                    <RegistrationStatusTag status={r.status} />
                    {acting.kind === 'noShow' && acting.id === r.id ? (
                      <Confirm
                        question={t('campaigns.desk.confirmNoShow', { name: r.personName })}
                        confirmLabel={t('campaigns.desk.confirmNoShowButton')}
                        onConfirm={() => markNoShow(r)}
                        onCancel={() => setActing({ kind: 'none' })}
                        busy={busy}
                      />
                    ) : (
                      <div className="camp-row-actions">
                        {r.status === 'allocated' || r.status === 'checked_in' ? (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            data-row-action
                            onClick={() => {
                              setNotice(null);
                              setActing({ kind: 'dose', id: r.id });
                            }}
                          >
                            {t('campaigns.desk.recordDose')}
                            <span className="visually-hidden">
                              {` ${t('campaigns.desk.forName', { name: r.personName })}`}
                            </span>
                          </button>
                        ) : null}
                        {r.status === 'allocated' ? (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => {
                              setNotice(null);
                              setActing({ kind: 'noShow', id: r.id });
                            }}
                          >
                            {t('campaigns.desk.noShow')}
                            <span className="visually-hidden">
                              {` ${t('campaigns.desk.noShowContext', { name: r.personName })}`}
                            </span>
                          </button>
                        ) : null}
                      </div>
                    )}
                  </td>
                  <td>
                    {r.doses.length === 0
                      ? '—'
                      : r.doses.map((d) => (
                          <div key={d.id}>
                            {t('campaigns.desk.doseSummary', { n: d.doseNumber, product: d.product, lot: d.lotNumber })}
                          </div>
                        ))}
                  </td>
                  <td>{groupLabel(r.priorityGroup)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
