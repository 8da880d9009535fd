#!/bin/bash
# cdrom_drive.sh VINE cdrom.exe - the CD-ROM test in a prefix of its own
# whose drive R: is a CD-ROM drive as Wine configures one (dosdevices/r:
# the mount point, r:: the device) on a machine without that drive: r::
# names a /dev/srN that does not exist.
set -u
vine=$1 exe=$2
work=$(mktemp -d /tmp/vine-cdrom.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/prefix/dosdevices" "$work/mnt"
n=7
while [ -e "/dev/sr$n" ]; do n=$((n + 1)); done
ln -s "$work/mnt" "$work/prefix/dosdevices/r:"
ln -s "/dev/sr$n" "$work/prefix/dosdevices/r::"
VINEPREFIX="$work/prefix" "$vine" "$exe"
