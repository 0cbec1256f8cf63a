#!/usr/bin/env bash
# Apicurio Registry 3.x (Quarkus app from Maven Central), used through its
# Confluent-compatible API at http://127.0.0.1:$FTE_REGISTRY_PORT/apis/ccompat/v7
#
#   registry.sh install   fetch + unpack into ~/.cache/fte-stack/apicurio-<ver>/ (once)
#   registry.sh start     install if needed, start, wait until the ccompat API answers;
#                         prints "started" or "reused" on stdout
#   registry.sh stop      SIGTERM, up to 30 s, then SIGKILL (idempotent)
#   registry.sh status    exit 0 if running from this state dir and answering
#
# Apicurio 3.1+ is compiled for Java 21 (class file 65); 3.0.x runs on Java 17. The
# newest JDK on the machine is used (java on PATH, /usr/lib/jvm/*): with a JDK >= 21
# the default is 3.3.3 (then 3.3.2), with only 17 it is 3.0.9.
#
# Env: FTE_STACK_DIR, FTE_REGISTRY_PORT (see lib.sh)
#      FTE_REGISTRY_MGMT_PORT   Quarkus management interface (default REGISTRY_PORT+1;
#                               3.3.x always opens one, default 0.0.0.0:9000, which would
#                               collide between two stacks)
#      FTE_REGISTRY_VERSION     force a version (e.g. 3.0.9)
#      FTE_REGISTRY_JAVA        force a java binary
#      FTE_REGISTRY_STORAGE     file (default: H2 database in the state dir, so schema ids
#                               survive restarts just like the Kafka data that references
#                               them) | mem (Apicurio's default in-memory H2)
#      FTE_REGISTRY_COMPAT      global compatibility set on a fresh registry (default
#                               BACKWARD, like Confluent; Apicurio's own default is NONE)
#      FTE_REGISTRY_HEAP        default 512m
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

FTE_REGISTRY_MGMT_PORT="${FTE_REGISTRY_MGMT_PORT:-$((FTE_REGISTRY_PORT + 1))}"
REGISTRY_STORAGE="${FTE_REGISTRY_STORAGE:-file}"
REGISTRY_COMPAT="${FTE_REGISTRY_COMPAT:-BACKWARD}"
REGISTRY_HEAP="${FTE_REGISTRY_HEAP:-512m}"
READY_TIMEOUT="${FTE_REGISTRY_READY_TIMEOUT:-120}"
R_STATE="$FTE_STACK_DIR/registry"
R_LOGS="$R_STATE/logs"
R_PID="$R_STATE/registry.pid"
R_DB="$R_STATE/db"
CCOMPAT="http://127.0.0.1:$FTE_REGISTRY_PORT/apis/ccompat/v7"

REG_JAVA=""
REG_JAVA_MAJOR=0
REG_HOME=""
REG_JAR=""

java_major() { # JAVA -> major version number
  "$1" -version 2>&1 | awk -F'"' '/version/{split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

pick_registry_java() {
  local cands=() j m best="" bestm=0
  if [[ -n "${FTE_REGISTRY_JAVA:-}" ]]; then
    cands=("$FTE_REGISTRY_JAVA")
  else
    command -v java >/dev/null 2>&1 && cands+=("$(command -v java)")
    for j in /usr/lib/jvm/*/bin/java; do [[ -x "$j" ]] && cands+=("$j"); done
  fi
  for j in "${cands[@]}"; do
    m=$(java_major "$j" 2>/dev/null || echo 0)
    [[ "$m" =~ ^[0-9]+$ ]] || continue
    if ((m > bestm)); then best="$j"; bestm=$m; fi
  done
  ((bestm >= 17)) || die "registry: no JDK >= 17 found (java on PATH, /usr/lib/jvm/*); set FTE_REGISTRY_JAVA"
  REG_JAVA="$best"
  REG_JAVA_MAJOR=$bestm
}

registry_versions() {
  if [[ -n "${FTE_REGISTRY_VERSION:-}" ]]; then
    echo "$FTE_REGISTRY_VERSION"
  elif ((REG_JAVA_MAJOR >= 21)); then
    echo "3.3.3 3.3.2 3.0.9"
  else
    echo "3.0.9"
  fi
}

registry_install_version() { # VERSION
  local v="$1" home="$FTE_CACHE_DIR/apicurio-$1"
  [[ -f "$home/.complete" ]] && return 0
  local t0 tmp jar
  t0=$(now_s)
  log "registry: fetching io.apicurio:apicurio-registry-app:$v:tar.gz:all from Maven Central"
  tmp="$FTE_CACHE_DIR/apicurio-$v.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/dl" "$tmp/app"
  if ! mvn_quiet "$MVN_DEP_PLUGIN_LENIENT:copy" \
    -Dartifact="io.apicurio:apicurio-registry-app:$v:tar.gz:all" -DoutputDirectory="$tmp/dl" >&2; then
    rm -rf "$tmp"
    return 1
  fi
  tar -xzf "$tmp"/dl/*.tar.gz -C "$tmp/app"
  # 3.1+: fast-jar layout (quarkus-run.jar); 3.0.x: legacy layout (*-runner.jar + lib/)
  jar=$(cd "$tmp/app" && { find . -maxdepth 2 -name quarkus-run.jar; find . -maxdepth 2 -name '*-runner.jar'; } | head -n1)
  [[ -n "$jar" ]] || { rm -rf "$tmp"; die "registry: no quarkus-run.jar / *-runner.jar in the $v tarball"; }
  rm -rf "$home"
  mv "$tmp/app" "$home"
  rm -rf "$tmp"
  echo "${jar#./}" >"$home/.complete"
  log "registry: $v installed in $(elapsed "$t0")s ($home/${jar#./})"
}

registry_install() {
  pick_registry_java
  local v
  for v in $(registry_versions); do
    if [[ -f "$FTE_CACHE_DIR/apicurio-$v/.complete" ]] || with_lock "apicurio-$v" registry_install_version "$v"; then
      REG_HOME="$FTE_CACHE_DIR/apicurio-$v"
      REG_JAR="$REG_HOME/$(cat "$REG_HOME/.complete")"
      log "registry: using Apicurio $v with $REG_JAVA (Java $REG_JAVA_MAJOR)"
      return 0
    fi
    log "registry: version $v could not be fetched, trying the next one"
  done
  die "registry: none of [$(registry_versions)] could be installed from Maven Central"
}

registry_running() { pid_alive "$R_PID" "-Dfte.stack.dir=$FTE_STACK_DIR "; }
registry_ready() { curl -sf -m 3 -o /dev/null "$CCOMPAT/subjects"; }
registry_status() { registry_running && registry_ready; }

registry_start() {
  if registry_status; then
    log "registry: already running from $FTE_STACK_DIR (pid $(cat "$R_PID"), $CCOMPAT)"
    echo reused
    return 0
  fi
  registry_install
  mkdir -p "$R_LOGS"
  if registry_running; then
    log "registry: pid $(cat "$R_PID") alive but not answering yet; waiting"
  else
    ensure_port_free registry "$FTE_REGISTRY_PORT"
    ensure_port_free registry-management "$FTE_REGISTRY_MGMT_PORT"
    local props=(
      "-Dfte.stack.dir=$FTE_STACK_DIR" # marker used to recognise our own process
      -Dquarkus.http.host=127.0.0.1
      "-Dquarkus.http.port=$FTE_REGISTRY_PORT"
      -Dquarkus.management.host=127.0.0.1
      "-Dquarkus.management.port=$FTE_REGISTRY_MGMT_PORT"
      # Confluent parity: look schemas up by canonical form, allow DELETE /subjects/...
      -Dapicurio.ccompat.use-canonical-hash=true
      -Dapicurio.rest.deletion.artifact.enabled=true
      -Dapicurio.rest.deletion.artifact-version.enabled=true
      -Dapicurio.rest.deletion.group.enabled=true
      -Dquarkus.otel.sdk.disabled=true
    )
    if [[ "$REGISTRY_STORAGE" == file ]]; then
      mkdir -p "$R_DB"
      props+=("-Dapicurio.datasource.url=jdbc:h2:file:$R_DB/registry")
    fi
    log "registry: starting on 127.0.0.1:$FTE_REGISTRY_PORT (storage: $REGISTRY_STORAGE), log $R_LOGS/registry.log"
    (cd "$REG_HOME" && start_daemon "$R_PID" "$R_LOGS/registry.log" \
      "$REG_JAVA" "-Xmx$REGISTRY_HEAP" -XX:+UseG1GC "${props[@]}" -jar "$REG_JAR")
  fi
  local t0 deadline
  t0=$(now_s)
  deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! registry_running; then
      tail -n 30 "$R_LOGS/registry.log" >&2 || true
      die "registry: process exited during startup; see $R_LOGS/registry.log"
    fi
    if registry_ready; then
      log "registry: ready at $CCOMPAT after $(elapsed "$t0")s (pid $(cat "$R_PID"))"
      registry_apply_defaults
      echo started
      return 0
    fi
    sleep 0.5
  done
  die "registry: not answering at $CCOMPAT after ${READY_TIMEOUT}s; see $R_LOGS/registry.log"
}

# Once per registry database: set the global compatibility level (Confluent's default
# is BACKWARD, Apicurio's is NONE). With mem storage the database is new every start.
registry_apply_defaults() {
  local marker="$R_STATE/defaults-applied"
  [[ "$REGISTRY_STORAGE" == file && -f "$marker" ]] && return 0
  [[ "$REGISTRY_COMPAT" == NONE || -z "$REGISTRY_COMPAT" ]] && { touch "$marker"; return 0; }
  if curl -sf -m 10 -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
    -d "{\"compatibility\":\"$REGISTRY_COMPAT\"}" "$CCOMPAT/config" >/dev/null; then
    log "registry: global compatibility set to $REGISTRY_COMPAT"
    touch "$marker"
  else
    log "registry: WARNING could not set global compatibility to $REGISTRY_COMPAT"
  fi
}

registry_stop() {
  stop_pidfile registry "$R_PID" 30 "-Dfte.stack.dir=$FTE_STACK_DIR "
}

case "${1:-}" in
install) registry_install ;;
start) registry_start ;;
stop) registry_stop ;;
status) registry_status ;;
*) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
