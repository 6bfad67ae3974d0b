#!/bin/sh
# Fails when a file in src/ includes a header of a higher layer, or of a
# directory with no layer.  The order (docs/architecture.md):
#   core < formats < image < templates < policy < cli < cmd
# A file may include its own layer and any lower one.
set -eu
cd "${1:-.}"
rank() {
	case $1 in
	core) echo 0 ;; formats) echo 1 ;; image) echo 2 ;;
	templates) echo 3 ;; policy) echo 4 ;; cli) echo 5 ;; cmd) echo 6 ;;
	*) echo -1 ;;
	esac
}
bad=0
for f in $(find src -name '*.[ch]' | sort); do
	dir=${f#src/}; dir=${dir%%/*}
	mine=$(rank "$dir")
	grep -n '^#[[:space:]]*include[[:space:]]*"' "$f" |
	    sed 's/^\([0-9]*\):.*"\([^"]*\)".*/\1 \2/' > "${TMPDIR:-/tmp}/layers.$$" || true
	while read -r line inc; do
		case $inc in
		*/*) ;;
		cmds.h|upcase_table.h) continue ;;	# generated
		*)	echo "$f:$line: \"$inc\" does not name its place" \
			    "(write \"<dir>/$inc\")"
			bad=1; continue ;;
		esac
		theirs=$(rank "${inc%%/*}")
		if [ "$theirs" -lt 0 ]; then
			echo "$f:$line: \"$inc\" is in no layer"; bad=1
		elif [ "$theirs" -gt "$mine" ]; then
			echo "$f:$line: $dir includes \"$inc\" of a higher layer"
			bad=1
		fi
	done < "${TMPDIR:-/tmp}/layers.$$"
	rm -f "${TMPDIR:-/tmp}/layers.$$"
done
[ "$bad" = 0 ] && echo "layers: ok"
exit "$bad"
