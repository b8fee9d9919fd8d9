#!/bin/sh
# gdb runs ./.gdbinit only from trusted directories. If this repository is
# not trusted yet, say the one line that trusts it (nothing is changed here).
dir=$(pwd)
for f in "$HOME/.gdbinit" "$HOME/.config/gdb/gdbinit"; do
	[ -f "$f" ] && grep -qs "add-auto-load-safe-path $dir" "$f" && exit 0
	[ -f "$f" ] && grep -qs "set auto-load safe-path /$" "$f" && exit 0
done
echo "*** gdb will not read $dir/.gdbinit until you trust this directory once:"
echo "***   echo 'add-auto-load-safe-path $dir/.gdbinit' >> ~/.gdbinit"
