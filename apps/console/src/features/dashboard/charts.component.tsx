import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';

export interface BarRow {
  key: string;
  label: string;
  count: number;
}

/**
 * A table that is also a bar chart: the numbers are the table (what screen readers and keyboard users read),
 * the bars beside them are decoration drawn to the same scale.
 */
export function BarTable({
  caption,
  labelHeader,
  rows,
  tone = 'brand',
}: {
  caption: string;
  labelHeader: string;
  rows: BarRow[];
  tone?: 'brand' | 'red' | 'amber';
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <div className="table-wrap">
      <table className="table bar-table">
        <caption className="bar-table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col" className="bar-table__count">
              {t('dashboard.count')}
            </th>
            <th scope="col" className="bar-table__bar-col">
              <span className="visually-hidden">{t('dashboard.bar')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="bar-table__count">{formatNumber(row.count, locale)}</td>
              <td className="bar-table__bar-col" aria-hidden="true">
                {row.count > 0 ? (
                  <span
                    className={`bar-table__bar bar-table__bar--${tone}`}
                    style={{ width: `${(100 * row.count) / max}%` }}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "3月5日" / "5 Mar" for a UTC calendar day. */
function dayLabel(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

const WIDTH = 600;
const HEIGHT = 160;
const GAP = 2;

/**
 * Counts per day as columns (SVG, scaled to its box) under one sentence that says what they show, with the
 * numbers themselves in a table behind "Show the numbers" (the columns are hidden from screen readers).
 */
export function DailyChart({ title, days }: { title: string; days: { day: string; count: number }[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const peak = days.reduce((best, d) => (d.count > best.count ? d : best), days[0] ?? { day: '', count: 0 });
  const width = days.length > 0 ? WIDTH / days.length : WIDTH;
  const first = days[0];
  const last = days.at(-1);
  const summary =
    total === 0
      ? t('dashboard.daily.none', { days: days.length })
      : t('dashboard.daily.summary', {
          days: days.length,
          total: formatNumber(total, locale),
          peak: formatNumber(peak.count, locale),
          peakDay: dayLabel(peak.day, locale),
        });
  return (
    <figure className="daily-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="daily-chart__title">
        {title}
      </figcaption>
      {/* The sentence and the table below carry the figures; the columns repeat them for the eye. */}
      <p>{summary}</p>
      <svg
        className="daily-chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="daily-chart__axis" />
        {days.map((d, i) => {
          const h = (HEIGHT - 4) * (d.count / max);
          return (
            <rect
              key={d.day}
              x={i * width + GAP / 2}
              y={HEIGHT - h}
              width={Math.max(1, width - GAP)}
              height={h}
              className="daily-chart__bar"
            />
          );
        })}
      </svg>
      {first && last ? (
        <div className="daily-chart__scale" aria-hidden="true">
          <span>{dayLabel(first.day, locale)}</span>
          <span>{t('dashboard.daily.max', { max: formatNumber(max, locale) })}</span>
          <span>{dayLabel(last.day, locale)}</span>
        </div>
      ) : null}
      <details className="daily-chart__details">
        <summary>{t('dashboard.daily.showNumbers')}</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.daily.day')}</th>
                <th scope="col">{t('dashboard.count')}</th>
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((d) => (
                <tr key={d.day}>
                  <th scope="row">{dayLabel(d.day, locale)}</th>
                  <td>{formatNumber(d.count, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
