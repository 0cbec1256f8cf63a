#!/usr/bin/env bash
# Bring up the real local stack (npm run stack:up):
#   PostgreSQL 15 (machine service) + pgvector, database $FTE_PG_DB with `vector`
#   Apache Kafka 4.x single node (KRaft)            -> 127.0.0.1:$FTE_KAFKA_PORT
#   Apicurio Registry 3.x, Confluent-compatible API -> :$FTE_REGISTRY_PORT/apis/ccompat/v7
#
# Env (defaults):
#   FTE_STACK_DIR              ~/.cache/fte-stack/state-default  (data, logs, pid files)
#   FTE_KAFKA_PORT             9092
#   FTE_KAFKA_CONTROLLER_PORT  9093
#   FTE_REGISTRY_PORT          8081   (Quarkus management port: FTE_REGISTRY_MGMT_PORT, default +1)
#   FTE_PG_DB                  fte
# more knobs in kafka.sh / registry.sh headers (versions, heap, storage, java).
#
# Idempotent: components already running from the same FTE_STACK_DIR are reused.
# stdout gets exactly three lines (also written to $FTE_STACK_DIR/stack.env):
#   KAFKA_BROKERS=... / SCHEMA_REGISTRY_URL=... / DATABASE_URL=...
# $FTE_STACK_DIR/started-by-up lists the components (kafka, registry) that THIS run
# started (empty if everything was reused): `down.sh --started-by-up` stops just those.
# All progress goes to stderr.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
export FTE_STACK_DIR FTE_KAFKA_PORT FTE_KAFKA_CONTROLLER_PORT FTE_REGISTRY_PORT FTE_PG_DB FTE_CACHE_DIR

T0=$(now_s)
[[ "$FTE_PG_DB" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "FTE_PG_DB must be a plain identifier, got '$FTE_PG_DB'"
for p in FTE_KAFKA_PORT FTE_KAFKA_CONTROLLER_PORT FTE_REGISTRY_PORT; do
  [[ "${!p}" =~ ^[0-9]+$ ]] || die "$p must be a port number, got '${!p}'"
done
lock_state_dir
log "up: state dir $FTE_STACK_DIR"

# Kafka and the registry start in the background while PostgreSQL is prepared.
# Each writes "started"/"reused" to a result file; their stderr streams straight through.
rm -f "$FTE_STACK_DIR/.kafka.result" "$FTE_STACK_DIR/.registry.result"
bash "$HERE/kafka.sh" start >"$FTE_STACK_DIR/.kafka.result" &
kafka_job=$!
bash "$HERE/registry.sh" start >"$FTE_STACK_DIR/.registry.result" &
registry_job=$!

pg_rc=0
(
  set -euo pipefail
  bash "$HERE/pgvector.sh"
  ensure_postgres
  psql_() { psql -h 127.0.0.1 -p "$FTE_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
  if [[ "$(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$FTE_PG_DB'")" != 1 ]]; then
    log "postgres: creating database $FTE_PG_DB"
    psql_ -d postgres -c "CREATE DATABASE \"$FTE_PG_DB\"" 2>/dev/null ||
      [[ "$(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$FTE_PG_DB'")" == 1 ]] ||
      die "postgres: could not create database $FTE_PG_DB"
  fi
  psql_ -d "$FTE_PG_DB" -c "CREATE EXTENSION IF NOT EXISTS vector" 2>&1 | grep -v 'already exists, skipping' >&2 || true
  v=$(psql_ -d "$FTE_PG_DB" -c "SELECT extversion FROM pg_extension WHERE extname = 'vector'")
  [[ -n "$v" ]] || die "postgres: extension vector missing in $FTE_PG_DB"
  log "postgres: database $FTE_PG_DB ready (pgvector $v)"
) || pg_rc=$?

kafka_rc=0
registry_rc=0
wait "$kafka_job" || kafka_rc=$?
wait "$registry_job" || registry_rc=$?

started=()
[[ "$(tail -n1 "$FTE_STACK_DIR/.kafka.result" 2>/dev/null)" == started ]] && started+=(kafka)
[[ "$(tail -n1 "$FTE_STACK_DIR/.registry.result" 2>/dev/null)" == started ]] && started+=(registry)
rm -f "$FTE_STACK_DIR/.kafka.result" "$FTE_STACK_DIR/.registry.result"
# Written even on failure, so a caller can clean up what this run did start.
printf '%s\n' "${started[@]+"${started[@]}"}" | sed '/^$/d' >"$FTE_STACK_DIR/started-by-up"

failed=()
((pg_rc == 0)) || failed+=(postgres)
((kafka_rc == 0)) || failed+=(kafka)
((registry_rc == 0)) || failed+=(registry)
if ((${#failed[@]})); then
  die "up: failed: ${failed[*]} (started by this run: ${started[*]:-none}; stop them with scripts/stack/down.sh --started-by-up)"
fi

env_lines="KAFKA_BROKERS=127.0.0.1:$FTE_KAFKA_PORT
SCHEMA_REGISTRY_URL=http://127.0.0.1:$FTE_REGISTRY_PORT/apis/ccompat/v7
DATABASE_URL=postgres://postgres@127.0.0.1:$FTE_PG_PORT/$FTE_PG_DB"
printf '%s\n' "$env_lines" >"$FTE_STACK_DIR/stack.env"
log "up: ready in $(elapsed "$T0")s (started: ${started[*]:-none, all reused}); env in $FTE_STACK_DIR/stack.env"
printf '%s\n' "$env_lines"
