#!/usr/bin/env bash
# Install (Debian package) and start a throw-away PostgreSQL server for the store tests, then export
# BAROMETER_TEST_PG. Source it (`. scripts/ci_postgres.sh`) so the variable reaches the test run.
# Needs root (apt-get, su postgres). Tests that need PostgreSQL skip with a reason when it is unset.
# Env: BAROMETER_PG_PORT (default 54329), BAROMETER_PG_DIR (default /tmp/barometer-pg).
set -u
_pg_port="${BAROMETER_PG_PORT:-54329}"
_pg_dir="${BAROMETER_PG_DIR:-/tmp/barometer-pg}"
_pg_setup() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then echo "ci_postgres: not root and PostgreSQL not installed; skipping" >&2; return 1; fi
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || { echo "ci_postgres: apt-get install postgresql failed" >&2; return 1; }
  fi
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  local run_as=()
  if [ "$(id -u)" = 0 ]; then run_as=(su postgres -s /bin/sh -c); else run_as=(sh -c); fi
  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$_pg_port"; then
    mkdir -p "$_pg_dir"
    [ "$(id -u)" = 0 ] && chown postgres "$_pg_dir"
    if [ ! -f "$_pg_dir/PG_VERSION" ]; then
      "${run_as[@]}" "$bin/initdb -D $_pg_dir -A trust -U postgres >/dev/null" \
        || { echo "ci_postgres: initdb failed" >&2; return 1; }
    fi
    "${run_as[@]}" "$bin/pg_ctl -D $_pg_dir -o '-p $_pg_port -k /tmp -c listen_addresses=127.0.0.1' -l $_pg_dir/log -w start >/dev/null" \
      || { echo "ci_postgres: server did not start (see $_pg_dir/log)" >&2; return 1; }
  fi
  "$bin/psql" -h 127.0.0.1 -p "$_pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='barometer_test'" \
    | grep -q 1 || "$bin/psql" -q -h 127.0.0.1 -p "$_pg_port" -U postgres -c "CREATE DATABASE barometer_test"
}
if _pg_setup; then
  export BAROMETER_TEST_PG="postgresql://postgres@127.0.0.1:${_pg_port}/barometer_test"
  echo "ci_postgres: BAROMETER_TEST_PG=$BAROMETER_TEST_PG"
fi
