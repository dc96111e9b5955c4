export * from './int.js'
export * from './fixed-ext.js'
export * from './pow-ratio.js'
