# Sourced by .ci/run: starts a throwaway PostgreSQL on 127.0.0.1:55432 for the integration tests (installed from
# Debian's packages when missing) and exports HONCHAT_TEST_PG_URL/USER/PASSWORD. Stopped when the shell exits.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PG_BIN="$(pg_bin)"
if [[ -z "$PG_BIN" ]]; then
  echo "ci: installing PostgreSQL from Debian packages" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN="$(pg_bin)"
fi
PG_PORT=55432
PG_DIR="$(mktemp -d /tmp/honchat-pg.XXXXXX)"
as_pg() {
  if [[ "$(id -u)" == "0" ]]; then
    chown -R postgres:postgres "$PG_DIR"
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}
as_pg "'$PG_BIN/initdb' -D '$PG_DIR/data' -A trust -U postgres >/dev/null"
as_pg "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -l '$PG_DIR/log' -w -o \"-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1\" start >/dev/null"
stop_postgres() { as_pg "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -m immediate stop >/dev/null 2>&1" || true; rm -rf "$PG_DIR"; }
trap stop_postgres EXIT
"$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
  -c "CREATE ROLE honchat LOGIN PASSWORD 'honchat'" -c "CREATE DATABASE honchat_test OWNER honchat" >/dev/null
export HONCHAT_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/honchat_test"
export HONCHAT_TEST_PG_USER=honchat
export HONCHAT_TEST_PG_PASSWORD=honchat
echo "ci: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
