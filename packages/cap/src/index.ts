export { emitCap } from './cap.emit.ts';
export { CapError, type CapErrorCode, isCapError } from './cap.error.ts';
export {
  type CapAreaFeature,
  type CapCircle,
  capAreaToFeature,
  capCircleToPolygon,
  type Position,
  parseCapCircle,
  parseCapPolygon,
} from './cap.geo.ts';
export { DEFAULT_MAX_BYTES, type ParseCapOptions, parseCap } from './cap.parse.ts';
export * from './cap.schema.ts';
// The safe XML reading CAP uses (no DTDs, no fetching, bounded), also for the Atom and RSS feeds that list CAP
// documents (the server's CAP feed polling, decision 0025).
export { decodeXml } from './xml-decode.ts';
export { parseXmlTree, type XmlElement, type XmlLimits } from './xml-tree.ts';
