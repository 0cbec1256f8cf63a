#!/usr/bin/env bash
# Faults for the local stack of $FTE_STACK_DIR, as the soak (npm run soak) injects them:
#
#   chaos.sh broker [SECONDS]    SIGKILL the Kafka broker (a crash, not a clean shutdown), leave
#                                it down SECONDS (default 5), start it again and wait until ready
#   chaos.sh database [SECONDS]  crash-stop PostgreSQL (pg_ctlcluster stop -m immediate: every
#                                connection dropped, crash recovery on start), leave it down
#                                SECONDS (default 3), start it again and wait until it answers
#
# PostgreSQL is the machine's shared cluster: everything using it sees the outage. Needs the
# rights to run pg_ctlcluster (root here). Progress on stderr; prints "recovered" when done.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
export FTE_STACK_DIR FTE_KAFKA_PORT FTE_KAFKA_CONTROLLER_PORT FTE_REGISTRY_PORT FTE_PG_DB FTE_CACHE_DIR

what="${1:-}"
down="${2:-}"
[[ -z "$down" || "$down" =~ ^[0-9]+$ ]] || die "chaos: SECONDS must be a whole number, got '$down'"

case "$what" in
broker)
  pidfile="$FTE_STACK_DIR/kafka/kafka.pid"
  pid_alive "$pidfile" "$FTE_STACK_DIR/kafka/server.properties" || die "chaos: no Kafka of $FTE_STACK_DIR running (npm run stack:up)"
  log "chaos: SIGKILL Kafka (pid $(cat "$pidfile")), down ${down:-5}s"
  kill -9 "$(cat "$pidfile")"
  while pid_alive "$pidfile"; do sleep 0.1; done
  sleep "${down:-5}"
  bash "$HERE/kafka.sh" start >/dev/null
  ;;
database)
  clusters=()
  for d in /etc/postgresql/*/; do [[ -d "$d/main" ]] && clusters+=("$(basename "$d")"); done
  ((${#clusters[@]})) || die "chaos: no PostgreSQL cluster under /etc/postgresql"
  pg_isready -q -h 127.0.0.1 -p "$FTE_PG_PORT" || die "chaos: PostgreSQL is not answering on 127.0.0.1:$FTE_PG_PORT"
  log "chaos: crash-stopping PostgreSQL ${clusters[*]}, down ${down:-3}s"
  for v in "${clusters[@]}"; do pg_ctlcluster --skip-systemctl-redirect "$v" main stop -m immediate >&2 || true; done
  sleep "${down:-3}"
  ensure_postgres
  ;;
*) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
log "chaos: $what recovered"
echo recovered
