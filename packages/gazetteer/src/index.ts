export { type City, findCity, foldName, nearestCity, searchCities } from './cities.ts';
export { findRegion, isKnownCountry, listRegions, type Region } from './regions.ts';
