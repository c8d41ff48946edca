import { CapError } from './cap.error.ts';
import { CAP12_NS, readAlert } from './cap.read.ts';
import { checkCapRules } from './cap.rules.ts';
import type { CapAlert } from './cap.schema.ts';
import { decodeXml } from './xml-decode.ts';
import { parseXmlTree, type XmlElement } from './xml-tree.ts';

export interface ParseCapOptions {
  /** Largest input accepted, in bytes (UTF-16 units for strings). Default 5 MiB: IPAWS alerts embed media. */
  maxBytes?: number;
  /** Wall-clock budget for one document. Default 2 s; saxes is linear, so this only trips on huge inputs. */
  timeoutMs?: number;
  /** Deepest element nesting accepted. Default 64; CAP inside EDXL-DE with a signature needs about 12. */
  maxDepth?: number;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const OLD_CAP_NS = new Set(['urn:oasis:names:tc:emergency:cap:1.1', 'http://www.incident.com/cap/1.0']);
const EDXL_DE_NS = /^urn:oasis:names:tc:emergency:EDXL:DE:[12]\.0$/;

/**
 * Parses a CAP 1.2 document: a single `<alert>`, an `<alerts>` wrapper of alerts, or an EDXL-DE envelope whose
 * embedded XML content holds alerts. Returns every alert, in document order.
 * Throws only CapError: the document is refused whole if any alert in it breaks the XSD or a spec rule.
 */
export function parseCap(input: Uint8Array | string, opts: ParseCapOptions = {}): CapAlert[] {
  const started = Date.now();
  const deadline = started + (opts.timeoutMs ?? 2000);
  try {
    const text = decodeXml(input, opts.maxBytes ?? DEFAULT_MAX_BYTES);
    const root = parseXmlTree(text, { maxDepth: opts.maxDepth ?? 64, deadline });
    const found = findAlerts(root);
    return found.map(({ el, path }) => {
      const alert = readAlert(el, path);
      const problem = checkCapRules(alert, path);
      if (problem) throw new CapError('rule', problem.message, { path: problem.path, line: el.line });
      return alert;
    });
  } catch (e) {
    if (e instanceof CapError) throw e;
    // The contract is "CapError or a result": anything else is a bug of ours, still reported as one line.
    throw new CapError('malformed-xml', `could not parse the document: ${e instanceof Error ? e.message : String(e)}`);
  }
}

interface FoundAlert {
  el: XmlElement;
  path: string;
}

function findAlerts(root: XmlElement): FoundAlert[] {
  if (root.local === 'alert') {
    checkCapNamespace(root);
    return [{ el: root, path: 'alert' }];
  }
  if (root.local === 'alerts' && (root.uri === CAP12_NS || root.uri === '')) {
    if (root.text.trim() !== '') throw new CapError('schema', '<alerts> contains stray text', { line: root.line });
    return root.children.map((child, i) => {
      if (child.local !== 'alert') {
        throw new CapError('not-cap', `<alerts> may hold only <alert> elements, not <${child.name}>`, {
          line: child.line,
        });
      }
      checkCapNamespace(child);
      return { el: child, path: `alerts/alert[${i}]` };
    });
  }
  if (root.local === 'EDXLDistribution' && EDXL_DE_NS.test(root.uri)) {
    const found: FoundAlert[] = [];
    collectEmbeddedAlerts(root, root.uri, found);
    if (found.length === 0) {
      throw new CapError('not-cap', 'the EDXL-DE envelope carries no CAP 1.2 alert', { line: root.line });
    }
    return found;
  }
  const ns = root.uri ? ` in namespace "${root.uri}"` : '';
  throw new CapError('not-cap', `root element <${root.local}>${ns} is not a CAP 1.2 alert`, { line: root.line });
}

function checkCapNamespace(el: XmlElement): void {
  if (el.uri === CAP12_NS) return;
  const message = OLD_CAP_NS.has(el.uri)
    ? `this is an older CAP version ("${el.uri}"); only CAP 1.2 is accepted`
    : `<alert> is in namespace "${el.uri}", not the CAP 1.2 namespace "${CAP12_NS}"`;
  throw new CapError('not-cap', message, { line: el.line });
}

/** EDXL-DE puts payloads in contentObject/xmlContent/embeddedXMLContent; other content objects are skipped. */
function collectEmbeddedAlerts(el: XmlElement, edxlNs: string, found: FoundAlert[]): void {
  for (const child of el.children) {
    if (child.uri !== edxlNs) continue;
    if (child.local === 'embeddedXMLContent') {
      for (const payload of child.children) {
        if (payload.local !== 'alert') continue;
        checkCapNamespace(payload);
        found.push({ el: payload, path: `EDXLDistribution/alert[${found.length}]` });
      }
    } else {
      collectEmbeddedAlerts(child, edxlNs, found);
    }
  }
}
