# bash completion for hivepol(1).  SPDX-License-Identifier: GPL-3.0-or-later
#
# Nothing here lists hivepol's commands or options: they come from the
# binary itself (`hivepol --list-commands`, `hivepol CMD --help`), read
# once per shell and command.  What is known here is what the help's
# placeholders mean: <hive> is a file, <policy> a .conf, <dir> a folder,
# <key> a registry key, read from the hive given earlier on the line
# with `hivepol keys`, a|b|c the values an option takes.
#
# Install: /usr/share/bash-completion/completions/hivepol (the Debian
# package and `make install` put it there), or source this file.  Bash
# only (mapfile, ${x,,}, BASH_REMATCH): zsh's bashcompinit cannot run it.

declare -gA _hivepol_opts _hivepol_arg _hivepol_ops _hivepol_subs \
    _hivepol_types _hivepol_seen _hivepol_pair
_hivepol_cmds=

# _hivepol_learn BIN CMD: parses CMD's --help into the tables, keyed by
# "CMD" or "CMD SUB" (template lint, policy lint): options, what each
# option's argument is, the operands' placeholders in order.  A SUB's
# options are those of its usage line, with their other names (-o is
# --output) from the option table.
_hivepol_learn() {
	local bin=$1 cmd=$2 line key w i t next re sub
	[[ -n ${_hivepol_seen[$cmd]} ]] && return
	_hivepol_seen[$cmd]=1
	re='^ +(-([A-Za-z0-9]), )?(--[A-Za-z0-9-]+)( ([^ ]+))?( {2,}|$)'
	while IFS= read -r line; do
		if [[ $line =~ $re ]]; then	# an option table line
			_hivepol_opts[$cmd]+=" ${BASH_REMATCH[3]}"
			if [[ -n ${BASH_REMATCH[2]} ]]; then
				_hivepol_opts[$cmd]+=" -${BASH_REMATCH[2]}"
				_hivepol_pair[$cmd:-${BASH_REMATCH[2]}]=${BASH_REMATCH[3]}
				_hivepol_pair[$cmd:${BASH_REMATCH[3]}]=-${BASH_REMATCH[2]}
			fi
			# The usage line's placeholder says more ("-o <dir>").
			t=${BASH_REMATCH[5]}
			[[ -n $t ]] || continue
			for next in "${BASH_REMATCH[3]}" "-${BASH_REMATCH[2]}"; do
				[[ $next == - ]] && continue
				[[ -n ${_hivepol_arg[$cmd:$next]} ]] ||
				    _hivepol_arg[$cmd:$next]=$t
			done
			continue
		fi
		if [[ $line =~ \(type\ ([a-z_, ]+),\ or ]]; then
			t=${BASH_REMATCH[1]}
			_hivepol_types[$cmd]=${t//,/}
		fi
		[[ $line =~ ^(usage:)?\ +hivepol\ $cmd(\ |$) ]] || continue
		# A usage line: "<file.pol | gpo-dir>" is one placeholder.
		while [[ $line =~ (<[^>]*)\ \|\ ([^>]*>) ]]; do
			line=${line/"${BASH_REMATCH[0]}"/${BASH_REMATCH[1]}|${BASH_REMATCH[2]}}
		done
		read -ra w <<< "${line#usage: }"
		key=$cmd i=2
		if [[ ${w[2]} =~ ^[a-z]+$ ]]; then
			key="$cmd ${w[2]}" i=3
			_hivepol_subs[$cmd]+=" ${w[2]}"
		fi
		for ((; i < ${#w[@]}; i++)); do
			t=${w[i]//[\[\]\(\)]/}
			next=${w[i + 1]//[\[\]\(\)]/}
			if [[ $t == -* ]]; then
				[[ $t == --* && $key != "$cmd" ]] &&
				    _hivepol_opts[$key]+=" $t"
				[[ $t == -? && $key != "$cmd" ]] &&
				    _hivepol_opts[$key]+=" $t"
				if [[ $next == \<* || ($next == *\|* && $next != -*) ]]; then
					_hivepol_arg[$key:$t]=$next
					((i++))
				fi
			elif [[ $t == \<* ]]; then
				_hivepol_ops[$key]+=" $t"
			fi
		done
	done < <("$bin" "$cmd" --help 2>/dev/null)
	for sub in ${_hivepol_subs[$cmd]}; do
		for t in ${_hivepol_opts[$cmd $sub]}; do
			next=${_hivepol_pair[$cmd:$t]}
			[[ -n $next ]] && _hivepol_opts[$cmd $sub]+=" $next"
		done
	done
}

# _hivepol_dequote WORD: the word as the shell will pass it, in REPLY,
# and in _hivepol_quote the quote still open at its end ('' for none).
_hivepol_dequote() {
	local w=$1 c q= i
	REPLY=
	for ((i = 0; i < ${#w}; i++)); do
		c=${w:i:1}
		if [[ $q == "'" ]]; then
			[[ $c == "'" ]] && q= || REPLY+=$c
		elif [[ $c == "'" && -z $q ]]; then
			q="'"
		elif [[ $c == '"' ]]; then
			[[ -n $q ]] && q= || q='"'
		elif [[ $c == '\' ]] && ((i + 1 < ${#w})) &&
		    [[ -z $q || ${w:i+1:1} == [\"\$\`\\] ]]; then
			((i++))
			REPLY+=${w:i:1}
		else
			REPLY+=$c
		fi
	done
	[[ $REPLY == "~/"* ]] && REPLY=$HOME/${REPLY#"~/"}
	# A hive named by a variable ("$N"), as bash will pass it.
	[[ $w =~ ^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?(/.*)?$ ]] &&
	    REPLY=${!BASH_REMATCH[1]}${BASH_REMATCH[2]}
	_hivepol_quote=$q
}

# _hivepol_reply WORD...: COMPREPLY as the current word's quoting needs
# (readline puts a reply in place of the text after an open quote).
_hivepol_reply() {
	local w q
	COMPREPLY=()
	for w in "$@"; do
		case $_hivepol_quote in
		"'") q=$w ;;
		'"') q=${w//\\/\\\\} q=${q//\"/\\\"} q=${q//\$/\\\$}
		     q=${q//\`/\\\`} ;;
		*) printf -v q %q "$w" ;;
		esac
		COMPREPLY+=("$q")
	done
}

# _hivepol_keys BIN HIVE MOUNT CUR: the registry keys in HIVE that CUR
# can become (`hivepol keys`: one hive open).  A key with subkeys ends
# in "\" and no space follows it; in a quoted word a single such key is
# replaced by its subkeys (--descend), or readline would close the quote.
_hivepol_keys() {
	local bin=$1 hive=$2 mount=$3 cur=$4 title
	local -a args=() out
	[[ -n $mount ]] && args=(--mount "$mount")
	# The hive's mount root itself, as typed so far.
	if [[ $cur != *\\* && $cur == [Hh][Kk]* ]]; then
		title=$("$bin" ls "${args[@]}" -- "$hive" 2>/dev/null | head -n 1)
		[[ $title == HK* ]] || return
		out=("$title\\")
		case $title in
		HKEY_CURRENT_USER*) out+=("HKCU${title#HKEY_CURRENT_USER}\\") ;;
		HKEY_LOCAL_MACHINE*) out+=("HKLM${title#HKEY_LOCAL_MACHINE}\\") ;;
		HKEY_USERS*) out+=("HKU${title#HKEY_USERS}\\") ;;
		esac
		_hivepol_match "$cur" "${out[@]}"
		return
	fi
	[[ -n $_hivepol_quote ]] && args+=(--descend)
	mapfile -t out < <("$bin" keys "${args[@]}" -- "$hive" "$cur" 2>/dev/null)
	_hivepol_reply "${out[@]}"
	((${#out[@]} == 1)) && [[ ${out[0]} == *\\ ]] &&
	    compopt -o nospace 2>/dev/null
}

# _hivepol_match CUR WORD...: the words that start with CUR, quoted.
_hivepol_match() {
	local cur=$1 w
	local -a m=()
	shift
	for w in "$@"; do
		[[ ${w,,} == "${cur,,}"* ]] && m+=("$w")
	done
	_hivepol_reply "${m[@]}"
	((${#m[@]})) && [[ ${m[0]} == *\\ ]] && compopt -o nospace 2>/dev/null
}

# _hivepol_files CUR GLOB...: files matching a GLOB (none: any file),
# and folders to go into.
_hivepol_files() {
	local cur=$1 g f
	shift
	compopt -o filenames 2>/dev/null
	COMPREPLY=()
	if (($# == 0)); then
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
	fi
	mapfile -t COMPREPLY < <(compgen -d -- "$cur")
	for g in "$@"; do
		while IFS= read -r f; do
			[[ -d $f ]] || COMPREPLY+=("$f")
		done < <(compgen -f -X "!$g" -- "$cur")
	done
}

# _hivepol_kind CMD KIND CUR BIN HIVE MOUNT: completes CUR as a KIND, a
# placeholder from the help ("<policy>", "<file.reg|gpo-dir>", "a|b").
_hivepol_kind() {
	local cmd=$1 kind=$2 cur=$3 bin=$4 hive=$5 mount=$6 alt
	local -a globs=()
	if [[ $kind != \<* ]]; then		# a|b|c: the values
		local IFS='|'
		_hivepol_match "$cur" $kind
		return
	fi
	kind=${kind#<} kind=${kind%%>*}
	case $kind in
	key|partial-key)
		[[ -n $hive ]] && _hivepol_keys "$bin" "$hive" "$mount" "$cur"
		return ;;
	prefix)	_hivepol_match "$cur" 'HKLM\SOFTWARE' 'HKLM\SYSTEM' HKCU \
		    'HKU\.DEFAULT' 'HKCU\Software\Classes'
		return ;;
	type)	_hivepol_match "$cur" ${_hivepol_types[${cmd%% *}]}
		return ;;
	n|name|cp|lang|value|data)
		return ;;
	dir)	compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return ;;
	policy)	globs=('*.conf') ;;
	template)
		globs=('*.admx' '*.adm') ;;
	file)	case $cmd in
		"template "*) globs=('*.admx' '*.adml' '*.adm') ;;
		"policy "*) globs=('*.conf') ;;
		esac ;;
	*\|*)	for alt in ${kind//|/ }; do
			case $alt in
			file.*) globs+=("*.${alt#file.}") ;;
			*.inf|*.csv) globs+=("*.${alt##*.}") ;;	# GptTmpl.inf
			dir|*-dir) ;;
			*) globs=(); break ;;	# any file
			esac
		done
		# Folders only ("<dir|gpo-dir>")?
		[[ $kind == *file* || ${#globs[@]} -gt 0 || $kind != *dir* ]] ||
		    { _hivepol_kind "$cmd" '<dir>' "$cur"; return; } ;;
	esac
	_hivepol_files "$cur" "${globs[@]}"
}

_hivepol() {
	local cword=$COMP_CWORD raw cur bin cmd key i j w opt arg hive= mount=
	local -a ops=() places
	_hivepol_dequote "${COMP_WORDS[0]}"
	bin=$REPLY
	[[ $bin == */* && -x $bin ]] || bin=hivepol
	raw=${COMP_WORDS[cword]}
	cmd=${COMP_WORDS[1]}
	COMPREPLY=()
	# "hivepol help CMD" is "hivepol CMD --help".
	if ((cword == 1)) || [[ $cword == 2 && " help --help -h " == *" $cmd "* ]]; then
		_hivepol_dequote "$raw"
		[[ -n $_hivepol_cmds ]] ||
		    _hivepol_cmds=$("$bin" --list-commands 2>/dev/null)
		((cword == 1)) && set -- --help --version --list-commands ||
		    set --
		_hivepol_match "$REPLY" $_hivepol_cmds "$@"
		return
	fi
	_hivepol_learn "$bin" "$cmd"
	key=$cmd i=2
	if [[ -n ${_hivepol_subs[$cmd]} ]]; then
		_hivepol_dequote "$raw"
		if ((cword == 2)) && [[ $REPLY != -* ]]; then
			_hivepol_match "$REPLY" ${_hivepol_subs[$cmd]}
			return
		fi
		((cword > 2)) && key="$cmd ${COMP_WORDS[2]}" i=3
	fi
	# The words before the current one: options, their arguments, and
	# the operands so far (the hive to read keys from among them).
	for ((; i < cword; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == -?* ]]; then
			opt=$w
			[[ -n ${_hivepol_arg[$key:$opt]} ||
			    -n ${_hivepol_arg[$cmd:$opt]} ]] || continue
			j=$((i + 1))
			[[ ${COMP_WORDS[j]} == = ]] && ((j++))
			((j >= cword)) && break
			i=$j
			_hivepol_dequote "${COMP_WORDS[i]}"
			[[ $opt == --mount ]] && mount=$REPLY
			continue
		fi
		_hivepol_dequote "$w"
		ops+=("$REPLY")
	done
	# The argument of an option ("--format x", "--format=x")?
	w=${COMP_WORDS[cword - 1]}
	if [[ $raw == = ]]; then
		raw=
	elif [[ $w == = ]]; then
		w=${COMP_WORDS[cword - 2]}
	fi
	if [[ $raw == --*=* ]]; then
		w=${raw%%=*} raw=${raw#*=}
		_hivepol_dequote "$raw"
		cur=$REPLY
		arg=${_hivepol_arg[$key:$w]:-${_hivepol_arg[$cmd:$w]}}
		[[ -n $arg ]] && _hivepol_kind "$key" "$arg" "$cur" "$bin" "" ""
		COMPREPLY=("${COMPREPLY[@]/#/$w=}")
		return
	fi
	_hivepol_dequote "$raw"
	cur=$REPLY
	arg=${_hivepol_arg[$key:$w]:-${_hivepol_arg[$cmd:$w]}}
	read -ra places <<< "${_hivepol_ops[$key]}"
	for i in "${!places[@]}"; do
		[[ ${places[i]} == '<hive>'* && -z $hive ]] && hive=${ops[i]}
	done
	if [[ -n $arg && $w == -* ]]; then
		_hivepol_kind "$key" "$arg" "$cur" "$bin" "$hive" "$mount"
		return
	fi
	if [[ $cur == -* ]]; then
		_hivepol_match "$cur" ${_hivepol_opts[$key]} --help
		return
	fi
	# The operand's place; the last placeholder ("<file>...") repeats.
	((${#places[@]})) || return
	i=${#ops[@]}
	if ((i >= ${#places[@]})); then
		i=$((${#places[@]} - 1))
		[[ ${places[i]} == *... ]] || return
	fi
	_hivepol_kind "$key" "${places[i]%...}" "$cur" "$bin" "$hive" "$mount"
}

complete -F _hivepol hivepol
