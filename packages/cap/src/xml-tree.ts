import { SaxesParser, type SaxesTagNS } from 'saxes';
import { CapError } from './cap.error.ts';

export interface XmlAttribute {
  uri: string;
  local: string;
  name: string;
  value: string;
}

/** Just enough of an element for CAP: its name, attributes, child elements and its own text (text + CDATA). */
export interface XmlElement {
  uri: string;
  local: string;
  name: string;
  line: number;
  attributes: XmlAttribute[];
  children: XmlElement[];
  text: string;
}

export interface XmlLimits {
  maxDepth: number;
  /** Absolute time (Date.now()) after which parsing stops. */
  deadline: number;
}

const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';
const CHUNK = 64 * 1024;

/**
 * Parses decoded XML text into a small element tree with saxes, a strict well-formedness checker that has no
 * DTD processing and never fetches anything. DOCTYPEs are refused before saxes sees a byte.
 */
export function parseXmlTree(text: string, limits: XmlLimits): XmlElement {
  refuseDoctype(text);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const checkDeadline = (): void => {
    if (Date.now() > limits.deadline) throw new CapError('timeout', 'parsing took longer than the time limit');
  };
  parser.on('error', (err) => {
    // saxes prefixes "line:column: "; keep its wording, which names the actual problem.
    const detail = err.message.replace(/^[^:]*:?\d+:\d+: /, '');
    throw new CapError('malformed-xml', `not well-formed XML: ${detail}`, { line: parser.line });
  });
  parser.on('doctype', () => {
    throw new CapError('doctype-forbidden', 'DOCTYPE declarations are not allowed in CAP', { line: parser.line });
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length >= limits.maxDepth) {
      throw new CapError('too-deep', `elements nest deeper than ${limits.maxDepth} levels`, { line: parser.line });
    }
    checkDeadline();
    const el: XmlElement = {
      uri: tag.uri,
      local: tag.local,
      name: tag.name,
      line: parser.line,
      attributes: Object.values(tag.attributes)
        .filter((a) => a.uri !== XMLNS_URI && a.name !== 'xmlns')
        .map((a) => ({ uri: a.uri, local: a.local, name: a.name, value: a.value })),
      children: [],
      text: '',
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (t: string): void => {
    const current = stack[stack.length - 1];
    if (current) current.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  for (let i = 0; i < text.length; i += CHUNK) {
    parser.write(text.slice(i, i + CHUNK));
    checkDeadline();
  }
  parser.close();
  if (!root) throw new CapError('malformed-xml', 'not well-formed XML: no root element');
  return root;
}

/**
 * A DOCTYPE may only appear in the prolog, so scanning the prolog is enough to refuse it before parsing;
 * anything DOCTYPE-like later is not well-formed and saxes rejects it. Entity declarations live inside a
 * DOCTYPE, so they are refused with it.
 */
function refuseDoctype(text: string): void {
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    while (i < text.length && ' \t\r\n'.includes(text.charAt(i))) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return;
      i = end + 3;
    } else {
      break;
    }
  }
  const rest = text.slice(i, i + 9).toUpperCase();
  if (rest.startsWith('<!DOCTYPE') || rest.startsWith('<!ENTITY')) {
    throw new CapError('doctype-forbidden', 'DOCTYPE and entity declarations are not allowed in CAP');
  }
}
