# shellcheck shell=bash
# Finds a JDK 25 or newer for rnn4j's scripts: JAVA_HOME when it is 25+, then the usual install locations, then the
# `java` on PATH. Sourced by ./rnn4j, scripts/test and the benchmark scripts; prints the JDK's home on stdout.

rnn4j_java_major() { # $1 = a java executable; prints its feature version (17, 25, ...) or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

rnn4j_find_jdk() {
  local want=25 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(rnn4j_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$want" ]; then
      printf '%s\n' "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /usr/local/lib/jvm/* /opt/java/* /opt/*jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(rnn4j_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$want" ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(rnn4j_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$want" ]; then best=$candidate; fi
  fi
  if [ -z "$best" ]; then
    {
      echo "rnn4j: error: no JDK $want or newer found (looked at JAVA_HOME=${JAVA_HOME:-<unset>}, /usr/lib/jvm/*, ~/.sdkman, PATH);"
      echo "  install one, e.g. Eclipse Temurin 25 (package temurin-25-jdk from the Adoptium apt repository,"
      echo "  or an archive from adoptium.net), then run again or set JAVA_HOME to its folder."
    } >&2
    return 1
  fi
  printf '%s\n' "$best"
}

rnn4j_require_maven() {
  # Maven's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every build; the warning is not ours.
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  if ! command -v mvn >/dev/null 2>&1; then
    echo "rnn4j: error: Maven (mvn) is needed to build rnn4j and was not found on PATH; install it, e.g. 'apt-get install maven'." >&2
    return 1
  fi
}
