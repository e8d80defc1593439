#!/usr/bin/env bash
# Run the database tests against a throw-away PostgreSQL: initdb into a temporary directory, start
# it on 127.0.0.1 (fsync off: the data is thrown away), run pytest, stop and delete it on exit.
#
#   scripts/pg_test.sh                 # the DB test directories
#   scripts/pg_test.sh tests/api -x    # any pytest arguments instead
#
# As root the server runs as user postgres (initdb refuses root). PG_BIN and NETRA_PG_PORT override
# the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
# A free port unless one is given: two checkouts testing at once must not collide.
PORT=${NETRA_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
DB_TESTS=(tests/cases tests/api tests/audit tests/web tests/security tests/maps tests/vulnerability tests/transparency tests/monitoring)

if [ ! -x "$PG_BIN/initdb" ]; then
  echo "pg_test: no PostgreSQL binaries in $PG_BIN (apt-get install postgresql, or set PG_BIN)" >&2
  exit 2
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/netra-pg.XXXXXX")
if [ "$(id -u)" = 0 ]; then chown postgres: "$tmp"; fi

cleanup() {
  as_pg "$PG_BIN/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

as_pg "$PG_BIN/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$tmp/server.log" >&2; exit 1; }

export NETRA_DATABASE_URL="postgresql://postgres@127.0.0.1:$PORT/netra"
echo "pg_test: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PORT"
if [ $# -gt 0 ]; then
  .venv/bin/pytest "$@"
else
  .venv/bin/pytest "${DB_TESTS[@]}"
fi
