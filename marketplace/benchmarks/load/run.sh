#!/usr/bin/env bash
# `make load`: the production stack on 127.0.0.1 under a bounded mixed workload (README, "Load").
#
# Recreates its own PostgreSQL database ($LOAD_DB, from a seeded template $LOAD_DB_seeded) and
# flushes its own two Redis databases, so it never touches a developer's data; starts gunicorn and a Celery
# worker (the Procfile's `web` and `worker`, under honcho) with the production settings and a
# local SMTP sink for their mail; runs locust headless for $LOAD_TIME; prints the table
# (marketplace/benchmarks/load/report.py). Everything it started is stopped on exit, Ctrl-C or failure.
set -euo pipefail
cd "$(dirname "$0")/../../.."

BIN=${BIN:-.venv/bin}
LOAD_HOST=${LOAD_HOST:-127.0.0.1:8077}
LOAD_SMTP_PORT=${LOAD_SMTP_PORT:-8078}
LOAD_PG=${LOAD_PG:-postgres://postgres@127.0.0.1:5432}
LOAD_DB=${LOAD_DB:-norte_load}
LOAD_REDIS=${LOAD_REDIS:-redis://127.0.0.1:6379}
LOAD_BROKER_DB=${LOAD_BROKER_DB:-14}
LOAD_CACHE_DB=${LOAD_CACHE_DB:-15}
LOAD_VENDORS=${LOAD_VENDORS:-10000}
LOAD_REQUESTS=${LOAD_REQUESTS:-200}
LOAD_TIME=${LOAD_TIME:-60s}
LOAD_COMPANIES=${LOAD_COMPANIES:-2}
LOAD_VENDOR_USERS=${LOAD_VENDOR_USERS:-2}
LOAD_VISITORS=${LOAD_VISITORS:-4}
LOAD_DIR=${LOAD_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/norte-load.XXXXXX")}
mkdir -p "$LOAD_DIR"

# The stack's environment: the production settings, with what they require.
export DJANGO_SETTINGS_MODULE=config.settings.production
DJANGO_SECRET_KEY=load-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL=$LOAD_PG/$LOAD_DB
export CELERY_BROKER_URL=$LOAD_REDIS/$LOAD_BROKER_DB
export REDIS_URL=$LOAD_REDIS/$LOAD_CACHE_DB
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
export DJANGO_EMAIL_HOST=127.0.0.1 DJANGO_EMAIL_PORT=$LOAD_SMTP_PORT DJANGO_EMAIL_USE_TLS=false
export SITE_URL=https://norte.example
# locust is the TLS proxy: it sends X-Forwarded-Proto and X-Forwarded-For (load/locustfile.py).
export DJANGO_NUM_PROXIES=1
# Every simulated person calls from 127.0.0.1 far faster than anyone would: the throttles stay
# on (their Redis round trips are part of each request's cost) with rates it never reaches.
for scope in ANON USER LOGIN REMATCH SEARCH SUGGESTIONS; do
    export "THROTTLE_RATE_$scope=1000000/minute"
done
export NORTE_REFERENCE_VIEWS=true
export HOST=$LOAD_HOST PATH="$(cd "$BIN" && pwd):$PATH"

pids=()
stop() {
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    pids=()
}
trap stop EXIT
trap 'exit 130' INT TERM

for address in "$LOAD_HOST" "127.0.0.1:$LOAD_SMTP_PORT"; do
    if "$BIN/python" -c "import socket,sys; h,p=sys.argv[1].rsplit(':',1); socket.create_connection((h,int(p)),1)" "$address" 2>/dev/null; then
        echo "make load: $address is in use; set LOAD_HOST / LOAD_SMTP_PORT to free ports." >&2
        exit 1
    fi
done

echo "make load: logs and accounts in $LOAD_DIR"
# Mail from the web and the worker goes to a sink that keeps nothing (smtpd: Python 3.11's
# standard library), as a real SMTP server would take it.
"$BIN/python" -W ignore::DeprecationWarning -m smtpd -n -c DebuggingServer \
    "127.0.0.1:$LOAD_SMTP_PORT" >/dev/null 2>"$LOAD_DIR/smtp.log" &
pids+=($!)

# Seeding takes 25 s on an idle machine (minutes on a busy one), so the seeded database is kept
# as a template, rebuilt when the migrations, the demo data or the sizes change; each run copies
# it afresh, so no run sees what the last one wrote.
fingerprint=$( {
    find . -path ./.venv -prune -o -path '*/migrations/*.py' -print | sort | xargs cat
    cat marketplace/demo_data.py marketplace/management/commands/seed_demo.py marketplace/tenders/demo/*.py
    echo "$LOAD_VENDORS $LOAD_REQUESTS"
} | sha256sum | cut -c1-16)
template=${LOAD_DB}_seeded
psql_admin() { psql "$LOAD_PG/postgres" -qAt "$@"; }
started=$(date +%s)
if [ "$(psql_admin -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$template'")" != "$fingerprint" ]; then
    echo "make load: seeding $template with $LOAD_VENDORS vendors (kept for the next runs)"
    psql_admin -c "DROP DATABASE IF EXISTS $template WITH (FORCE)" -c "CREATE DATABASE $template"
    {
        DATABASE_URL=$LOAD_PG/$template "$BIN/python" manage.py migrate --noinput
        DATABASE_URL=$LOAD_PG/$template "$BIN/python" manage.py seed_demo \
            --vendors "$LOAD_VENDORS" --requests "$LOAD_REQUESTS" --no-matching
    } >"$LOAD_DIR/seed.log" 2>&1 || { tail -20 "$LOAD_DIR/seed.log" >&2; exit 1; }
    psql_admin -c "COMMENT ON DATABASE $template IS '$fingerprint'"
fi
psql_admin -c "DROP DATABASE IF EXISTS $LOAD_DB WITH (FORCE)" -c "CREATE DATABASE $LOAD_DB TEMPLATE $template"
# A copy starts without the planner's statistics: PostgreSQL would plan for empty tables (a
# search took 75 ms in-process rather than 20), where a live database has them from autovacuum.
psql "$LOAD_PG/$LOAD_DB" -qAt -c "VACUUM ANALYZE"
"$BIN/python" -c "import redis,sys; [redis.Redis.from_url(u).flushdb() for u in sys.argv[1:]]" \
    "$CELERY_BROKER_URL" "$REDIS_URL"
{
    # Collecting hashes and compresses every file again (a minute of CPU): only when a static
    # file or the installed packages changed since the last manifest.
    manifest=staticfiles/staticfiles.json
    if [ ! -e "$manifest" ] || [ -n "$(find static "$BIN/.installed" -newer "$manifest" -print -quit)" ]; then
        "$BIN/python" manage.py collectstatic --noinput --verbosity 0
    fi
    "$BIN/python" manage.py load_accounts --companies "$LOAD_COMPANIES" \
        --vendors "$LOAD_VENDOR_USERS" --output "$LOAD_DIR/accounts.json"
} >"$LOAD_DIR/setup.log" 2>&1 || { tail -20 "$LOAD_DIR/setup.log" >&2; exit 1; }
echo "make load: $LOAD_DB ready ($LOAD_VENDORS vendors) in $(($(date +%s) - started)) s"

honcho start web worker >"$LOAD_DIR/stack.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
    if "$BIN/python" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
        "http://$LOAD_HOST/api/v1/sectors/" 2>/dev/null; then
        break
    fi
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -20 "$LOAD_DIR/stack.log" >&2; exit 1; }
    sleep 0.5
done

echo "make load: $LOAD_COMPANIES companies, $LOAD_VENDOR_USERS vendors, $LOAD_VISITORS visitors for $LOAD_TIME on http://$LOAD_HOST/"
status=0
LOAD_ACCOUNTS=$LOAD_DIR/accounts.json LOAD_REPORT=$LOAD_DIR/report.txt \
    LOAD_COMPANIES=$LOAD_COMPANIES LOAD_VENDOR_USERS=$LOAD_VENDOR_USERS \
    "$BIN/locust" -f marketplace/benchmarks/load/locustfile.py --headless --only-summary \
    --host "http://$LOAD_HOST" --users $((LOAD_COMPANIES + LOAD_VENDOR_USERS + LOAD_VISITORS)) \
    --spawn-rate 100 --run-time "$LOAD_TIME" --stop-timeout 10 \
    --csv "$LOAD_DIR/locust" >"$LOAD_DIR/locust.log" 2>&1 &
# In the background, so a signal to this script is acted on at once (bash runs traps only
# between foreground commands); `stop` ends locust with the rest.
pids+=($!)
wait "${pids[-1]}" || status=$?
if [ -s "$LOAD_DIR/report.txt" ]; then
    cat "$LOAD_DIR/report.txt"
else
    tail -30 "$LOAD_DIR/locust.log" >&2
    status=1
fi
exit "$status"
