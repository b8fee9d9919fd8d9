#!/bin/sh
# Install what building, running and testing Clan OS needs, if anything is
# missing. As root it runs apt-get; otherwise it prints the one command to run.
# Packages are Debian 12's.
set -e

PACKAGES="build-essential gcc-multilib binutils python3 qemu-system-x86 bochs bochsbios vgabios bochs-term gdb libcriterion-dev pkg-config unifdef clang-format"

need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
for p in $PACKAGES; do
	have_pkg "$p" || need="$need $p"
done
[ -z "$need" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "Installing:$need"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $need >/dev/null
else
	echo "Clan OS needs these Debian packages:$need"
	echo "Install them with:"
	echo "  sudo apt-get update && sudo apt-get install -y$need"
	exit 1
fi
