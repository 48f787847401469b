#!/usr/bin/env bash
# Writes the man page camaudit(1) or the bash completion from the built binary's own --help
# (every command and subcommand), so neither can drift from what `camaudit --help` says.
# Usage: help_pages.sh man|completion CAMAUDIT OUT
set -euo pipefail
mode=$1 camaudit=$2 out=$3

# The commands listed under "Subcommands:" in one help text.
subcommands_of() {
  "$camaudit" "$@" --help | awk '/^Subcommands:/ {on = 1; next} on && /^$/ {exit}
    on && /^  [a-z]/ {print $1}'
}

# Every command path, one a line, parents before children: "scan", "fingerprints test", ...
command_paths() {
  local parent=("$@") name
  for name in $(subcommands_of "${parent[@]}"); do
    echo "${parent[*]:+${parent[*]} }$name"
    command_paths "${parent[@]}" "$name"
  done
}

# roff: a backslash is \e, a line opening with . or ' is shielded, and - is a minus sign.
roff_text() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

write_man() {
  local version path
  version=$("$camaudit" --version)
  echo ".TH CAMAUDIT 1 \"\" \"${version}\" \"User Commands\""
  echo ".SH NAME"
  echo "camaudit \\- network camera inventory and compliance scanner"
  echo ".SH SYNOPSIS"
  echo ".B camaudit"
  echo ".I COMMAND"
  echo "[\\fIOPTIONS\\fR]"
  echo ".SH DESCRIPTION"
  echo ".nf"
  "$camaudit" --help | roff_text
  echo ".fi"
  echo ".SH COMMANDS"
  while read -r path; do
    echo ".SS camaudit ${path}"
    echo ".nf"
    # shellcheck disable=SC2086  # the path is meant to split into words
    "$camaudit" $path --help | roff_text
    echo ".fi"
  done < <(command_paths)
  cat <<EOF
.SH FILES
Paths under the install prefix: /usr for the .deb, /usr/local for a plain \fBcmake \-\-install\fR.
.TP
.I share/camaudit
the fingerprint and regulation data, found beside the binary's bin/;
\fBCAMAUDIT_DATA_DIR\fR or \fB\-\-fingerprints\fR names another
.TP
.I share/doc/camaudit
the documentation (docs/: configuration.md, scheduling.md, report\-schema.md, ...) and
examples/site.toml, a site configuration to start from
.TP
.I lib/systemd/system/camaudit.service, camaudit.timer
the nightly audit; it reads
.I /etc/camaudit/site.toml
and writes its reports to
.I /var/lib/camaudit
(its StateDirectory)
.SH SEE ALSO
.BR systemd.timer (5),
.BR cron (8)
EOF
}

# Two tables (each command path's subcommands, and its long options) and one function that
# reads them: an option after a dash, else a subcommand, else a file name.
write_completion() {
  local path
  echo "# bash completion for camaudit, generated from its --help (cmake/help_pages.sh)"
  echo "declare -gA _camaudit_commands=([\"camaudit\"]=\"$(subcommands_of | xargs)\")"
  echo "declare -gA _camaudit_options=([\"camaudit\"]=\"--help --version\")"
  while read -r path; do
    # shellcheck disable=SC2086  # the path is meant to split into words
    echo "_camaudit_commands[\"camaudit ${path}\"]=\"$(subcommands_of $path | xargs)\""
    # shellcheck disable=SC2086
    echo "_camaudit_options[\"camaudit ${path}\"]=\"$("$camaudit" $path --help | grep -E '^ +-' |
      grep -oE -- '--[a-z][a-z0-9-]*' | sort -u | xargs)\""
  done < <(command_paths)
  cat <<'EOF'
_camaudit() {
  local cur=${COMP_WORDS[COMP_CWORD]} path=camaudit i
  for ((i = 1; i < COMP_CWORD; i++)); do
    [[ -v "_camaudit_commands[$path ${COMP_WORDS[i]}]" ]] && path="$path ${COMP_WORDS[i]}"
  done
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${_camaudit_options[$path]}" -- "$cur")
  elif [[ -n ${_camaudit_commands[$path]} ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${_camaudit_commands[$path]}" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}
complete -F _camaudit camaudit
EOF
}

# Written aside and renamed, so a failed run never leaves a half page that looks up to date.
case $mode in
  man) write_man > "$out.partial" ;;
  completion) write_completion > "$out.partial" ;;
  *) echo "help_pages.sh: mode is man or completion, not '$mode'" >&2; exit 2 ;;
esac
mv "$out.partial" "$out"
