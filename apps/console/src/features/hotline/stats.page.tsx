import { CALL_OUTCOMES, CASE_CATEGORIES } from '@homeward/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { durationParts, type HotlineStats, statsPath, utcDayBefore } from './hotline.api.ts';
import './hotline.css';

interface Bar {
  key: string;
  label: string;
  count: number;
}

/**
 * A horizontal bar chart in plain SVG. It is an image with a text alternative; the table under it carries the
 * same figures for screen readers and for anyone who wants exact numbers.
 */
function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const { t } = useTranslation();
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.count));
  // Drawn about the size it is shown on a phone, so its labels stay readable there; wider screens scale it up a bit.
  const rowHeight = 22;
  const labelWidth = 170;
  const width = 420;
  const barSpace = width - labelWidth - 36;
  return (
    <svg
      className="bar-chart"
      viewBox={`0 0 ${width} ${bars.length * rowHeight + 8}`}
      role="img"
      aria-labelledby={`${id}-title`}
    >
      <title id={`${id}-title`}>{t('hotline.stats.chartLabel', { title })}</title>
      {bars.map((bar, index) => {
        const y = index * rowHeight + 4;
        const length = (bar.count / max) * barSpace;
        return (
          <g key={bar.key}>
            <text x={labelWidth - 6} y={y + 14} textAnchor="end">
              {bar.label}
            </text>
            <rect x={labelWidth} y={y + 3} width={Math.max(bar.count > 0 ? 2 : 0, length)} height={rowHeight - 7} />
            <text x={labelWidth + length + 4} y={y + 14}>
              {bar.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function FigureTable({ caption, head, bars }: { caption: string; head: string; bars: Bar[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t('hotline.stats.count')}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.key}>
              <th scope="row">{bar.label}</th>
              <td>{bar.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Calls per UTC day, category and outcome for a range of days (default the last 14), as charts and tables. */
export function StatsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  useDocumentTitle(t('hotline.stats.title'));
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? utcDayBefore(13);
  const to = params.get('to') ?? utcDayBefore(0);
  const [draft, setDraft] = useState({ from, to });
  const state = useApi<HotlineStats>(statsPath(from, to));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams(new URLSearchParams(draft));
  };
  const stats = state.data;
  const dayLabel = (day: string) =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      month: 'short',
      day: 'numeric',
      weekday: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${day}T00:00:00Z`));
  const perDay = stats?.perDay.map((d) => ({ key: d.day, label: dayLabel(d.day), count: d.count })) ?? [];
  const perCategory =
    stats?.perCategory.map((c) => ({ key: c.category, label: CASE_CATEGORIES[c.category][locale], count: c.count })) ??
    [];
  const perOutcome =
    stats?.perOutcome.map((o) => ({ key: o.outcome, label: CALL_OUTCOMES[o.outcome][locale], count: o.count })) ?? [];

  return (
    <>
      <h1>{t('hotline.stats.title')}</h1>
      <p>{t('hotline.stats.intro')}</p>
      <form className="filter" onSubmit={apply} aria-label={t('hotline.stats.show')}>
        <div className="filter__form filter__form--grid">
          <div className="form-group">
            <label className="label" htmlFor="stats-from">
              {t('hotline.stats.from')}
            </label>
            <input
              id="stats-from"
              className="input input--date"
              type="date"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="stats-to">
              {t('hotline.stats.to')}
            </label>
            <input
              id="stats-to"
              className="input input--date"
              type="date"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </div>
        </div>
        <div className="filter__actions">
          <button type="submit" className="button">
            {t('hotline.stats.show')}
          </button>
        </div>
      </form>
      <LoadError state={state} />
      {stats ? (
        <div aria-busy={state.status === 'loading'}>
          <dl className="stats-figures" aria-live="polite">
            <div>
              <dt>{t('hotline.stats.total')}</dt>
              <dd>{formatNumber(stats.total, locale)}</dd>
            </div>
            <div>
              <dt>{t('hotline.stats.average')}</dt>
              <dd>
                {stats.averageDurationSeconds === null
                  ? '–'
                  : t('hotline.duration', durationParts(stats.averageDurationSeconds))}
              </dd>
            </div>
          </dl>
          {stats.total === 0 ? <p>{t('hotline.stats.noCalls')}</p> : null}
          <section aria-labelledby="stats-day">
            <h2 id="stats-day">{t('hotline.stats.perDay')}</h2>
            <BarChart title={t('hotline.stats.perDay')} bars={perDay} />
            <FigureTable caption={t('hotline.stats.perDay')} head={t('hotline.stats.day')} bars={perDay} />
          </section>
          <section aria-labelledby="stats-category">
            <h2 id="stats-category">{t('hotline.stats.perCategory')}</h2>
            <BarChart title={t('hotline.stats.perCategory')} bars={perCategory} />
            <FigureTable
              caption={t('hotline.stats.perCategory')}
              head={t('hotline.stats.category')}
              bars={perCategory}
            />
          </section>
          <section aria-labelledby="stats-outcome">
            <h2 id="stats-outcome">{t('hotline.stats.perOutcome')}</h2>
            <BarChart title={t('hotline.stats.perOutcome')} bars={perOutcome} />
            <FigureTable caption={t('hotline.stats.perOutcome')} head={t('hotline.stats.outcome')} bars={perOutcome} />
          </section>
        </div>
      ) : null}
    </>
  );
}
