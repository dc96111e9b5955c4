// `NODE_OPTIONS=--require <this file>` with CPU_PROF_DIR set: the process records a V8 CPU profile
// from start to exit and writes it there (node --cpu-prof, which NODE_OPTIONS may not carry).
// The in-thread inspector session runs its callbacks synchronously, so the profile is written
// even from the 'exit' hook.
const { Session } = require('node:inspector')
const { writeFileSync } = require('node:fs')
const { join } = require('node:path')

const dir = process.env.CPU_PROF_DIR
if (dir) {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.setSamplingInterval', { interval: 1000 })
  session.post('Profiler.start')
  process.on('exit', () => {
    session.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(join(dir, `CPU.${process.pid}.cpuprofile`), JSON.stringify(res.profile))
    })
  })
}
