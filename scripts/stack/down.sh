#!/usr/bin/env bash
# Stop the local stack of $FTE_STACK_DIR (npm run stack:down). PostgreSQL is a shared
# machine service and is left running.
#
#   down.sh                  stop Kafka and the registry of this state dir
#   down.sh --started-by-up  stop only what the last up.sh run started (see
#                            $FTE_STACK_DIR/started-by-up), leave reused ones running
#   down.sh --purge          also delete $FTE_STACK_DIR (Kafka data, registry db, logs)
#   down.sh --drop-db        also DROP DATABASE $FTE_PG_DB (only with care: shared server)
#
# SIGTERM, up to 30 s, then SIGKILL. Idempotent: nothing running -> exit 0.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
export FTE_STACK_DIR FTE_KAFKA_PORT FTE_KAFKA_CONTROLLER_PORT FTE_REGISTRY_PORT FTE_PG_DB FTE_CACHE_DIR

purge=0
drop_db=0
only_started=0
for a in "$@"; do
  case "$a" in
  --purge) purge=1 ;;
  --drop-db) drop_db=1 ;;
  --started-by-up) only_started=1 ;;
  -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
  *) die "down: unknown argument '$a' (try --help)" ;;
  esac
done

[[ -d "$FTE_STACK_DIR" ]] && lock_state_dir

components=(kafka registry)
if ((only_started)); then
  components=()
  if [[ -f "$FTE_STACK_DIR/started-by-up" ]]; then
    mapfile -t components < <(grep -E '^(kafka|registry)$' "$FTE_STACK_DIR/started-by-up" || true)
  fi
  log "down: stopping what up.sh started: ${components[*]:-nothing}"
fi

if [[ -d "$FTE_STACK_DIR" ]]; then
  pids=()
  for c in "${components[@]+"${components[@]}"}"; do
    bash "$HERE/$c.sh" stop &
    pids+=($!)
  done
  rc=0
  for p in "${pids[@]+"${pids[@]}"}"; do wait "$p" || rc=1; done
  ((rc == 0)) || die "down: a component failed to stop"
  if ((only_started)); then
    : >"$FTE_STACK_DIR/started-by-up"
  fi
else
  log "down: no state dir $FTE_STACK_DIR, nothing to stop"
fi

if ((purge)); then
  case "$(cd / && realpath -m "$FTE_STACK_DIR")" in
  / | "$HOME" | "$(realpath -m "$FTE_CACHE_DIR")" | /root | /tmp) die "down: refusing to purge '$FTE_STACK_DIR'" ;;
  esac
  if ((only_started)) && { bash "$HERE/kafka.sh" status || bash "$HERE/registry.sh" status; }; then
    die "down: not purging $FTE_STACK_DIR: a reused component is still running from it"
  fi
  rm -rf "$FTE_STACK_DIR"
  log "down: purged $FTE_STACK_DIR"
fi

if ((drop_db)); then
  [[ "$FTE_PG_DB" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "FTE_PG_DB must be a plain identifier, got '$FTE_PG_DB'"
  if pg_isready -q -h 127.0.0.1 -p "$FTE_PG_PORT"; then
    psql -h 127.0.0.1 -p "$FTE_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq -d postgres \
      -c "DROP DATABASE IF EXISTS \"$FTE_PG_DB\" WITH (FORCE)" >&2
    log "down: dropped database $FTE_PG_DB"
  else
    log "down: PostgreSQL not running, database $FTE_PG_DB not dropped"
  fi
fi
log "down: done (PostgreSQL left running)"
