// Public API of @homeward/hcert: the EU DCC (HCERT) codec, issuer and verifier, and the test-file judge.
export { type HcertBackend, webBackend } from './backend.ts';
export { decodeBase45, encodeBase45 } from './base45.ts';
export {
  type BusinessRule,
  type BusinessRuleKind,
  type BusinessRuleSet,
  type Destination,
  evaluateBusinessRules,
  type RuleOutcome,
  readBusinessRules,
} from './business-rules.ts';
export { encodeCbor } from './cbor.encode.ts';
export { type CborMap, CborTag, type CborValue, decodeCbor } from './cbor.ts';
export { computeKid, readSignerCertificate, type SignerCertificate } from './certificate.ts';
export { isIssuedBy } from './chain.ts';
export { parseIsoInstant } from './clock.ts';
export { DEFAULT_MAX_INFLATED_BYTES, deflateZlib, inflateZlib } from './compression.ts';
export { type CoseSign1, parseCoseSign1, type SignatureAlgorithm, type SigningKey, verifyCoseSign1 } from './cose.ts';
export { type CwtClaims, type JsonValue, readCwt } from './cwt.ts';
export {
  type JudgeOptions,
  jsonEqual,
  judgeTestFile,
  TEST_STEPS,
  type TestFileVerdict,
  type TestStep,
} from './dcc-testfile.judge.ts';
export { HcertError, type HcertFailure, type HcertFailureCode } from './errors.ts';
export {
  type CertificateFormat,
  type FormatVerdict,
  hcertFormat,
  type RegisteredFormat,
  registerFormat,
  verifyScanned,
} from './format-adapter.ts';
export {
  DEFAULT_DECODE_LIMITS,
  type DecodedHcert,
  type DecodeLimits,
  decodeHcert,
  HCERT_PREFIX,
} from './hcert.decode.ts';
export { type IssueOptions, importSigningKey, issueHcert } from './hcert.issue.ts';
export { type HcertAccepted, type HcertVerdict, type VerifyOptions, verifyHcert } from './hcert.verify.ts';
export { type CertificateType, keyUsageAllows } from './key-usage.ts';
export { renderHcertQrDataUrl, renderHcertQrSvg } from './qr.ts';
export { certificateIdOf, uciRevocationHash } from './revocation.ts';
export { BUNDLED_SCHEMAS } from './schema.bundled.ts';
export { FALLBACK_SCHEMA_VERSION, type SchemaSet, validateDccSchema } from './schema.ts';
export {
  CSCA_HANDOVER_FORMAT,
  type CscaHandover,
  followCscaHandovers,
  type SignedListContent,
  verifySignedList,
} from './signed-list.ts';
export { buildTrustList, parseTrustList, type TrustList, type TrustListEntry } from './trust-list.ts';
export { VALUE_SETS, type ValueSet, type ValueSetEntry, type ValueSetName, valueSetDisplay } from './value-sets.ts';
export { readVerifierLists, type VerifierLists, verifyWithLists } from './verifier.ts';
