#!/bin/sh
# The compose stack's simulated fleet: runs `fleetpulse simulate` (its nodes listen on free loopback ports, so this
# container shares the collector's network namespace) and writes the nodes it prints, one
# "<cluster> <host:port> <url>" line each, as a Prometheus-style file_sd target file grouped by cluster, which the
# collector re-reads when it changes. Usage: simulator-file-sd.sh TARGET_FILE [simulate options...]
set -eu
target_file="$1"
shift
mkdir -p "$(dirname "$target_file")"
java ${JAVA_OPTS:-} -jar /app/fleetpulse.jar simulate "$@" | awk -v out="$target_file" '
  { print; fflush() }
  # A node line: cluster, host:port, URL.
  NF == 3 && $3 ~ /^http:\/\// {
    if (!($1 in targets)) { order[++clusters] = $1; targets[$1] = "" }
    targets[$1] = targets[$1] (targets[$1] == "" ? "" : ", ") "\"" $2 "\""
  }
  # Printed once every node listens: write the file whole, then rename it, so the collector never reads half of it.
  /^Serving / {
    tmp = out ".tmp"
    printf "" > tmp
    for (i = 1; i <= clusters; i++) {
      printf "- targets: [%s]\n  labels: {cluster: %s}\n", targets[order[i]], order[i] > tmp
    }
    close(tmp)
    system("mv \"" tmp "\" \"" out "\"")
  }
'
