# Wall-time helpers for the measurement scripts (sourced, not run).
#   median_seconds RUNS FOLDER COMMAND...   median wall seconds of RUNS runs of COMMAND, each
#                                           started with FOLDER removed (no results, no cache)

seconds_from_scratch() {  # FOLDER COMMAND...: wall seconds of one run
  local folder="$1" start end
  shift
  rm -rf "$folder"
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f\n", b - a}'
}

median_seconds() {
  local runs="$1" times=()
  shift
  for _ in $(seq "$runs"); do times+=("$(seconds_from_scratch "$@")"); done
  printf "%s\n" "${times[@]}" | sort -g |
    awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
