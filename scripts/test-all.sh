#!/usr/bin/env bash
# The whole test suite, as the README promises and CI runs it:
# system packages → typecheck + lint + unit/integration (PGlite and PostgreSQL) →
# builds (Electron bundles and the web page) → browser e2e in Debian Chromium →
# Electron e2e (runs only where an Electron binary exists, and says so when it does not).
set -euo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

bash scripts/system-deps.sh ensure
[ -d node_modules ] || npm ci --no-fund --no-audit

echo "== verify: typecheck, lint, unit and integration tests"
npm run verify

echo "== build: Electron bundles and the web page"
npx electron-vite build
npm run build:web

echo "== e2e: browser (Chromium against the real desk server)"
npx playwright test --project=browser

echo "== e2e: Electron"
npx playwright test --project=electron
