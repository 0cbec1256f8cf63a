# shellcheck shell=bash
# Shared helpers for scripts/stack/*.sh. Source it; do not run it.
# All progress goes to stderr; stdout is reserved for machine-readable output.

STACK_SCRIPTS_DIR="${STACK_SCRIPTS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
FTE_CACHE_DIR="${FTE_CACHE_DIR:-$HOME/.cache/fte-stack}"
FTE_STACK_DIR="${FTE_STACK_DIR:-$FTE_CACHE_DIR/state-default}"
FTE_KAFKA_PORT="${FTE_KAFKA_PORT:-9092}"
FTE_KAFKA_CONTROLLER_PORT="${FTE_KAFKA_CONTROLLER_PORT:-9093}"
FTE_REGISTRY_PORT="${FTE_REGISTRY_PORT:-8081}"
FTE_PG_DB="${FTE_PG_DB:-fte}"
FTE_PG_PORT="${FTE_PG_PORT:-5432}"
# absolute paths only (a literal "~/" from a quoted env value is expanded too)
# shellcheck disable=SC2088
[[ "$FTE_CACHE_DIR" == "~/"* ]] && FTE_CACHE_DIR="$HOME/${FTE_CACHE_DIR#\~/}"
# shellcheck disable=SC2088
[[ "$FTE_STACK_DIR" == "~/"* ]] && FTE_STACK_DIR="$HOME/${FTE_STACK_DIR#\~/}"
FTE_CACHE_DIR="$(realpath -m "$FTE_CACHE_DIR")"
FTE_STACK_DIR="$(realpath -m "$FTE_STACK_DIR")"

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# now_s: seconds since epoch with fractions (for timings)
now_s() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now_s)" 'BEGIN{printf "%.1f", b-a}'; }

# port_open PORT -> 0 if something accepts TCP connections on 127.0.0.1:PORT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_alive PIDFILE [NEEDLE] -> 0 if the pid in PIDFILE is a live process (and, if
# NEEDLE is given, its command line contains NEEDLE: guards against pid reuse).
pid_alive() {
  local f="$1" needle="${2:-}" pid
  [[ -s "$f" ]] || return 1
  pid=$(cat "$f" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n "$needle" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$needle" || return 1
  fi
}

# start_daemon PIDFILE LOGFILE CMD...: run CMD detached (own session, survives the
# caller's Ctrl-C / npm exiting), stdout+stderr appended to LOGFILE, pid in PIDFILE.
start_daemon() {
  local pidfile="$1" logfile="$2"
  shift 2
  rm -f "$pidfile"
  # The inner shell writes its own pid and then execs CMD, so the pid is CMD's.
  # shellcheck disable=SC2016
  # fds 3-9 are closed so the daemon never inherits a caller's lock (flock) or pipe.
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 \
    3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.1
  done
  die "could not start: $*"
}

# stop_pidfile NAME PIDFILE [TIMEOUT] [NEEDLE]: SIGTERM, wait, then SIGKILL. Idempotent.
stop_pidfile() {
  local name="$1" f="$2" timeout="${3:-30}" needle="${4:-}" pid i
  if ! pid_alive "$f" "$needle"; then
    rm -f "$f"
    log "$name: not running"
    return 0
  fi
  pid=$(cat "$f")
  log "$name: stopping pid $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name: still alive after ${timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$f"
  log "$name: stopped"
}

# ensure_port_free NAME PORT: fail clearly if a foreign process holds PORT
ensure_port_free() {
  if port_open "$2"; then
    die "$1: port 127.0.0.1:$2 is already in use by another process (not started from $FTE_STACK_DIR). Stop it or pick another port (see scripts/stack/up.sh for the FTE_*_PORT variables)."
  fi
}

pick_java() {
  # Honour FTE_JAVA explicitly, else the java on PATH (JDK 17+).
  JAVA="${FTE_JAVA:-$(command -v java || true)}"
  [[ -n "$JAVA" ]] || die "java not found on PATH (need JDK 17+)"
}

# lock_state_dir: hold an exclusive lock on $FTE_STACK_DIR for the rest of the
# calling script, so concurrent up.sh / down.sh runs on one state dir queue up.
lock_state_dir() {
  mkdir -p "$FTE_STACK_DIR"
  exec 8>"$FTE_STACK_DIR/.up.lock"
  if ! flock -n 8; then
    log "waiting for another up/down on $FTE_STACK_DIR to finish ($FTE_STACK_DIR/.up.lock)"
    flock -w 180 8 || die "timed out after 180 s waiting for the lock $FTE_STACK_DIR/.up.lock (held by: $(fuser "$FTE_STACK_DIR/.up.lock" 2>/dev/null || echo '?'))"
  fi
}

# with_lock NAME CMD...: serialise installs of one component across concurrent runs
with_lock() {
  local name="$1"
  shift
  mkdir -p "$FTE_CACHE_DIR"
  (
    flock -w 900 9 || die "timed out waiting for lock $FTE_CACHE_DIR/.$name.lock"
    "$@"
  ) 9>"$FTE_CACHE_DIR/.$name.lock"
}

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p "$FTE_PG_PORT" 2>/dev/null; then
    return 0
  fi
  log "PostgreSQL not answering on 127.0.0.1:$FTE_PG_PORT, starting cluster"
  local d
  for d in /etc/postgresql/*/; do
    [[ -d "$d" ]] && pg_ctlcluster --skip-systemctl-redirect "$(basename "$d")" main start >&2 || true
  done
  local i
  for ((i = 0; i < 60; i++)); do
    pg_isready -q -h 127.0.0.1 -p "$FTE_PG_PORT" 2>/dev/null && return 0
    sleep 0.5
  done
  die "PostgreSQL did not come up on 127.0.0.1:$FTE_PG_PORT (see /var/log/postgresql/)"
}

# Pinned so a cold ~/.m2 resolves the same plugin everywhere (Maven 3.8 would pick 2.8).
# shellcheck disable=SC2034
MVN_DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
# 3.x refuses artifacts whose parent POM is missing from Central (true for
# io.apicurio:apicurio-registry-app:3.0.9); 2.8 just copies the file.
# shellcheck disable=SC2034
MVN_DEP_PLUGIN_LENIENT="org.apache.maven.plugins:maven-dependency-plugin:2.8"

# mvn_quiet ARGS...: mvn -q -B with its output (and Maven 3.8's stray ANSI resets)
# sent to stderr; returns mvn's exit status.
mvn_quiet() {
  local rc
  rc=$({ { mvn -q -B -Dstyle.color=never "$@" 2>&1; echo $? >&3; } | sed -u -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2; } 3>&1)
  return "${rc:-1}"
}
