# The registry rows of "hivepol compare --format json" as pol-matrix.py
# prints them: key (lower case, no root), value, state, cells.
.settings[] | select(.what == "value") |
[(.key | ascii_downcase | sub("^hkey_[a-z_]*\\\\"; "")), (.value | ascii_downcase), .state,
 (.cells | map(if .action == "set" then "\(.type_id):\(.hex)"
     elif .action == "delete" then "delete" else "-" end) | join(" "))] |
join("\t")
