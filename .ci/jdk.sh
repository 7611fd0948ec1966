# Sourced by scripts that need a JDK >= 21: exports JAVA_HOME and PATH, or fails clearly.
java_major() { "$1/bin/java" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/'; }
pick_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/*21* /usr/lib/jvm/*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for d in "${candidates[@]}"; do
    if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] && [ "$(java_major "$d")" -ge 21 ] 2>/dev/null; then
      echo "$d"; return 0
    fi
  done
  return 1
}
JAVA_HOME="$(pick_jdk)" || { echo "No JDK >= 21 found (set JAVA_HOME)." >&2; exit 1; }
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
