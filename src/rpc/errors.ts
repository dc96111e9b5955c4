// JSON-RPC error objects with the codes and texts a Substrate node (jsonrpsee + sc-rpc) emits.
// Clients match on these literally (PAPI checks "Method not found", the bittensor SDK checks
// `data.startswith("Custom error:")`), so the strings below are exact copies of the node's.

export class RpcError extends Error {
  readonly code: number
  readonly data?: unknown

  constructor(code: number, message: string, data?: unknown) {
    super(message)
    this.name = 'RpcError'
    this.code = code
    if (data !== undefined) this.data = data
  }

  /** The `error` member of a response. */
  toJSON(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data }
  }
}

export function isRpcError(e: unknown): e is RpcError {
  return e instanceof RpcError
}

// --- JSON-RPC 2.0 and jsonrpsee server codes ---

export const PARSE_ERROR = -32700
export const INVALID_REQUEST = -32600
export const METHOD_NOT_FOUND = -32601
export const INVALID_PARAMS = -32602
export const INTERNAL_ERROR = -32603
export const CALL_EXECUTION_FAILED = -32000
export const BATCHES_NOT_SUPPORTED = -32005
export const TOO_MANY_SUBSCRIPTIONS = -32006
export const OVERSIZED_REQUEST = -32007
export const OVERSIZED_RESPONSE = -32008
export const SERVER_IS_BUSY = -32009
export const TOO_BIG_BATCH_REQUEST = -32010
export const TOO_BIG_BATCH_RESPONSE = -32011

export const parseError = (): RpcError => new RpcError(PARSE_ERROR, 'Parse error')
export const invalidRequest = (): RpcError => new RpcError(INVALID_REQUEST, 'Invalid request')
export const methodNotFound = (): RpcError => new RpcError(METHOD_NOT_FOUND, 'Method not found')
/** jsonrpsee puts the decoder's complaint in `data` and keeps the message fixed. */
export const invalidParams = (detail?: string): RpcError => new RpcError(INVALID_PARAMS, 'Invalid params', detail)
export const internalError = (detail?: unknown): RpcError => new RpcError(INTERNAL_ERROR, 'Internal error', detail)
export const batchesNotSupported = (): RpcError =>
  new RpcError(BATCHES_NOT_SUPPORTED, 'Batched requests are not supported by this server')
export const tooManySubscriptions = (limit: number): RpcError =>
  new RpcError(TOO_MANY_SUBSCRIPTIONS, 'Too many subscriptions on the connection', `Exceeded max limit of ${limit}`)
export const requestTooBig = (limit: number): RpcError =>
  new RpcError(OVERSIZED_REQUEST, 'Request is too big', `Exceeded max limit of ${limit}`)
export const responseTooBig = (limit: number): RpcError =>
  new RpcError(OVERSIZED_RESPONSE, 'Response is too big', `Exceeded max limit of ${limit}`)
export const serverIsBusy = (): RpcError => new RpcError(SERVER_IS_BUSY, 'Server is busy, try again later')
export const batchTooBig = (limit: number): RpcError =>
  new RpcError(TOO_BIG_BATCH_REQUEST, 'The batch request was too large', `Exceeded max limit of ${limit}`)
export const batchResponseTooBig = (limit: number): RpcError =>
  new RpcError(TOO_BIG_BATCH_RESPONSE, 'The batch response was too large', `Exceeded max limit of ${limit}`)

/** sc-rpc-api policy.rs: an unsafe method called through an endpoint that denies them. */
export const UNSAFE_RPC_MESSAGE = 'RPC call is unsafe to be called externally'
export const unsafeRpcCall = (code: number = METHOD_NOT_FOUND): RpcError => new RpcError(code, UNSAFE_RPC_MESSAGE)

// --- sc-rpc-api author (1000 + n) ---

export const AUTHOR_BAD_FORMAT = 1001
export const AUTHOR_VERIFICATION_ERROR = 1002
export const POOL_INVALID_TX = 1010
export const POOL_UNKNOWN_VALIDITY = 1011
export const POOL_TEMPORARILY_BANNED = 1012
export const POOL_ALREADY_IMPORTED = 1013
export const POOL_TOO_LOW_PRIORITY = 1014
export const POOL_CYCLE_DETECTED = 1015
export const POOL_IMMEDIATELY_DROPPED = 1016
export const POOL_UNACTIONABLE = 1018
export const POOL_NO_TAGS = 1019
export const POOL_INVALID_BLOCK_ID = 1020
export const POOL_FUTURE_TX = 1021
export const AUTHOR_OTHER = 1040

/** `From<InvalidTransaction> for &'static str` in sp-runtime, keyed by variant name. */
export const INVALID_TRANSACTION_TEXT = {
  Call: 'Transaction call is not expected',
  Future: 'Transaction will be valid in the future',
  Stale: 'Transaction is outdated',
  BadProof: 'Transaction has a bad signature',
  AncientBirthBlock: 'Transaction has an ancient birth block',
  ExhaustsResources: 'Transaction would exhaust the block limits',
  Payment: 'Inability to pay some fees (e.g. account balance too low)',
  BadMandatory: 'A call was labelled as mandatory, but resulted in an Error.',
  MandatoryDispatch: 'Transaction dispatch is mandatory; transactions may not have mandatory dispatches.',
} as const
export type InvalidTransactionKind = keyof typeof INVALID_TRANSACTION_TEXT

/** "Extrinsic has invalid format: <codec error>" (bad SCALE). */
export const extrinsicBadFormat = (detail: string): RpcError =>
  new RpcError(AUTHOR_BAD_FORMAT, `Extrinsic has invalid format: ${detail}`)
/** Runtime-side verification failure; Substrate repeats the error's Debug form in `data`. */
export const verificationError = (detail: string, debug: string = detail): RpcError =>
  new RpcError(AUTHOR_VERIFICATION_ERROR, `Verification Error: ${detail}`, debug)
export const invalidTransaction = (kind: InvalidTransactionKind): RpcError =>
  new RpcError(POOL_INVALID_TX, 'Invalid Transaction', INVALID_TRANSACTION_TEXT[kind])
/** `InvalidTransaction::Custom(n)`: subtensor's rate limits and friends. */
export const invalidTransactionCustom = (n: number): RpcError =>
  new RpcError(POOL_INVALID_TX, 'Invalid Transaction', `Custom error: ${n}`)
/** `data` is the Debug form of UnknownTransaction: "CannotLookup", "NoUnsignedValidator", "Custom(n)". */
export const unknownTransaction = (debug: string): RpcError =>
  new RpcError(POOL_UNKNOWN_VALIDITY, 'Unknown Transaction Validity', debug)
export const transactionTemporarilyBanned = (): RpcError =>
  new RpcError(POOL_TEMPORARILY_BANNED, 'Transaction is temporarily banned')
/** `data` is the Debug form of the hash, i.e. its 0x hex. */
export const transactionAlreadyImported = (hashHex: string): RpcError =>
  new RpcError(POOL_ALREADY_IMPORTED, 'Transaction Already Imported', hashHex)
export const transactionPriorityTooLow = (oldPriority: bigint | number, newPriority: bigint | number): RpcError =>
  new RpcError(
    POOL_TOO_LOW_PRIORITY,
    `Priority is too low: (${oldPriority} vs ${newPriority})`,
    'The transaction has too low priority to replace another transaction already in the pool.',
  )
export const transactionCycleDetected = (): RpcError => new RpcError(POOL_CYCLE_DETECTED, 'Cycle Detected')
export const transactionImmediatelyDropped = (): RpcError =>
  new RpcError(POOL_IMMEDIATELY_DROPPED, 'Immediately Dropped', "The transaction couldn't enter the pool because of the limit")
export const transactionUnactionable = (): RpcError =>
  new RpcError(
    POOL_UNACTIONABLE,
    'Unactionable',
    'The transaction is unactionable since it is not propagable and the local node does not author blocks',
  )
export const transactionNoTags = (): RpcError =>
  new RpcError(POOL_NO_TAGS, 'No tags provided', "Transaction does not provide any tags, so the pool can't identify it")
export const transactionInvalidBlockId = (): RpcError =>
  new RpcError(POOL_INVALID_BLOCK_ID, 'The provided block ID is not valid')
export const futureTransactionRejected = (): RpcError =>
  new RpcError(POOL_FUTURE_TX, 'The pool is not accepting future transactions')
/** Everything else in the author module ("Client error: ...", keystore problems...). */
export const authorOther = (message: string): RpcError => new RpcError(AUTHOR_OTHER, message)

// --- sc-rpc-api system (2000 + n) ---

export const SYSTEM_NOT_HEALTHY = 2001
export const SYSTEM_MALFORMATTED_PEER_ARG = 2002
export const systemMalformattedPeerArg = (message: string): RpcError =>
  new RpcError(SYSTEM_MALFORMATTED_PEER_ARG, message)

// --- sc-rpc-api state (4000 + n) ---

export const STATE_INVALID_BLOCK_RANGE = 4001
export const STATE_INVALID_COUNT = 4002
export const STATE_CLIENT_ERROR = 4003

/** Rust's `{:?}` of a String is its quoted, escaped form; JSON quoting agrees for ordinary text. */
export const stateInvalidBlockRange = (from: string, to: string, details: string): RpcError =>
  new RpcError(
    STATE_INVALID_BLOCK_RANGE,
    `Cannot resolve a block range ['${JSON.stringify(from)}' ... '${JSON.stringify(to)}]. ${details}`,
  )
export const stateInvalidCount = (value: number, max: number): RpcError =>
  new RpcError(STATE_INVALID_COUNT, `count exceeds maximum value. value: ${value}, max: ${max}`)
/** "Client error: <message>" */
export const stateClientError = (message: string): RpcError =>
  new RpcError(STATE_CLIENT_ERROR, `Client error: ${message}`)
/** async-substrate-interface looks for this literal text to decide a runtime API is missing. */
export const runtimeApiNotFound = (exportedMethod: string): RpcError =>
  stateClientError(`Execution failed: Other: Exported method ${exportedMethod} is not found`)

// --- json-rpc-interface-spec (chainHead_v1_*) ---

export const CHAIN_HEAD_LIMIT_REACHED = -32800
export const CHAIN_HEAD_INVALID_BLOCK = -32801
export const CHAIN_HEAD_INVALID_RUNTIME_CALL = -32802
export const CHAIN_HEAD_INVALID_CONTINUE = -32803
export const CHAIN_HEAD_DUPLICATE_HASHES = -32804

export const chainHeadLimitReached = (): RpcError =>
  new RpcError(CHAIN_HEAD_LIMIT_REACHED, 'Maximum number of chainHead_follow has been reached')
export const chainHeadInvalidBlock = (): RpcError => new RpcError(CHAIN_HEAD_INVALID_BLOCK, 'Invalid block hash')
export const chainHeadInvalidRuntimeCall = (): RpcError =>
  new RpcError(
    CHAIN_HEAD_INVALID_RUNTIME_CALL,
    'The `chainHead_follow` subscription was started with `withRuntime` set to `false`',
  )
export const chainHeadInvalidContinue = (): RpcError =>
  new RpcError(CHAIN_HEAD_INVALID_CONTINUE, 'Wait for continue event was not generated for the subscription')
export const chainHeadDuplicateHashes = (): RpcError =>
  new RpcError(CHAIN_HEAD_DUPLICATE_HASHES, 'Received duplicate hashes for the `chainHead_unpin` method')
/** chainHead's own invalid-parameter error keeps -32602 but words the message itself. */
export const chainHeadInvalidParam = (detail: string): RpcError =>
  new RpcError(INVALID_PARAMS, `Invalid parameter: ${detail}`)

/** The error object to send for anything a handler threw. */
export function toRpcError(e: unknown): RpcError {
  if (e instanceof RpcError) return e
  const message = e instanceof Error ? e.message : String(e)
  return internalError(message)
}
