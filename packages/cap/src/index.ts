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
