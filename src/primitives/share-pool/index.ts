export * from './safe-float.js'
export * from './share-pool.js'
export * from './memory-ops.js'
