/**
 * A named set of list filters a staff member keeps for themselves (e.g. "P1 in Bangkok, waiting").
 * `filters` is JSON of the list's query parameters; `area` names the list (today only `cases`).
 */
export interface SavedViewsTable {
  id: string;
  userId: string;
  area: 'cases';
  name: string;
  filters: string;
  createdAt: string;
}
