#!/usr/bin/env bash
# KiroGate
#   ./run.sh        install what is missing, create .env, migrate the database, build, serve on :9000
#   ./run.sh test   run the whole test suite (lint, types, unit, build, integration with real clients,
#                   browser tests in Chromium)
set -euo pipefail
cd "$(dirname "$0")"
export NEXT_TELEMETRY_DISABLED=1
# .env and the database hold secrets: files this script creates are readable by their owner only.
umask 077

install_dependencies() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "KiroGate needs Node.js 20.19+ and npm: https://nodejs.org" >&2
    exit 1
  fi
  if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)'; then
    echo "KiroGate needs Node.js 20.19 or newer; this is $(node --version)." >&2
    exit 1
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing dependencies…"
    npm ci --no-audit --no-fund
  fi
}

random_secret() {
  node -e "process.stdout.write(require('node:crypto').randomBytes(Number(process.argv[1])).toString('base64url'))" "$1"
}

create_env_file() {
  [ -f .env ] && return
  local proxy_key token_key auth_secret admin_key
  proxy_key="sk-kirogate-$(random_secret 24)"
  token_key="$(random_secret 32)"
  auth_secret="$(random_secret 32)"
  admin_key="kga-$(random_secret 24)"
  sed -e "s|^PROXY_API_KEY=.*|PROXY_API_KEY=${proxy_key}|" \
      -e "s|^TOKEN_ENCRYPT_KEY=.*|TOKEN_ENCRYPT_KEY=${token_key}|" \
      -e "s|^AUTH_SECRET=.*|AUTH_SECRET=${auth_secret}|" \
      -e "s|^ADMIN_API_KEY=.*|ADMIN_API_KEY=${admin_key}|" \
      .env.example > .env
  chmod 600 .env
  echo "Created .env with freshly generated secrets. Your clients' API key is PROXY_API_KEY in .env (line $(grep -n '^PROXY_API_KEY=' .env | cut -d: -f1))."
}

# The port comes from the environment, else from .env, else 9000.
read_port() {
  local from_file=""
  [ -f .env ] && from_file="$(grep -E '^PORT=' .env | tail -n 1 | cut -d= -f2- | tr -d '[:space:]"' || true)"
  echo "${PORT:-${from_file:-9000}}"
}

# A build is needed when there is none, or when a source file is newer than it. Editing .env needs
# no rebuild: the configuration is read when the server starts.
build_if_needed() {
  if [ -f .next/BUILD_ID ] && [ -z "$(find app lib components public instrumentation.ts next.config.ts package-lock.json tsconfig.json postcss.config.mjs server.ts \
      -newer .next/BUILD_ID -type f 2>/dev/null | head -n 1)" ]; then
    echo "Build is up to date."
    return
  fi
  echo "Building…"
  npx next build
}

serve() {
  install_dependencies
  create_env_file
  npm run --silent db:migrate
  build_if_needed
  local port
  port="$(read_port)"
  echo "KiroGate is starting on http://localhost:${port}"
  # server.ts: Next.js behind a server that knows each client's address and shuts down gracefully.
  PORT="${port}" NODE_ENV=production exec node --import tsx server.ts
}

# Playwright cannot download its browsers here; it drives the system's Chromium (Debian's package).
install_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then return; fi
  if command -v chromium >/dev/null 2>&1; then
    export CHROMIUM_PATH="$(command -v chromium)"
    return
  fi
  echo "Installing Chromium for the browser tests (apt)…"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  export CHROMIUM_PATH="$(command -v chromium)"
}

run_tests() {
  install_dependencies
  install_chromium
  mkdir -p .ci-out
  echo "== lint"
  npx eslint . --max-warnings=0
  echo "== types"
  npx next typegen >/dev/null
  npx tsc --noEmit
  echo "== unit tests"
  npx vitest run --reporter=default --reporter=json --outputFile=.ci-out/unit.json
  echo "== build"
  npx next build
  echo "== integration tests (built app + Kiro mock + real clients)"
  npx vitest run --config vitest.integration.config.ts --reporter=default --reporter=json --outputFile=.ci-out/integration.json
  echo "== browser tests (Playwright in Chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME=.ci-out/e2e.json npx playwright test --reporter=list,json
  node scripts/test-summary.mjs .ci-out/unit.json .ci-out/integration.json .ci-out/e2e.json
}

case "${1:-serve}" in
  serve) serve ;;
  test) run_tests ;;
  *)
    echo "usage: ./run.sh [test]" >&2
    exit 2
    ;;
esac
