# Shared by scripts/up.sh and scripts/test.sh (sourced, not run).

# Prints a step header on stderr.
step() {
  printf '\n==> %s\n' "$*" >&2
}

# Installs dependencies when node_modules is missing or older than package-lock.json.
# npm writes node_modules/.package-lock.json on every install, so its age is the install's age.
ensure_node_modules() {
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    step "npm ci (node_modules missing or older than package-lock.json)"
    npm ci --no-audit --no-fund
  fi
}

# Installs Debian's chromium when /usr/bin/chromium is missing: the status page test drives it
# (playwright-core with executablePath). Retries once after `apt-get update`.
ensure_chromium() {
  [[ -x /usr/bin/chromium ]] && return 0
  local sudo=()
  [[ $EUID -ne 0 ]] && command -v sudo >/dev/null && sudo=(sudo)
  step "apt-get install -y chromium (the status page test needs it; this changes the host)"
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; then
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  fi
}
