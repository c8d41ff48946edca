import { ADVISORY_LEVELS, type AdvisoryLevel } from '@homeward/shared';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { iso31661NumericToAlpha2 } from 'iso-3166';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHref, useNavigate } from 'react-router';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth 1:110m country boundaries, shipped in the package: no tile server, works offline.
import world from 'world-atlas/countries-110m.json';
import { LEVEL_FILLS } from './advisories.api.ts';

interface CountryShape {
  code: string;
  d: string;
}

const WIDTH = 960;
const HEIGHT = 470;

// Boundary: world-atlas ships this exact TopoJSON shape (a `countries` collection with ISO 3166-1 numeric ids).
const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const projection = geoEqualEarth().fitExtent(
  [
    [2, 2],
    [WIDTH - 2, HEIGHT - 2],
  ],
  { type: 'Sphere' },
);
const path = geoPath(projection);
// Projected once per load: the shapes never change, only their colours.
const SHAPES: CountryShape[] = feature(topology, topology.objects.countries).features.flatMap((f) => {
  const code = f.id === undefined ? undefined : iso31661NumericToAlpha2[String(f.id).padStart(3, '0')];
  const d = f.geometry ? path(f.geometry) : null;
  return code && d ? [{ code, d }] : [];
});

/**
 * The world coloured by each country's level. Colour is never the only cue: every coloured country is a link
 * named with its level, the legend gives the numbers, and the list under the map says the same in words.
 */
export function AdvisoriesMap({
  levels,
  countryName,
}: {
  levels: ReadonlyMap<string, AdvisoryLevel>;
  countryName: (code: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <figure className="advisory-map">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG groups its shapes with role="group"; a fieldset cannot hold SVG. */}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={t('advisories.map.title')}>
        {SHAPES.map((shape) => {
          const level = levels.get(shape.code);
          if (!level) return <path key={shape.code} d={shape.d} className="advisory-map__none" />;
          return <CountryLink key={shape.code} shape={shape} level={level} name={countryName(shape.code)} />;
        })}
      </svg>
      <figcaption>
        <ul className="advisory-legend" aria-label={t('advisories.map.legend')}>
          {ADVISORY_LEVELS.map((level) => (
            <li key={level}>
              <span className="advisory-legend__swatch" style={{ background: LEVEL_FILLS[level] }} />
              {t('advisories.levelNumber', { level })} · {t(`advisories.level.${level}`)}
            </li>
          ))}
          <li>
            <span className="advisory-legend__swatch" style={{ background: '#e8eaec' }} />
            {t('advisories.map.none')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

function CountryLink({ shape, level, name }: { shape: CountryShape; level: AdvisoryLevel; name: string }) {
  const { t } = useTranslation();
  const to = `/advisories/${shape.code}`;
  const href = useHref(to);
  const navigate = useNavigate();
  const label = t('advisories.map.countryLabel', { name, level, words: t(`advisories.level.${level}`) });
  const open = (event: MouseEvent) => {
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={href} onClick={open} aria-label={label}>
      <path d={shape.d} fill={LEVEL_FILLS[level]} className="advisory-map__country">
        <title>{label}</title>
      </path>
    </a>
  );
}
