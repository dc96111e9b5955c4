export * from './types.js'
export * from './ops.js'
export * from './transcendental.js'
export * from './fused.js'
