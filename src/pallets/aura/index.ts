// Aura (index 3, pallet_aura).
export * from './pallet.js'
