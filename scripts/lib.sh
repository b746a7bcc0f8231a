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
