import { type GeoProjection, geoMercator, geoPath } from 'd3-geo';
import { iso31661NumericToAlpha2 } from 'iso-3166';
import { type MouseEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth 1:110m country boundaries, shipped in the package: no tile server, nothing fetched at run time.
import world from 'world-atlas/countries-110m.json';

export type LonLat = [number, number];

interface CountryShape {
  code: string;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

const WIDTH = 640;
const HEIGHT = 420;
// Boundary: world-atlas ships this exact TopoJSON shape (a `countries` collection with ISO 3166-1 numeric ids).
const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const SHAPES: CountryShape[] = feature(topology, topology.objects.countries).features.flatMap((f) => {
  const code = f.id === undefined ? undefined : iso31661NumericToAlpha2[String(f.id).padStart(3, '0')];
  const geometry = f.geometry;
  if (!code || !geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return [];
  return [{ code, geometry }];
});

/**
 * The frame: the chosen country when nothing is drawn yet; otherwise the shapes with a margin of half their
 * size (at least a degree) around them, so the area is seen with the coast and borders around it.
 */
function projectionFor(country: string, points: LonLat[]): GeoProjection {
  const shape = SHAPES.find((s) => s.code === country);
  let frame: GeoJSON.Geometry;
  if (points.length > 0) {
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const padLon = Math.max(1, (east - west) / 2);
    const padLat = Math.max(1, (north - south) / 2);
    frame = {
      type: 'MultiPoint',
      coordinates: [
        [Math.max(-180, west - padLon), Math.max(-80, south - padLat)],
        [Math.min(180, east + padLon), Math.min(84, north + padLat)],
      ],
    };
  } else if (shape) {
    frame = shape.geometry;
  } else {
    frame = {
      type: 'MultiPoint',
      coordinates: [
        [-170, -60],
        [170, 75],
      ],
    };
  }
  return geoMercator().fitExtent(
    [
      [24, 24],
      [WIDTH - 24, HEIGHT - 24],
    ],
    frame,
  );
}

/**
 * The alert's area on an offline map: country boundaries, the polygons and circles of the area, the polygon
 * being drawn (a click adds a corner) and, for a tally, the answers as dots. The map is one way to draw; the
 * corners are also listed as text fields next to it, so a keyboard or screen reader user draws the same polygon.
 */
export function AreaMap({
  country,
  polygons,
  circles = [],
  drawing = [],
  onAddPoint,
  points = [],
  label,
}: {
  country: string;
  polygons: LonLat[][];
  circles?: { lat: number; lon: number; radiusKm: number }[];
  drawing?: LonLat[];
  onAddPoint?: (point: LonLat) => void;
  points?: { lat: number; lon: number; answer: 'safe' | 'need_help' }[];
  label: string;
}) {
  const { t } = useTranslation();
  const frameKey = JSON.stringify([country, polygons.length, circles.length, points.length]);
  // The frame follows the country and the shapes already made, not each corner being placed (a moving frame
  // under the pointer would make the next click land elsewhere).
  // biome-ignore lint/correctness/useExhaustiveDependencies: frameKey names what the frame depends on.
  const projection = useMemo(
    () =>
      projectionFor(country, [
        ...polygons.flat(),
        ...circles.map((c) => [c.lon, c.lat] as LonLat),
        ...points.map((p) => [p.lon, p.lat] as LonLat),
      ]),
    [frameKey],
  );
  const path = geoPath(projection);
  const project = (p: LonLat) => projection(p) ?? [0, 0];

  const click = (event: MouseEvent<SVGSVGElement>) => {
    if (!onAddPoint) return;
    const svg = event.currentTarget;
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * WIDTH;
    const y = ((event.clientY - box.top) / box.height) * HEIGHT;
    const lonLat = projection.invert?.([x, y]);
    if (lonLat) onAddPoint([Math.round(lonLat[0] * 1e5) / 1e5, Math.round(lonLat[1] * 1e5) / 1e5]);
  };

  return (
    <figure className="alert-map">
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the corners have text fields beside the map (WCAG 2.5.7). */}
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        onClick={click}
        className={onAddPoint ? 'alert-map__svg alert-map__svg--drawing' : 'alert-map__svg'}
      >
        <rect width={WIDTH} height={HEIGHT} className="alert-map__sea" />
        {SHAPES.map((shape) => (
          <path
            key={shape.code}
            d={path(shape.geometry) ?? ''}
            className={shape.code === country ? 'alert-map__country alert-map__country--chosen' : 'alert-map__country'}
          />
        ))}
        {polygons.map((ring, i) => (
          <polygon
            // biome-ignore lint/suspicious/noArrayIndexKey: the polygons have no identity beyond their order.
            key={i}
            points={ring.map((p) => project(p).join(',')).join(' ')}
            className="alert-map__area"
          />
        ))}
        {circles.map((c, i) => {
          const [cx, cy] = project([c.lon, c.lat]);
          const [ex] = project([c.lon + c.radiusKm / (111.32 * Math.cos((c.lat * Math.PI) / 180)), c.lat]);
          // biome-ignore lint/suspicious/noArrayIndexKey: the circles have no identity beyond their order.
          return <circle key={i} cx={cx} cy={cy} r={Math.max(2, Math.abs(ex - cx))} className="alert-map__area" />;
        })}
        {drawing.length > 0 ? (
          <polyline points={drawing.map((p) => project(p).join(',')).join(' ')} className="alert-map__drawing" />
        ) : null}
        {drawing.map((p, i) => {
          const [x, y] = project(p);
          // biome-ignore lint/suspicious/noArrayIndexKey: corners are in drawing order.
          return <circle key={i} cx={x} cy={y} r={4} className="alert-map__corner" />;
        })}
        {points.map((p, i) => {
          const [x, y] = project([p.lon, p.lat]);
          return (
            <circle
              // biome-ignore lint/suspicious/noArrayIndexKey: answers are anonymous dots.
              key={i}
              cx={x}
              cy={y}
              r={5}
              className={p.answer === 'safe' ? 'alert-map__safe' : 'alert-map__help'}
            >
              <title>{t(`alerts.answer.${p.answer}`)}</title>
            </circle>
          );
        })}
      </svg>
    </figure>
  );
}
