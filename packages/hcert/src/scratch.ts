/**
 * A kept buffer for one step of a synchronous chain (issuing: Sig_structure, COSE_Sign1, zlib, Base45 characters).
 *
 * V8 gives a typed array of more than 64 bytes its own backing store: allocating one costs ~1 µs, and a
 * certificate's few hundred bytes went through five of them per issuance (with the garbage collections they set
 * off, about a sixth of the time outside the signature). A step that writes into its scratch hands the next step a
 * view instead. A view is valid only until the same scratch is taken again, so only code that uses it before
 * returning (never across an await) may take one; every public function still answers an array of its own.
 */
export class ScratchBuffer {
  private bytes: Uint8Array;
  private readonly limit: number;

  constructor(initial = 1024, limit = 64 * 1024) {
    this.bytes = new Uint8Array(initial);
    this.limit = limit;
  }

  /**
   * A view of `length` bytes holding whatever an earlier use left: the caller writes every byte it reads. Beyond
   * the limit a fresh array, so that one large input does not keep a large buffer alive.
   */
  take(length: number): Uint8Array {
    if (length > this.bytes.length) {
      if (length > this.limit) return new Uint8Array(length);
      this.bytes = new Uint8Array(2 ** Math.ceil(Math.log2(length)));
    }
    return this.bytes.subarray(0, length);
  }
}
