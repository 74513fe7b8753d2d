#!/usr/bin/env bash
# The external tools and servers the test suite needs. Sourced by test.sh.
# Each line: command-to-look-for  debian-package
EDOC_TEST_TOOLS=(
  "pdfsig poppler-utils"
  "pdftoppm poppler-utils"
  "pdftotext poppler-utils"
  "certutil libnss3-tools"
  "qpdf qpdf"
  "clamd clamav-daemon"
)

edoc_install_test_tools() {
  local missing=() entry cmd pkg
  for entry in "${EDOC_TEST_TOOLS[@]}"; do
    cmd=${entry%% *}; pkg=${entry#* }
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
      || { echo "test.sh: apt-get install ${missing[*]} failed" >&2; return 1; }
    return 0
  fi
  echo "test.sh: missing test tools. Install them with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  return 1
}

EDOC_SERVER_STOPS=()
edoc_start_test_servers() { :; }
edoc_stop_test_servers() {
  local stop
  for stop in "${EDOC_SERVER_STOPS[@]}"; do eval "$stop" || true; done
}
