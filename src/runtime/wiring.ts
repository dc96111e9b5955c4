// The one place where the executive, the extensions and the runtime APIs are bound to pallet
// functions. Everything above this file talks to the interfaces (SystemOps, ExtensionHost,
// ApiHost); everything below is pallet code.
import * as aura from '../pallets/aura/index.js'
import * as grandpa from '../pallets/grandpa/index.js'
import * as sudo from '../pallets/sudo/index.js'
import * as system from '../pallets/system/index.js'
import { noteWeight, reclaimWeight, validateWeight } from '../pallets/system/check-weight.js'
import * as timestamp from '../pallets/timestamp/index.js'
import * as payment from '../pallets/transaction-payment/index.js'
import { validateSubtensorCall } from '../pallets/subtensor/index.js'
import type { ApiHost } from './api/host.js'
import type { PalletDecl } from '../frame/declare/pallet.js'
import type { Store } from '../frame/declare/storage.js'
import type { SystemOps } from './executive.js'
import type { ExtensionHost } from './extensions.js'
import { addWeight, weight, type WeightValue } from '../frame/primitives.js'
import { SPEC_VERSION, TRANSACTION_VERSION, type RuntimeVersionValue } from './version.js'

export interface RuntimeWiring {
  system: SystemOps
  extensionHost: ExtensionHost
  apiHost: Pick<ApiHost, 'accountNonce' | 'extensionWeight' | 'feeParts' | 'weightToFee' | 'lengthToFee' | 'auraAuthorities' | 'grandpaAuthorities' | 'grandpaSetId'>
  timestampOf(s: Store): bigint
  setVersion(v: RuntimeVersionValue): void
  genesis(s: Store, pallets: PalletDecl[], config: Record<string, unknown>, v: RuntimeVersionValue): void
}

/**
 * What the spec-425 transaction extensions add to every signed extrinsic's weight
 * (DispatchInfo::total_weight): frame_system's checks, the ChargeTransactionPayment wrapper, and
 * pallet_shield's CheckShieldedTxValidity (1,000,000 + one read). CheckNonce (subtensor's),
 * SudoTransactionExtension, DrandPriority and CheckMetadataHash weigh nothing;
 * SubtensorTransactionExtension's dispatch-guard weights belong to the subtensor pallet's calls
 * and are not modelled yet.
 */
function signedExtensionWeight(): WeightValue {
  // Every term is a constant: summed once, not for each validation and application.
  return extensionWeightSum ??= Object.freeze(computeExtensionWeight())
}

let extensionWeightSum: WeightValue | undefined

function computeExtensionWeight(): WeightValue {
  const e = system.SystemExtensionWeights
  return [
    e.checkNonZeroSender(), e.checkSpecVersion(), e.checkTxVersion(), e.checkGenesis(), e.checkMortality(), e.checkWeight(),
    payment.TransactionPaymentWeights.chargeTransactionPaymentWrapper(),
    weight(1_000_000n + system.DB_WEIGHT.read, 0n),
  ].reduce(addWeight)
}

export function createWiring(): RuntimeWiring {
  const extensionHost: ExtensionHost = {
    specVersion: SPEC_VERSION,
    transactionVersion: TRANSACTION_VERSION,
    blockNumber: (s) => system.blockNumber(s),
    blockHash: (s, n) => system.blockHash(s, n),
    account: (s, who) => system.account(s, who),
    incNonce: (s, who) => system.incNonce(s, who),
    extensionWeight: signedExtensionWeight,
    computeFee: (len, info, tip, actualWeight) => actualWeight === undefined
      ? payment.computeFee(len, info, tip).total
      : payment.computeActualFee(len, info, { actualWeight }, tip),
    withdrawFee: (s, env, who, fee, tip) => payment.withdrawFee(s, env, who, fee, tip),
    correctAndDepositFee: (s, env, who, withdrawn, actual, tip) => payment.correctAndDepositFee(s, env, who, withdrawn, actual, tip),
    sudoKey: (s) => sudo.sudoKey(s),
    validateWeight: (s, info, len) => validateWeight(s, info, len),
    noteWeight: (s, info, len) => noteWeight(s, info, len),
    reclaimWeight: (s, info, post) => reclaimWeight(s, info, post),
    subtensorValidate: (s, who, call) => validateSubtensorCall(s, who, call),
  }
  return {
    system: {
      initialize: system.initialize,
      noteInitializeWeight: (s, used) => system.registerExtraWeightUnchecked(s, addWeight(system.BLOCK_WEIGHTS.base_block, used), 'Mandatory'),
      noteFinishedInitialize: system.noteFinishedInitialize,
      noteFinishedExtrinsics: system.noteFinishedExtrinsics,
      depositEvent: system.depositEvent,
      depositEvents: system.depositEvents,
      noteAppliedExtrinsic: system.noteAppliedExtrinsic,
      finalize: system.finalize,
    },
    extensionHost,
    apiHost: {
      accountNonce: (s, who) => system.nonce(s, who),
      extensionWeight: signedExtensionWeight,
      feeParts: (len, info) => {
        const b = payment.computeFee(len, info, 0n)
        return b.paysFee ? { baseFee: b.baseFee, lenFee: b.lenFee, adjustedWeightFee: b.adjustedWeightFee } : null
      },
      weightToFee: (w: WeightValue) => payment.weightToFee(w),
      lengthToFee: (len) => payment.lengthToFee(len),
      auraAuthorities: (s) => aura.Aura.Authorities.get(s),
      grandpaAuthorities: (s) => grandpa.grandpaAuthorities(s),
      grandpaSetId: (s) => grandpa.currentSetId(s),
    },
    timestampOf: (s) => timestamp.now(s),
    setVersion: (v) => system.setRuntimeVersion(v),
    genesis: (s, pallets, config) => {
      for (const p of pallets) p.genesis?.(s, config[camel(p.name)] ?? {})
    },
  }
}

/** Chain-spec genesis sections are the pallet names in lower camel case (`subtensorModule`). */
function camel(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1)
}
