import type { FileField, Locale } from '@homeward/shared';
import { imageSize } from 'image-size';
import { ProblemError } from '../../http/problem.ts';
import type { CheckedFile } from '../attachments/attachments.service.ts';

const RULES = {
  kind: {
    en: '{label}: send a file of type {kinds}. This file is {actual}',
    'zh-CN': '{label}：请上传 {kinds} 格式的文件，此文件为 {actual}',
  },
  size: { en: '{label}: the file must be at most {max}', 'zh-CN': '{label}：文件不能超过 {max}' },
  pixels: {
    en: '{label}: the picture must be {minW}–{maxW} pixels wide and {minH}–{maxH} pixels high. It is {w} × {h}',
    'zh-CN': '{label}：图片宽须为 {minW}–{maxW} 像素、高须为 {minH}–{maxH} 像素，此图片为 {w} × {h}',
  },
  unreadable: {
    en: '{label}: the picture cannot be read. Take or export it again',
    'zh-CN': '{label}：无法读取此图片，请重新拍摄或导出',
  },
} as const;

const KIND_NAMES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'application/pdf': 'PDF',
};

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

function refuse(field: FileField, rule: keyof typeof RULES, locale: Locale, values: Record<string, string | number>) {
  const message = fill(RULES[rule][locale], { label: field.label[locale], ...values });
  return new ProblemError(422, 'document_rules', `${field.id}: ${rule}`, [
    { field: `/documents/${field.id}`, message },
  ]);
}

/**
 * Checks a received file (already sniffed by the attachments module) against the rules of the form's file
 * field: its kind, its size and, for a photo, its pixel dimensions read from the image header.
 * @returns the pixel dimensions of an image, null for a PDF
 * @throws ProblemError 422 document_rules naming the field
 */
export function checkDocument(
  field: FileField,
  file: CheckedFile,
  locale: Locale,
): { width: number | null; height: number | null } {
  if (!(field.accept as readonly string[]).includes(file.mediaType)) {
    const kinds = field.accept.map((k) => KIND_NAMES[k] ?? k).join(locale === 'en' ? ', ' : '、');
    throw refuse(field, 'kind', locale, { kinds, actual: KIND_NAMES[file.mediaType] ?? file.mediaType });
  }
  if (file.content.byteLength > field.maxBytes) {
    const max =
      field.maxBytes >= 1_048_576
        ? `${(field.maxBytes / 1_048_576).toFixed(0)} MB`
        : `${Math.round(field.maxBytes / 1024)} KB`;
    throw refuse(field, 'size', locale, { max });
  }
  if (!file.mediaType.startsWith('image/')) return { width: null, height: null };
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = imageSize(file.content));
  } catch {
    throw refuse(field, 'unreadable', locale, {});
  }
  if (!width || !height) throw refuse(field, 'unreadable', locale, {});
  const p = field.pixels;
  if (p && (width < p.minWidth || width > p.maxWidth || height < p.minHeight || height > p.maxHeight)) {
    throw refuse(field, 'pixels', locale, {
      minW: p.minWidth,
      maxW: p.maxWidth,
      minH: p.minHeight,
      maxH: p.maxHeight,
      w: width,
      h: height,
    });
  }
  return { width, height };
}
