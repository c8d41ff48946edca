import type { SavedView, SavedViewFilters } from '@homeward/shared';
import type { SavedViewRow } from './saved-views.repo.ts';

export function toSavedViewDto(row: SavedViewRow): SavedView {
  // The filters column holds JSON this module wrote from a validated SavedViewFilters.
  const filters = JSON.parse(row.filters) as SavedViewFilters;
  return { id: row.id, area: row.area, name: row.name, filters, createdAt: row.createdAt };
}
