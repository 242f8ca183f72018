// The owner app's first load (issue 17 §5): the JavaScript dist/owner/index.html loads up front (its entry script and
// every modulepreload) must stay within 150 kB gzip, and never include the staff app's Element Plus or ECharts.
// Run after `vite build` (make web-check).
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const LIMIT = 150 * 1024
const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const html = readFileSync(dist + 'owner/index.html', 'utf-8')
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1])
if (!files.length) {
  console.error('owner/index.html loads no script: is the owner entry built?')
  process.exit(1)
}
let total = 0
for (const file of files) {
  const size = gzipSync(readFileSync(dist + file), { level: 9 }).length
  total += size
  console.log(`${(size / 1024).toFixed(1).padStart(7)} kB  ${file}`)
}
console.log(`${(total / 1024).toFixed(1).padStart(7)} kB  owner first load (limit ${LIMIT / 1024} kB gzip)`)
const heavy = files.filter((f) => /element-plus|echarts/.test(f))
if (heavy.length) {
  console.error(`the owner app loads the staff app's libraries: ${heavy.join(', ')}`)
  process.exit(1)
}
if (total > LIMIT) {
  console.error('the owner app loads too much JavaScript up front: keep it small (no UI library, lazy screens)')
  process.exit(1)
}
