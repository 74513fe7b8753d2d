#!/usr/bin/env bash
# The external tools and servers the test suite needs. Sourced by test.sh.
# Each line: command-to-look-for  debian-package
EDOC_TEST_TOOLS=(
  "pdfsig poppler-utils"
  "pdftoppm poppler-utils"
  "pdftotext poppler-utils"
  "certutil libnss3-tools"
  "qpdf qpdf"
  "iconv libc-bin"
  "openssl openssl"
  "softhsm2-util softhsm2"
  "pkcs11-tool opensc"
  "soffice libreoffice-calc-nogui"
  "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf fonts-noto-core"
  "/usr/lib/postgresql/15/bin/initdb postgresql"
  "unzip unzip"
  "zip zip"
  "pk12util libnss3-tools"
  "/usr/lib/libreoffice/program/libswlo.so libreoffice-writer-nogui"
  "/usr/lib/libreoffice/program/libsclo.so libreoffice-calc-nogui"
  "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf fonts-dejavu-core"
  "clamd clamav-daemon"
  "pdffonts poppler-utils"
  "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf fonts-noto-core"
  "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf fonts-liberation2"
)

# The few tools `edoc demo` uses: a serif with Vietnamese letters (the draft, stamps and fields) and pdftoppm (the PNG preview).
EDOC_DEMO_TOOLS=(
  "pdftoppm poppler-utils"
  "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf fonts-liberation2"
)

edoc_install_test_tools() { edoc_install_tools test.sh "${EDOC_TEST_TOOLS[@]}"; }

# edoc_install_tools LABEL "command-or-path debian-package"...: installs what is missing through apt-get when run as
# root; otherwise prints the exact apt-get line and returns 1.
edoc_install_tools() {
  local label=$1 missing=() entry cmd pkg
  shift
  for entry in "$@"; do
    cmd=${entry%% *}; pkg=${entry#* }
    if [[ $cmd == /* ]]; then [[ -e $cmd ]] || missing+=("$pkg"); continue; fi
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "$label: installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
      || { echo "$label: apt-get install ${missing[*]} failed" >&2; return 1; }
    return 0
  fi
  echo "$label: missing tools. Install them with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  return 1
}

EDOC_SERVER_STOPS=()

# A throwaway PostgreSQL 15 on 127.0.0.1 (trust auth, fsync off) in a temp dir owned by the postgres user.
# Exports EDOC_TEST_POSTGRES (an Npgsql connection string); the register tests create one database per test class.
edoc_start_postgres() {
  local bin=/usr/lib/postgresql/15/bin dir port run_as=()
  if [[ ! -x $bin/initdb ]]; then
    echo "test.sh: PostgreSQL 15 is missing (apt-get install postgresql); the PostgreSQL tests will fail." >&2
    return 1
  fi
  dir=$(mktemp -d /tmp/edoc-pg.XXXXXX) || return 1
  chmod 755 "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$dir"
    run_as=(su postgres -s /bin/bash -c)
  else
    run_as=(bash -c)
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
  if ! "${run_as[@]}" "$bin/initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"; then
    echo "test.sh: initdb failed, see $dir/initdb.log" >&2
    return 1
  fi
  if ! "${run_as[@]}" "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c max_connections=200\" -w start >/dev/null"; then
    echo "test.sh: PostgreSQL did not start, see $dir/log" >&2
    return 1
  fi
  export EDOC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  EDOC_SERVER_STOPS+=("${run_as[*]@Q} \"$bin/pg_ctl -D '$dir/data' -m fast stop >/dev/null\"; rm -rf '$dir'")
  echo "test.sh: PostgreSQL 15 on 127.0.0.1:$port (EDOC_TEST_POSTGRES)" >&2
}

edoc_start_test_servers() {
  edoc_start_postgres || true
}
edoc_stop_test_servers() {
  local stop
  for stop in "${EDOC_SERVER_STOPS[@]}"; do eval "$stop" || true; done
}
