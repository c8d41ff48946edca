import type { SavedView, SavedViewFilters, SavedViewList } from '@homeward/shared';
import { deleteJson, postJson } from '../../lib/api.client.ts';

export type { SavedView, SavedViewList };

export const SAVED_VIEWS_PATH = '/api/v1/saved-views?area=cases';

/** The list's URL parameters, without the page, as a saved view keeps them (repeated ones as a list). */
export function filtersOfParams(params: URLSearchParams): SavedViewFilters {
  const filters: SavedViewFilters = {};
  for (const key of new Set(params.keys())) {
    if (key === 'page' || key === 'pageSize') continue;
    const values = params.getAll(key);
    filters[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return filters;
}

/** A view's filters as the list page's URL parameters. */
export function paramsOfFilters(filters: SavedViewFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, one);
  }
  return params;
}

/** Two sets of parameters that show the same list (order of keys aside). */
export function sameFilters(a: URLSearchParams, b: URLSearchParams): boolean {
  const norm = (p: URLSearchParams) => {
    const copy = new URLSearchParams(p);
    copy.delete('page');
    copy.sort();
    return copy.toString();
  };
  return norm(a) === norm(b);
}

export function saveView(name: string, filters: SavedViewFilters): Promise<SavedView> {
  return postJson<SavedView>('/api/v1/saved-views', { area: 'cases', name, filters });
}

export function deleteView(id: string): Promise<void> {
  return deleteJson(`/api/v1/saved-views/${encodeURIComponent(id)}`);
}
