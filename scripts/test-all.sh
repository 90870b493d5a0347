#!/usr/bin/env bash
# The whole test suite, as the README promises and CI runs it:
# system packages → typecheck + lint → unit and integration tests (PGlite and PostgreSQL,
# sync convergence under network faults) → builds (Electron bundles and the web page) →
# Electron e2e (runs only where an Electron binary exists, and says so when it does not) →
# browser e2e in Debian Chromium against the real desk server → the telephony lab (real
# calls through Kamailio in a loopback-only network namespace, audio checked).
# Ends with one line: "Summary: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
results=.tmp/results
rm -rf "$results" && mkdir -p "$results"

bash scripts/system-deps.sh ensure
[ -d node_modules ] || npm ci --no-fund --no-audit

echo "== typecheck and lint"
npm run typecheck
npm run lint

echo "== unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/unit.json"

echo "== build: Electron bundles and the web page"
npx electron-vite build
npm run build:web

echo "== e2e: Electron"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/electron.json" npx playwright test --project=electron --reporter=list,json

echo "== e2e: browser (Chromium against the real desk server)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/browser.json" npx playwright test --project=browser --reporter=list,json

echo "== telephony lab (real calls, loopback-only network namespace)"
npm run test:lab -- --reporter=default --reporter=json --outputFile.json="$results/lab.json"

node scripts/summary.mjs "$results"
