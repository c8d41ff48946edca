import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

// The advisory sits under the page's h1 and a section's h2: the text's own headings start below them, as in the
// citizen app, so both show the same outline.
const shiftHeadings = (html: string) =>
  html.replace(/<(\/?)h([1-6])\b/g, (_, slash: string, depth: string) => `<${slash}h${Math.min(6, Number(depth) + 2)}`);

/** An advisory's details as HTML: marked, then DOMPurify, so a script or event handler in the text never runs. */
export function AdvisoryMarkdown({ text, lang }: { text: string; lang: string }) {
  const html = useMemo(
    () => shiftHeadings(DOMPurify.sanitize(marked.parse(text, { async: false, gfm: true }))),
    [text],
  );
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by DOMPurify just above.
  return <div className="markdown" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}
