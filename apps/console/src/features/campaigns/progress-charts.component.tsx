import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';

export interface SeriesColumn<K extends string> {
  key: K;
  label: string;
  /** Drawn as a bar; a column without one is a plain number (a reference such as capacity or people present). */
  bar: boolean;
}

export interface ChartRow<K extends string> {
  key: string;
  label: string;
  values: Record<K, number>;
}

/**
 * A table that is also a grouped bar chart: every number is a cell under its column header (what screen readers
 * and keyboard users read), and the bar under it is drawn to one scale for the whole table, so the step from
 * registered to allocated to checked in to doses shows at a glance. Each bar sits under its own number and
 * column name: the tint only repeats what the words say.
 */
export function BarChartTable<K extends string>({
  caption,
  labelHeader,
  columns,
  rows,
}: {
  caption: string;
  labelHeader: string;
  columns: SeriesColumn<K>[];
  rows: ChartRow<K>[];
}) {
  const locale = currentLocale();
  const barred = columns.filter((c) => c.bar);
  const max = Math.max(1, ...rows.flatMap((r) => barred.map((c) => r.values[c.key])));
  const id = useId();
  return (
    <>
      {/* How to read the bars, outside the scrolling table so that a phone shows all of it. */}
      <p className="camp-chart__caption" id={`${id}-caption`}>
        {caption}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
      <section className="table-wrap camp-table-wrap" tabIndex={0} aria-labelledby={`${id}-caption`}>
        <table className="table camp-chart">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="camp-num">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {columns.map((c, index) => (
                  <td key={c.key} className="camp-num camp-chart__cell">
                    <span className="camp-chart__value">{formatNumber(row.values[c.key], locale)}</span>
                    {c.bar ? (
                      <span className="camp-chart__track" aria-hidden="true">
                        <span
                          className={`camp-chart__bar camp-chart__bar--${index}`}
                          style={{ width: `${(100 * row.values[c.key]) / max}%` }}
                        />
                      </span>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** Every calendar day from the first to the last, with zero where nothing happened (a gap is a real day). */
export function fillDays(days: readonly { date: string; doses: number }[]): { date: string; doses: number }[] {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return [];
  const byDate = new Map(days.map((d) => [d.date, d.doses]));
  const out: { date: string; doses: number }[] = [];
  const end = Date.parse(`${last.date}T00:00:00Z`);
  // 400 days at most: a campaign's doses, not a decade of them.
  for (let at = Date.parse(`${first.date}T00:00:00Z`); at <= end && out.length < 400; at += 86_400_000) {
    const date = new Date(at).toISOString().slice(0, 10);
    out.push({ date, doses: byDate.get(date) ?? 0 });
  }
  return out;
}

function dayLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

const WIDTH = 600;
const HEIGHT = 160;
const GAP = 2;

/**
 * Doses per day as SVG columns under a sentence that says what they show; "Show the numbers" opens the same
 * figures as a table. The columns are hidden from screen readers: the sentence and the table carry the data.
 */
export function DosesPerDayChart({ title, days }: { title: string; days: readonly { date: string; doses: number }[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const filled = fillDays(days);
  const max = Math.max(1, ...filled.map((d) => d.doses));
  const total = filled.reduce((sum, d) => sum + d.doses, 0);
  const peak = filled.reduce((best, d) => (d.doses > best.doses ? d : best), filled[0] ?? { date: '', doses: 0 });
  const width = filled.length > 0 ? WIDTH / filled.length : WIDTH;
  const first = filled[0];
  const last = filled.at(-1);
  return (
    <figure className="camp-daily" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="camp-daily__title">
        {title}
      </figcaption>
      {first && last ? (
        <>
          <p>
            {t('campaigns.progress.dailySummary', {
              total: formatNumber(total, locale),
              count: total,
              from: dayLabel(first.date, locale),
              until: dayLabel(last.date, locale),
              peak: formatNumber(peak.doses, locale),
              peakDay: dayLabel(peak.date, locale),
            })}
          </p>
          <svg
            className="camp-daily__svg"
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            preserveAspectRatio="none"
            aria-hidden="true"
            focusable="false"
          >
            <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="camp-daily__axis" />
            {filled.map((d, i) => {
              const h = (HEIGHT - 4) * (d.doses / max);
              return (
                <rect
                  key={d.date}
                  x={i * width + GAP / 2}
                  y={HEIGHT - h}
                  width={Math.max(1, width - GAP)}
                  height={h}
                  className="camp-daily__bar"
                />
              );
            })}
          </svg>
          <div className="camp-daily__scale" aria-hidden="true">
            <span>{dayLabel(first.date, locale)}</span>
            <span>{t('campaigns.progress.dailyMax', { max: formatNumber(max, locale) })}</span>
            <span>{dayLabel(last.date, locale)}</span>
          </div>
          <details className="camp-daily__details">
            <summary>{t('campaigns.progress.showNumbers')}</summary>
            <div className="table-wrap camp-table-wrap">
              <table className="table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.progress.day')}</th>
                    <th scope="col" className="camp-num">
                      {t('campaigns.progress.doses')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...filled].reverse().map((d) => (
                    <tr key={d.date}>
                      <th scope="row">{dayLabel(d.date, locale)}</th>
                      <td className="camp-num">{formatNumber(d.doses, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      ) : (
        <p>{t('campaigns.progress.noDoses')}</p>
      )}
    </figure>
  );
}
