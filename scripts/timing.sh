# Wall-time helpers for the measurement scripts (sourced, not run).
#   seconds_from_scratch FOLDER COMMAND...  wall seconds of one run of COMMAND, started with FOLDER
#                                           removed (no results, no cache); fails if COMMAND does
#   time_into ARRAY FOLDER COMMAND...       the same, appended to the array ARRAY; under set -e a
#                                           failed run stops the script (a time of a failed run
#                                           must never be recorded)
#   record_times NAME NOTE SECONDS...       the runs of one measurement into
#                                           results/reference/timings.csv (analysis/timings.py)

seconds_from_scratch() {
  local folder="$1" start end
  shift
  rm -rf "$folder"
  start=$(date +%s.%N)
  "$@" > /dev/null || { echo "timing.sh: failed: $*" >&2; return 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f\n", b - a}'
}

time_into() {
  local -n times="$1"
  local seconds
  shift
  seconds=$(seconds_from_scratch "$@")
  times+=("$seconds")
}

record_times() {
  /usr/bin/python3 analysis/timings.py record results/reference/timings.csv "$@"
}
