// Browser journeys: Playwright (playwright-core) driving Debian's Chromium against a server with
// seed_demo data. `make e2e` prepares the data and passes the server command; each journey saves a
// screenshot in e2e/artifacts/. Exit code 1 when any journey fails.
import { spawn, execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { journeys } from './journeys.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const artifacts = join(here, 'artifacts')
mkdirSync(artifacts, { recursive: true })
const port = process.env.E2E_PORT ?? '8765'
const base = `http://127.0.0.1:${port}`
const only = process.argv[2]

async function waitForServer(timeoutMs = 60000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    try {
      const response = await fetch(`${base}/api/v1/health/`)
      if (response.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`server did not answer on ${base} within ${timeoutMs} ms`)
}

let server = null
if (process.env.E2E_SERVER) {
  server = spawn(process.env.E2E_SERVER, { shell: true, stdio: ['ignore', 'ignore', 'pipe'], detached: true })
  server.stderr.on('data', (chunk) => {
    const text = String(chunk)
    if (/Traceback|Error/.test(text)) process.stderr.write(`[server] ${text}`)
  })
}
const stopServer = () => {
  if (server) {
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
}
process.on('exit', stopServer)

const browser = await (async () => {
  await waitForServer()
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
})()

const shared = { base, python: process.env.E2E_PYTHON ?? 'python3', manage: process.env.E2E_MANAGE ?? '../backend/manage.py', execFileSync, artifacts }
let failed = 0
for (const journey of journeys) {
  if (only && journey.name !== only) continue
  const context = await browser.newContext({ viewport: journey.viewport ?? { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  context.setDefaultTimeout(15000)
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`server error: ${r.status()} ${r.request().method()} ${r.url()}`)
    if (process.env.E2E_DEBUG) console.log(`    [${r.status()}] ${r.request().method()} ${r.url()}`)
  })
  const started = Date.now()
  try {
    await journey.run(page, shared)
    if (problems.length) throw new Error(problems.join('\n'))
    await page.screenshot({ path: join(artifacts, `${journey.name}.png`), fullPage: true })
    console.log(`  ✓ ${journey.name} — ${journey.title} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  } catch (error) {
    failed += 1
    if (process.env.E2E_DEBUG) console.log((await page.locator('main, body').first().innerText().catch(() => '')).slice(0, 3000))
    await page.screenshot({ path: join(artifacts, `${journey.name}-FAILED.png`), fullPage: true }).catch(() => undefined)
    console.log(`  ✗ ${journey.name} — ${journey.title}\n    ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n    ')}`)
  } finally {
    await context.close()
  }
}
await browser.close()
stopServer()
console.log(failed ? `${failed} browser journey(s) failed; screenshots in ${artifacts}` : `browser journeys passed; screenshots in ${artifacts}`)
process.exit(failed ? 1 : 0)
