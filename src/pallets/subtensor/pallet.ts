// SubtensorModule (index 7, pallet_subtensor): the builder every declaration file adds to.
import { Pallet } from '../../frame/declare/pallet.js'

export const subtensorModule = new Pallet('SubtensorModule', 7, 'pallet_subtensor')
