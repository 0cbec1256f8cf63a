#!/usr/bin/env bash
# Install pgvector 0.8.x into the machine's PostgreSQL 15, built from the Debian
# (trixie) source package. Exits at once if vector.so is already installed.
# The trixie deb-src list is kept in a private apt state dir so the system's apt
# sources are never touched. Leaves PostgreSQL running.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PG_MAJOR="${FTE_PG_MAJOR:-15}"
PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config"
VECTOR_SO="/usr/lib/postgresql/$PG_MAJOR/lib/vector.so"
export DEBIAN_FRONTEND=noninteractive

if [[ -f "$VECTOR_SO" ]]; then
  log "pgvector: already installed ($VECTOR_SO)"
  ensure_postgres
  exit 0
fi

t0=$(now_s)
log "pgvector: not installed, building from Debian trixie source package"
src_cache="$FTE_CACHE_DIR/pgvector-src"
cleanup=()
trap 'rm -rf "${cleanup[@]}"' EXIT
mkdir -p "$src_cache"

orig=$(ls "$src_cache"/pgvector_0.8.*.orig.tar.* 2>/dev/null | sort -V | tail -n1 || true)
if [[ -z "$orig" ]]; then
  w=$(mktemp -d /tmp/fte-pgvector-apt.XXXXXX)
  chmod 755 "$w"  # let the _apt sandbox user write there (avoids the "unsandboxed" warning)
  cleanup+=("$w")
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror="${mirror:-http://deb.debian.org/debian}"
  mkdir -p "$w/lists/partial"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$w/sources.list"
  o=(-oDir::Etc::SourceList="$w/sources.list" -oDir::Etc::SourceParts=/dev/null -oDir::State::Lists="$w/lists")
  log "pgvector: fetching trixie source index from $mirror (private apt list dir $w/lists)"
  apt-get -qq "${o[@]}" update >&2
  # download inside $w (readable by the _apt sandbox user), keep only the orig tarball
  mkdir -p "$w/src" && chmod 755 "$w/src" && { chown _apt "$w/src" 2>/dev/null || true; }
  (cd "$w/src" && apt-get -qq "${o[@]}" source --download-only pgvector 2>&1 | grep -v -e '^NOTICE' -e 'salsa.debian.org' -e '^Please use' -e '^to retrieve' -e '^$' >&2 || true)
  cp "$w"/src/pgvector_0.8.*.orig.tar.* "$src_cache"/ 2>/dev/null || true
  orig=$(ls "$src_cache"/pgvector_0.8.*.orig.tar.* 2>/dev/null | sort -V | tail -n1 || true)
  [[ -n "$orig" ]] || die "pgvector: apt did not download a pgvector_0.8.x orig tarball (got: $(ls "$src_cache"))"
fi
log "pgvector: using $orig"

if [[ ! -f "$("$PG_CONFIG" --includedir-server)/postgres.h" ]]; then
  log "pgvector: installing postgresql-server-dev-$PG_MAJOR"
  apt-get -qq update >&2
  apt-get -qq install -y --no-install-recommends "postgresql-server-dev-$PG_MAJOR" >/dev/null
fi

b=$(mktemp -d /tmp/fte-pgvector-build.XXXXXX)
cleanup+=("$b")
tar -xf "$orig" -C "$b"
srcdir=$(find "$b" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n1)
[[ -n "$srcdir" ]] || die "pgvector: unexpected tarball layout in $orig"
log "pgvector: building $(basename "$srcdir")"
# OPTFLAGS="" drops -march=native so the .so never SIGILLs if the VM moves to another CPU.
make -s -C "$srcdir" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" -j"$(nproc)" >&2
make -s -C "$srcdir" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" install >&2
[[ -f "$VECTOR_SO" ]] || die "pgvector: build finished but $VECTOR_SO is missing"
log "pgvector: installed in $(elapsed "$t0")s"
ensure_postgres
