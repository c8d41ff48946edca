import { type GeoPermissibleObjects, geoArea, geoEqualEarth, geoMercator, geoPath } from 'd3-geo';
import { iso31661NumericToAlpha2 } from 'iso-3166';
import { type KeyboardEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth 1:110m country boundaries, shipped in the package: no tile server, nothing fetched at run time.
import world from 'world-atlas/countries-110m.json';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import type { RegistrantsSummary } from './registrants.api.ts';

interface CountryShape {
  code: string;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

const WIDTH = 960;
const HEIGHT = 500;

// Boundary: world-atlas ships this exact TopoJSON shape (a `countries` collection with ISO 3166-1 numeric ids).
const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const SHAPES: CountryShape[] = feature(topology, topology.objects.countries).features.flatMap((f) => {
  const code = f.id === undefined ? undefined : iso31661NumericToAlpha2[String(f.id).padStart(3, '0')];
  const geometry = f.geometry;
  if (!code || !geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return [];
  return [{ code, geometry }];
});

/** Five classes on a log scale from 1 to the largest count; the sixth colour is "none". */
export function classBreaks(max: number): number[] {
  if (max <= 5) return [1, 2, 3, 4, 5].filter((n) => n <= Math.max(1, max));
  const breaks = [1];
  for (let i = 1; i < 5; i++) breaks.push(Math.max(breaks[i - 1] as number, Math.round(max ** (i / 5))) + 0);
  return [...new Set(breaks)];
}

// Sequential blues, light to dark; the lightest grey is "no registrants".
const FILLS = ['#dce7f3', '#a9c4e4', '#6d9bd0', '#3a6fb0', '#17467f'];
const NONE = '#eef0f3';

function fillFor(count: number, breaks: number[]): string {
  if (count <= 0) return NONE;
  let index = 0;
  breaks.forEach((b, i) => {
    if (count >= b) index = i;
  });
  return FILLS[Math.min(index, FILLS.length - 1)] as string;
}

/** The largest polygon of a country: the frame a country view fits (so Alaska does not shrink Virginia). */
function mainland(shape: CountryShape): GeoJSON.Polygon {
  if (shape.geometry.type === 'Polygon') return shape.geometry;
  let best: GeoJSON.Polygon = { type: 'Polygon', coordinates: shape.geometry.coordinates[0] ?? [] };
  let bestArea = geoArea(best);
  for (const coordinates of shape.geometry.coordinates) {
    const polygon: GeoJSON.Polygon = { type: 'Polygon', coordinates };
    const area = geoArea(polygon);
    if (area > bestArea) {
      best = polygon;
      bestArea = area;
    }
  }
  return best;
}

/**
 * Registrants per country as a choropleth (world), or one country with its cities as dots sized by count.
 * Countries with registrants are buttons: focusable, named with their count, Enter or Space selects them.
 * The tables beside the map carry the same numbers for anyone who cannot use the map.
 */
export function RegistrantsMap({
  summary,
  countryName,
  onSelectCountry,
}: {
  summary: RegistrantsSummary;
  countryName: (code: string) => string;
  onSelectCountry: (code: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const counts = useMemo(() => new Map(summary.countries.map((c) => [c.countryCode, c.count])), [summary.countries]);
  const selected = summary.country;
  const max = Math.max(0, ...summary.countries.map((c) => c.count));
  const breaks = classBreaks(max);

  const { path, project } = useMemo(() => {
    const shape = selected ? SHAPES.find((s) => s.code === selected) : undefined;
    if (!shape) {
      const projection = geoEqualEarth().fitExtent(
        [
          [4, 4],
          [WIDTH - 4, HEIGHT - 4],
        ],
        { type: 'Sphere' },
      );
      return { path: geoPath(projection), project: projection };
    }
    const frame: GeoPermissibleObjects = {
      type: 'GeometryCollection',
      geometries: [
        mainland(shape),
        ...summary.cities.map((c) => ({ type: 'Point' as const, coordinates: [c.lon, c.lat] })),
      ],
    };
    const projection = geoMercator().fitExtent(
      [
        [24, 24],
        [WIDTH - 24, HEIGHT - 24],
      ],
      frame,
    );
    return { path: geoPath(projection), project: projection };
  }, [selected, summary.cities]);

  const onKey = (code: string) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelectCountry(code);
    }
  };
  const maxCity = Math.max(1, ...summary.cities.map((c) => c.count));
  const label = (code: string, count: number) =>
    t('registrants.map.countryLabel', { name: countryName(code), formatted: formatNumber(count, locale), count });

  return (
    <figure className="registrants-map">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG groups its shapes with role="group"; a fieldset cannot hold SVG. */}
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="group"
        aria-label={
          selected
            ? t('registrants.map.countryTitle', { name: countryName(selected) })
            : t('registrants.map.worldTitle')
        }
      >
        <rect width={WIDTH} height={HEIGHT} className="registrants-map__sea" />
        {SHAPES.map((shape) => {
          const count = counts.get(shape.code) ?? 0;
          const d = path(shape.geometry) ?? '';
          if (selected) {
            return (
              <path
                key={shape.code}
                d={d}
                className={shape.code === selected ? 'registrants-map__focus-country' : 'registrants-map__other'}
              />
            );
          }
          if (count === 0) return <path key={shape.code} d={d} fill={NONE} className="registrants-map__country" />;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it takes the role and keys.
            <path
              key={shape.code}
              d={d}
              fill={fillFor(count, breaks)}
              className="registrants-map__country registrants-map__country--active"
              role="button"
              tabIndex={0}
              aria-label={label(shape.code, count)}
              onClick={() => onSelectCountry(shape.code)}
              onKeyDown={onKey(shape.code)}
            >
              <title>{label(shape.code, count)}</title>
            </path>
          );
        })}
        {selected
          ? summary.cities.map((city) => {
              const point = project([city.lon, city.lat]);
              if (!point) return null;
              const radius = 4 + 14 * Math.sqrt(city.count / maxCity);
              return (
                <circle key={city.cityId} cx={point[0]} cy={point[1]} r={radius} className="registrants-map__city">
                  <title>
                    {t('registrants.map.cityLabel', {
                      name: city.name,
                      count: city.count,
                      formatted: formatNumber(city.count, locale),
                    })}
                  </title>
                </circle>
              );
            })
          : null}
      </svg>
      <figcaption>
        {selected ? (
          <p className="hint">{t('registrants.map.cityHint')}</p>
        ) : (
          <>
            <p className="hint">{t('registrants.map.worldHint')}</p>
            <ul className="registrants-legend" aria-label={t('registrants.map.legend')}>
              <li>
                <span className="registrants-legend__swatch" style={{ background: NONE }} />
                {t('registrants.map.none')}
              </li>
              {breaks.map((from, i) => {
                const next = breaks[i + 1];
                const text =
                  next === undefined
                    ? `${formatNumber(from, locale)}+`
                    : from === next - 1
                      ? formatNumber(from, locale)
                      : `${formatNumber(from, locale)}–${formatNumber(next - 1, locale)}`;
                return (
                  <li key={from}>
                    <span className="registrants-legend__swatch" style={{ background: FILLS[i] }} />
                    {text}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </figcaption>
    </figure>
  );
}
