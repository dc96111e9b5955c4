// The runtime's pallets in construct_runtime! index order. Other pallets (Multisig, Proxy, …)
// join this list as they are written.
import type { PalletDecl } from '../frame/declare/pallet.js'
import { adminUtilsPallet } from './admin-utils/index.js'
import { auraPallet } from './aura/index.js'
import { balancesPallet } from './balances/index.js'
import { drandPallet } from './drand/index.js'
import { registerCallDecls } from './call-info.js'
import { grandpaPallet } from './grandpa/index.js'
import { subtensorPallet } from './subtensor/index.js'
import { sudoPallet } from './sudo/index.js'
import { swapPallet } from './swap/index.js'
import { systemPallet } from './system/index.js'
import { timestampPallet } from './timestamp/index.js'
import { transactionPaymentPallet } from './transaction-payment/index.js'
import { utilityPallet } from './utility/index.js'

let all: PalletDecl[] | null = null

/**
 * All pallet declarations, sorted by index. The first call freezes the declarations (calls,
 * events and errors added to a Pallet builder afterwards are not seen) and registers the calls
 * for the dispatch info of wrapped calls (Sudo, Utility).
 */
export function allPallets(): PalletDecl[] {
  if (!all) {
    all = [
      systemPallet(), timestampPallet(), auraPallet(), grandpaPallet(), balancesPallet(),
      transactionPaymentPallet(), subtensorPallet(), utilityPallet(), sudoPallet(), adminUtilsPallet(),
      swapPallet(),
      drandPallet(),
    ].sort((a, b) => a.index - b.index)
    registerCallDecls(all)
  }
  return all
}
