/**
 * One published version of a travel advisory (decision 0016). A new version for the same country and region
 * sets `supersededAt` on the one in force; rows are never edited otherwise, so the history is the table.
 */
export interface TravelAdvisoriesTable {
  id: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** ISO 3166-2 admin-1 code, or '' for the whole country. */
  region: string;
  /** 1 no safety reminder … 4 do not travel for now. */
  level: number;
  summaryZh: string;
  summaryEn: string;
  /** Markdown, rendered and sanitised by the apps. */
  detailsZh: string;
  detailsEn: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  publishedBy: string | null;
  publishedAt: string;
  supersededAt: string | null;
}
