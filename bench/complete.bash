# bench/complete.bash RUNS WORD...: the median milliseconds of one
# completion of the last WORD by contrib/completion/hivepol.bash, in one
# bash as a shell runs it after its first TAB (the command's --help is
# read already).  Fails when there is nothing to complete.
export LC_ALL=C
source "$(dirname "$0")/../contrib/completion/hivepol.bash"
runs=$1
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
_hivepol_learn "$1" "$2"
ts=()
for ((i = 0; i < runs; i++)); do
	t0=$EPOCHREALTIME
	_hivepol
	t1=$EPOCHREALTIME
	((${#COMPREPLY[@]})) || { echo "bench: nothing completes ${*: -1}" >&2; exit 1; }
	ts+=($((10#${t1/./} - 10#${t0/./})))
done
printf '%s\n' "${ts[@]}" | sort -n |
    awk '{ a[NR] = $1 } END { printf "%.1f\n", a[int((NR + 1) / 2)] / 1000 }'
