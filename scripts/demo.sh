#!/usr/bin/env bash
# `make demo`: a working Netra on this machine in one step, on SQLite.
#
# Creates or upgrades the demo database, loads the regions, elections and holidays, loads the
# seeded demo cases once (running this again adds nothing), prints the logins and addresses, then
# serves with gunicorn in the foreground until Ctrl-C.
#
#   NETRA_DATA_DIR   where the database, uploads and demo secret key live (default var/demo)
#   NETRA_DEMO_HOST  address to listen on (default 127.0.0.1)
#   NETRA_DEMO_PORT  port (default 8000)
#   NETRA_DEMO_COUNT number of demo cases on first load (default 400)
#   NETRA_DEMO_TELEGRAM_PORT port of the fake Telegram Bot API (default 8081)
#   NETRA_DEMO_WHATSAPP_PORT port of the fake WhatsApp Cloud API (default 8082)
set -euo pipefail
cd "$(dirname "$0")/.."

export NETRA_DEMO=1  # a generated secret key kept in the data dir; the demo logins are public
export NETRA_DATA_DIR=${NETRA_DATA_DIR:-var/demo}
HOST=${NETRA_DEMO_HOST:-127.0.0.1}
PORT=${NETRA_DEMO_PORT:-8000}
COUNT=${NETRA_DEMO_COUNT:-400}
NETRA=${NETRA:-.venv/bin/netra}
PYTHON=${NETRA_PYTHON:-$(dirname "$NETRA")/python}
TELEGRAM_PORT=${NETRA_DEMO_TELEGRAM_PORT:-8081}
# The tipline talks to a fake Telegram Bot API on this machine, never to Telegram.
export NETRA_TELEGRAM_BOT_TOKEN="123456:netra-demo"
export NETRA_TELEGRAM_WEBHOOK_SECRET="netra-demo-webhook"
export NETRA_TELEGRAM_API_BASE="http://127.0.0.1:$TELEGRAM_PORT"
# And to a fake WhatsApp Cloud API, never to Meta (demo values, public).
WHATSAPP_PORT=${NETRA_DEMO_WHATSAPP_PORT:-8082}
export NETRA_WHATSAPP_APP_SECRET="netra-demo-app-secret"
export NETRA_WHATSAPP_VERIFY_TOKEN="netra-demo-verify"
export NETRA_WHATSAPP_ACCESS_TOKEN="netra-demo-access"
export NETRA_WHATSAPP_PHONE_NUMBER_ID="100200300"
export NETRA_WHATSAPP_API_BASE="http://127.0.0.1:$WHATSAPP_PORT"

if [ ! -x "$NETRA" ]; then
  echo "demo: $NETRA not found; run 'make demo' (it creates .venv) or set NETRA=path/to/netra" >&2
  exit 2
fi

echo "== the analyzer on the bundled samples (examples/)"
"$NETRA" analyze examples/report.txt
"$NETRA" screen examples/posts.jsonl -o "${TMPDIR:-/tmp}/netra-demo-screened.jsonl" || true
echo "  screened lines: ${TMPDIR:-/tmp}/netra-demo-screened.jsonl"

mkdir -p "$NETRA_DATA_DIR/static"  # WhiteNoise warns when STATIC_ROOT is missing
echo "== setup ($NETRA_DATA_DIR)"
"$NETRA" setup
"$NETRA" asn load-published  # PNS per province (BPS 2023): the map's rate per 10,000 ASN
echo "== demo data"
"$NETRA" demo load --count "$COUNT"
echo "== monitoring: a bundled import (reposts grouped; the queue at /desk/pantauan/)"
"$NETRA" ingest examples/monitoring-posts.jsonl --source "contoh impor" || true
# The bundled feed is served by the demo server itself; the worker (feeds every 5 min, tipline
# replies, archiving) starts once it listens, and is stopped with SIGTERM when the demo ends.
"$NETRA" feeds add "kabar pilkada (demo)" "http://$HOST:$PORT/static/monitoring/demo-feed.rss" >/dev/null
(sleep 8 && exec "$NETRA" worker --feeds-every 300) &
worker=$!
# The fake Telegram delivers the bundled tips (examples/tipline-demo.json) to the webhook once
# the server answers; the worker sends the bot's replies to it. Its page shows the citizens' side.
webhook_host=$HOST
[ "$HOST" = "0.0.0.0" ] && webhook_host=127.0.0.1
"$PYTHON" -m netra.monitoring.core.fake_telegram --port "$TELEGRAM_PORT" \
  --token "$NETRA_TELEGRAM_BOT_TOKEN" --secret "$NETRA_TELEGRAM_WEBHOOK_SECRET" \
  --webhook "http://$webhook_host:$PORT/tipline/telegram/" --updates examples/tipline-demo.json \
  --log "$NETRA_DATA_DIR/fake-telegram.jsonl" &
telegram=$!
"$PYTHON" -m netra.monitoring.core.fake_whatsapp --port "$WHATSAPP_PORT" \
  --access-token "$NETRA_WHATSAPP_ACCESS_TOKEN" --phone-number-id "$NETRA_WHATSAPP_PHONE_NUMBER_ID" \
  --app-secret "$NETRA_WHATSAPP_APP_SECRET" --webhook "http://$webhook_host:$PORT/tipline/whatsapp/" \
  --messages examples/tipline-whatsapp-demo.json --log "$NETRA_DATA_DIR/fake-whatsapp.jsonl" &
whatsapp=$!
stop_helpers() {
  kill -TERM "$worker" "$telegram" "$whatsapp" 2>/dev/null || true
  wait "$worker" "$telegram" "$whatsapp" 2>/dev/null || true
}
trap stop_helpers EXIT
trap 'exit 130' INT TERM
base="http://$HOST:$PORT"
cat <<EOF
== addresses
  public site (file and follow a report)  $base/
  staff desk (log in with a demo login)   $base/desk/
  recap dashboard                         $base/desk/rekap/
  map, where to look next (demo_ri)       $base/desk/peta/
  public transparency page and open data  $base/transparansi/
  monitoring queue (j/k, a, d, m)         $base/desk/pantauan/  (netra worker polls a feed every 5 min)
  fake Telegram, the citizens' side        http://127.0.0.1:$TELEGRAM_PORT/  (tips sent to the bot, its replies)
  fake WhatsApp, the citizens' side        http://127.0.0.1:$WHATSAPP_PORT/  (tips sent to the number, its replies)
  REST API docs (Swagger UI)              $base/api/v1/docs
  OpenAPI document                        $base/api/v1/openapi.json
  Django admin (demo_admin)               $base/admin/
== serving on $base (Ctrl-C to stop)
EOF
"$NETRA" serve --host "$HOST" --port "$PORT"
