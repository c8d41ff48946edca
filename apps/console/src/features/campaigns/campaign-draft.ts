import { LOCALES, type Locale } from '@homeward/shared';
import type { TFunction } from 'i18next';
import type { FormError } from '../forms/form-errors.ts';
import type { AllocationMode, Campaign, CampaignBody, CampaignKind } from './campaigns.api.ts';

/* The campaign form as typed (text in every field), its checks (the server's rules, said in the officer's words)
   and the body it sends. */

export interface GroupDraft {
  key: number;
  code: string;
  rank: string;
  label: Record<Locale, string>;
}

export interface Draft {
  code: string;
  kind: CampaignKind;
  title: Record<Locale, string>;
  description: Record<Locale, string>;
  opens: string;
  closes: string;
  allocation: AllocationMode;
  countries: string[];
  minAge: string;
  maxAge: string;
  groups: GroupDraft[];
  productName: string;
  dosesRequired: string;
  prophylaxisCode: string;
  productCode: string;
  manufacturerCode: string;
}

export const EMPTY: Draft = {
  code: '',
  kind: 'vaccination',
  title: { 'zh-CN': '', en: '' },
  description: { 'zh-CN': '', en: '' },
  opens: '',
  closes: '',
  allocation: 'priority',
  countries: [],
  minAge: '',
  maxAge: '',
  groups: [],
  productName: '',
  dosesRequired: '1',
  prophylaxisCode: '',
  productCode: '',
  manufacturerCode: '',
};

/** The server names fields by their place in the body (`/body/title/en`). */
export const FIELD_IDS: Record<string, string> = {
  '/body/code': 'camp-code',
  '/body/kind': 'camp-kind',
  '/body/title/zh-CN': 'camp-title-zh-CN',
  '/body/title/en': 'camp-title-en',
  '/body/description/zh-CN': 'camp-description-zh-CN',
  '/body/description/en': 'camp-description-en',
  '/body/registrationOpensAt': 'camp-opens',
  '/body/registrationClosesAt': 'camp-closes',
  '/body/allocation': 'camp-allocation',
  '/body/eligibility/countries': 'camp-countries',
  '/body/eligibility/minAge': 'camp-min-age',
  '/body/eligibility/maxAge': 'camp-max-age',
  '/body/eligibility/priorityGroups': 'camp-groups',
  '/body/vaccine/productName': 'camp-product',
  '/body/vaccine/dosesRequired': 'camp-doses',
  '/body/vaccine/prophylaxisCode': 'camp-vp',
  '/body/vaccine/productCode': 'camp-mp',
  '/body/vaccine/manufacturerCode': 'camp-ma',
};

/** An ISO instant as the value of a datetime-local input, in the officer's own clock. */
export function localInput(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const shifted = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

export function draftOf(c: Campaign): Draft {
  return {
    code: c.code,
    kind: c.kind,
    title: { ...c.title },
    description: { ...c.description },
    opens: localInput(c.registrationOpensAt),
    closes: localInput(c.registrationClosesAt),
    allocation: c.allocation,
    countries: [...c.eligibility.countries],
    minAge: c.eligibility.minAge == null ? '' : String(c.eligibility.minAge),
    maxAge: c.eligibility.maxAge == null ? '' : String(c.eligibility.maxAge),
    groups: c.eligibility.priorityGroups.map((g, i) => ({
      key: i,
      code: g.code,
      rank: String(g.rank),
      label: { ...g.label },
    })),
    productName: c.vaccine?.productName ?? '',
    dosesRequired: String(c.vaccine?.dosesRequired ?? 1),
    prophylaxisCode: c.vaccine?.prophylaxisCode ?? '',
    productCode: c.vaccine?.productCode ?? '',
    manufacturerCode: c.vaccine?.manufacturerCode ?? '',
  };
}

export const wholeNumber = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

/** The browser's checks of the form, the same rules as the server's schema: every problem, with its field. */
export function checkDraft(draft: Draft, t: TFunction): FormError[] {
  const errors: FormError[] = [];
  if (!/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(draft.code.trim().toUpperCase()))
    errors.push({ fieldId: 'camp-code', message: () => t('campaigns.errors.code') });
  for (const l of LOCALES)
    if (!draft.title[l].trim() || draft.title[l].trim().length > 200)
      errors.push({
        fieldId: `camp-title-${l}`,
        message: () => t('campaigns.errors.title', { language: t(`campaigns.language.${l}`) }),
      });
  for (const l of LOCALES)
    if (!draft.description[l].trim() || draft.description[l].trim().length > 2000)
      errors.push({
        fieldId: `camp-description-${l}`,
        message: () => t('campaigns.errors.description', { language: t(`campaigns.language.${l}`) }),
      });
  if (!draft.opens) errors.push({ fieldId: 'camp-opens', message: () => t('campaigns.errors.opens') });
  if (!draft.closes) errors.push({ fieldId: 'camp-closes', message: () => t('campaigns.errors.closes') });
  else if (draft.opens && new Date(draft.closes) <= new Date(draft.opens))
    errors.push({ fieldId: 'camp-closes', message: () => t('campaigns.errors.closesAfter') });
  if (draft.countries.length === 0)
    errors.push({ fieldId: 'camp-countries', message: () => t('campaigns.errors.countries') });
  if (draft.minAge && !wholeNumber(draft.minAge, 0, 130))
    errors.push({ fieldId: 'camp-min-age', message: () => t('campaigns.errors.age') });
  if (draft.maxAge && !wholeNumber(draft.maxAge, 0, 130))
    errors.push({ fieldId: 'camp-max-age', message: () => t('campaigns.errors.age') });
  else if (draft.minAge && draft.maxAge && Number(draft.maxAge) < Number(draft.minAge))
    errors.push({ fieldId: 'camp-max-age', message: () => t('campaigns.errors.maxAge') });
  const codes = new Set<string>();
  draft.groups.forEach((g, index) => {
    const n = index + 1;
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(g.code.trim()) || codes.has(g.code.trim()))
      errors.push({ fieldId: `camp-group-${g.key}-code`, message: () => t('campaigns.errors.groupCode', { n }) });
    codes.add(g.code.trim());
    if (!wholeNumber(g.rank, 1, 99))
      errors.push({ fieldId: `camp-group-${g.key}-rank`, message: () => t('campaigns.errors.groupRank', { n }) });
    for (const l of LOCALES)
      if (!g.label[l].trim())
        errors.push({
          fieldId: `camp-group-${g.key}-${l}`,
          message: () => t('campaigns.errors.groupLabel', { n, language: t(`campaigns.language.${l}`) }),
        });
  });
  if (draft.kind === 'vaccination') {
    if (!draft.productName.trim())
      errors.push({ fieldId: 'camp-product', message: () => t('campaigns.errors.product') });
    if (!wholeNumber(draft.dosesRequired, 1, 9))
      errors.push({ fieldId: 'camp-doses', message: () => t('campaigns.errors.doses') });
  }
  return errors;
}

/** The body the server takes (create; a change adds the version). */
export function bodyOf(draft: Draft): CampaignBody {
  return {
    code: draft.code.trim().toUpperCase(),
    kind: draft.kind,
    title: { 'zh-CN': draft.title['zh-CN'].trim(), en: draft.title.en.trim() },
    description: { 'zh-CN': draft.description['zh-CN'].trim(), en: draft.description.en.trim() },
    registrationOpensAt: new Date(draft.opens).toISOString(),
    registrationClosesAt: new Date(draft.closes).toISOString(),
    allocation: draft.allocation,
    eligibility: {
      countries: draft.countries,
      minAge: draft.minAge ? Number(draft.minAge) : null,
      maxAge: draft.maxAge ? Number(draft.maxAge) : null,
      priorityGroups: draft.groups.map((g) => ({
        code: g.code.trim(),
        rank: Number(g.rank),
        label: { 'zh-CN': g.label['zh-CN'].trim(), en: g.label.en.trim() },
      })),
    },
    vaccine:
      draft.kind === 'vaccination'
        ? {
            productName: draft.productName.trim(),
            dosesRequired: Number(draft.dosesRequired),
            prophylaxisCode: draft.prophylaxisCode || null,
            productCode: draft.productCode || null,
            manufacturerCode: draft.manufacturerCode || null,
          }
        : null,
  };
}
