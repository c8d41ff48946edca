import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/**
 * A standard answer's Markdown as HTML. The text is written by HQ staff, but it is still sanitized: the HTML
 * marked produces goes through DOMPurify, so a script or an event handler in an article never runs.
 */
export function Markdown({ text, lang, id }: { text: string; lang: string; id?: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(text, { async: false, gfm: true })), [text]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by DOMPurify just above.
  return <div className="markdown" lang={lang} id={id} dangerouslySetInnerHTML={{ __html: html }} />;
}
