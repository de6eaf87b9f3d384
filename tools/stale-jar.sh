# Sourced by ./honchat, ./honchat-client and ./honchat-matchserver: whether a jar built from this checkout must be
# built again. It must when it is missing, when HONCHAT_REBUILD=1, when the checkout's commit is not the one it was
# built from (a git pull, a checkout), or when a source or build file under the given modules is newer than it.
# stale_jar JAR MODULE... -> status 0 when stale. built_jar JAR records the commit after a build.
stale_jar() {
  local jar="$1" root
  shift
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  [[ -f "$jar" && "${HONCHAT_REBUILD:-0}" != "1" ]] || return 0
  if git -C "$root" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    [[ "$(cat "$jar.commit" 2>/dev/null)" == "$(git -C "$root" rev-parse HEAD)" ]] || return 0
  fi
  local paths=("$root/pom.xml")
  for module in "$@"; do paths+=("$root/$module/pom.xml" "$root/$module/src"); done
  [[ -n "$(find "${paths[@]}" -type f -newer "$jar" -print -quit 2>/dev/null)" ]]
}
built_jar() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  git -C "$root" rev-parse HEAD > "$1.commit" 2>/dev/null || rm -f "$1.commit"
}
