import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

// By default the page already has its h1 and the advisory's h2: the text's own headings start below them.
const shiftHeadings = (html: string, by: number) =>
  html.replace(
    /<(\/?)h([1-6])\b/g,
    (_, slash: string, depth: string) => `<${slash}h${Math.min(6, Number(depth) + by)}`,
  );

/**
 * An advisory's details (Markdown written by headquarters) as HTML. The HTML marked produces goes through
 * DOMPurify, as in the console's knowledge base, so a script or an event handler in the text never runs.
 */
export function Markdown({ text, lang, headingShift = 2 }: { text: string; lang: string; headingShift?: number }) {
  const html = useMemo(
    () => shiftHeadings(DOMPurify.sanitize(marked.parse(text, { async: false, gfm: true })), headingShift),
    [text, headingShift],
  );
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by DOMPurify just above.
  return <div className="markdown" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}
