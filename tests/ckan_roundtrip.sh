#!/usr/bin/env bash
# `make ckan-roundtrip`: put the published package on a real CKAN running on this machine,
# read it back and compare. Not part of `make test` (it installs PostgreSQL, Redis and CKAN
# and takes a few minutes); needs root for apt-get and for the postgres superuser.
#
#   CKAN 2.12.0 from PyPI in its own virtual environment ($CKAN_VENV, default
#   .work/ckan/venv; the project's .venv is not touched), PostgreSQL and Redis from Debian,
#   a fresh database, a sysadmin with an API token, the CKAN server on 127.0.0.1:$CKAN_PORT.
#   Apache Solr cannot be installed here, and CKAN cannot create an organisation or a
#   dataset without a search server, so tests/ckan_solr_stub.py (not Solr: it acknowledges
#   index updates and answers searches with no results) stands in for it.
#   tests/ckan_roundtrip.py then does the round trip (see there).
#
# SOLR_STUB=0 runs without the stand-in, to show what blocks CKAN without a search server.
# Everything it starts it stops again (CKAN, the stub, and PostgreSQL or Redis when they were
# not already running). Output goes to .work/ckan/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RT=$ROOT/.work/ckan
CKAN_VERSION=${CKAN_VERSION:-2.12.0}
CKANAPI_VERSION=${CKANAPI_VERSION:-4.11}
CKAN_VENV=${CKAN_VENV:-$RT/venv}
CKAN_PORT=${CKAN_PORT:-5055}
SOLR_PORT=${SOLR_STUB_PORT:-8983}
BIN=${BIN:-${CARGO_TARGET_DIR:-target}/release/policy-pipeline}
DB=ckan_roundtrip
URL=http://127.0.0.1:$CKAN_PORT
mkdir -p "$RT"
say() { echo "== $*"; }

say "system packages (PostgreSQL, Redis, libpq for psycopg2)"
need=()
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
command -v pg_config >/dev/null || need+=(libpq-dev)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
echo "postgresql $(pg_config --version | awk '{print $2}'), $(redis-server --version | awk '{print $1, $3}')"

say "CKAN $CKAN_VERSION in $CKAN_VENV"
if ! "$CKAN_VENV/bin/python" -c "import ckan, ckanapi, psycopg2" 2>/dev/null; then
  python3 -m venv "$CKAN_VENV"
  "$CKAN_VENV/bin/pip" install -q --disable-pip-version-check "ckan[requirements]==$CKAN_VERSION" "ckanapi==$CKANAPI_VERSION"
fi
"$CKAN_VENV/bin/python" -c "import ckan, ckanapi; print('ckan', ckan.__version__, '/ ckanapi', __import__('importlib.metadata').metadata.version('ckanapi'))"
CKAN="$CKAN_VENV/bin/ckan"

pids=(); stop_pg=; stop_redis=
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$stop_pg" ] && pg_ctlcluster "$stop_pg" main stop || true
  [ -n "$stop_redis" ] && redis-cli -p 6379 shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT

say "services"
PGVER=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk -v v="$PGVER" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$PGVER" main start; stop_pg=$PGVER
fi
if ! redis-cli -p 6379 ping >/dev/null 2>&1; then
  redis-server --port 6379 --daemonize yes --save '' --appendonly no >/dev/null; stop_redis=1; sleep 1
fi
echo "postgres $PGVER: $(pg_lsclusters -h | awk -v v="$PGVER" '$1 == v {print $4}'), redis: $(redis-cli -p 6379 ping)"

say "fresh database $DB"
su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $DB' -c 'DROP ROLE IF EXISTS $DB' -c \"CREATE ROLE $DB LOGIN PASSWORD '$DB'\" && createdb -O $DB -E utf-8 $DB"

say "ckan.ini"
rm -rf "$RT/storage" && mkdir -p "$RT/storage"
"$CKAN" generate config "$RT/ckan.ini" >/dev/null
"$CKAN" config-tool "$RT/ckan.ini" \
  "sqlalchemy.url=postgresql://$DB:$DB@127.0.0.1/$DB" \
  "ckan.site_url=$URL" \
  "ckan.storage_path=$RT/storage" \
  "solr_url=http://127.0.0.1:$SOLR_PORT/solr/ckan" \
  "ckan.redis.url=redis://127.0.0.1:6379/1" \
  "ckan.plugins=" >/dev/null
grep -E '^(sqlalchemy.url|ckan.site_url|ckan.storage_path|solr_url|ckan.redis.url|ckan.plugins) ?=' "$RT/ckan.ini"

if [ "${SOLR_STUB:-1}" = 1 ]; then
  say "Solr stand-in (tests/ckan_solr_stub.py) on 127.0.0.1:$SOLR_PORT"
  SCHEMA=$("$CKAN_VENV/bin/python" -c "import ckan, os; print(os.path.join(os.path.dirname(ckan.__file__), 'config/solr/schema.xml'))")
  "$CKAN_VENV/bin/python" tests/ckan_solr_stub.py "$SOLR_PORT" "$SCHEMA" 2>"$RT/solr-stub.log" &
  pids+=($!)
else
  say "no search server (SOLR_STUB=0): shows what CKAN does without one"
fi

say "ckan db init, sysadmin, API token"
"$CKAN" -c "$RT/ckan.ini" db init 2>&1 | grep -E "SUCCESS|rror" || true
"$CKAN" -c "$RT/ckan.ini" user add roundtrip email=roundtrip@localhost password="rt-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" 2>&1 | grep -E "created|rror"
"$CKAN" -c "$RT/ckan.ini" sysadmin add roundtrip 2>&1 | grep -E "Added|rror"
CKAN_API_KEY=$("$CKAN" -c "$RT/ckan.ini" user token add roundtrip roundtrip 2>/dev/null | tail -1 | tr -d '[:space:]')
export CKAN_API_KEY
echo "token: ${#CKAN_API_KEY} characters"

say "CKAN server on $URL"
"$CKAN" -c "$RT/ckan.ini" run -H 127.0.0.1 -p "$CKAN_PORT" --disable-reloader >"$RT/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -sf "$URL/api/3/action/status_show" >/dev/null && break; sleep 1; done
curl -s "$URL/api/3/action/status_show" | "$CKAN_VENV/bin/python" -c "import json,sys; r=json.load(sys.stdin)['result']; print('status_show: ckan_version', r['ckan_version'], 'extensions', r['extensions'])"

say "round trip"
rm -rf "$RT/out" "$RT/work"
"$CKAN_VENV/bin/python" tests/ckan_roundtrip.py --ckan "$URL" --bin "$BIN" --out "$RT/out" --work "$RT/work" --published output
