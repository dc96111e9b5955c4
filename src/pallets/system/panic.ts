// A Rust `panic!`/`assert!` inside the runtime: the block being built or imported is invalid.
// Distinct from DispatchFailure, which only fails one extrinsic.
export class RuntimePanic extends Error {
  override readonly name = 'RuntimePanic'
}
