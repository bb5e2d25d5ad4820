# Sourced by the benchmark scripts that load a server with wrk: installs Debian's wrk package when it is missing.
if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is not installed; installing it from Debian's packages" >&2
  apt-get install -y -qq wrk >/dev/null
fi
