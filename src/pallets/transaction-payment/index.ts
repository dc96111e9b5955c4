// TransactionPayment (index 6, pallet_transaction_payment).
export * from './pallet.js'
export * from './fee.js'
export { withdrawFee, correctAndDepositFee } from './charge.js'
export { TransactionPaymentWeights } from './weights.js'
