/**
 * A business security guidance article (decision 0023): global (country '') or for one country, one risk type.
 * A language left out is stored as '' in both its title and body; at least one language is always present.
 */
export interface GuidanceArticlesTable {
  id: string;
  slug: string;
  /** ISO 3166-1 alpha-2, or '' for every country. */
  country: string;
  riskType: string;
  status: 'draft' | 'published';
  version: number;
  titleZh: string;
  titleEn: string;
  /** Markdown, rendered and sanitised by the apps. */
  bodyZh: string;
  bodyEn: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  /** When it was first published; null while it has only been a draft. */
  publishedAt: string | null;
}

/** Every saved version of an article, the current one included: the full history, never edited. */
export interface GuidanceArticleVersionsTable {
  articleId: string;
  version: number;
  country: string;
  riskType: string;
  status: 'draft' | 'published';
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  editedBy: string | null;
  editedAt: string;
}

/** One completed self-assessment of an organisation, or of one of its sites. */
export interface GuidanceAssessmentsTable {
  id: string;
  businessId: string;
  siteId: string | null;
  answeredBy: string | null;
  checklistVersion: number;
  /** JSON object: question id → 'yes' | 'partly' | 'no'. */
  answers: string;
  score: number;
  band: string;
  createdAt: string;
}

/** Guidance sent to the site staff of an area: what, where, how many, and the notification message. */
export interface GuidanceSendsTable {
  id: string;
  articleId: string;
  articleVersion: number;
  /** JSON: the targeting area as sent. */
  area: string;
  recipients: number;
  messageId: string | null;
  sentBy: string | null;
  sentAt: string;
}
