#!/usr/bin/env python3
"""Write the Clan OS boot disk, or change the boot arguments of one.

Layout (kernel/boot/bootdisk.h holds the same numbers; keep them in step):
LBA 0 the MBR, LBA 1 the config sector, LBA 2.. stage 2, LBA 64.. the kernel.

  mkdisk.py --mbr mbr.bin --stage2 stage2.bin --kernel kernel.elf --args "..." -o disk.img
  mkdisk.py --set-args "gate=all" disk.img      (graders: boot one image in another mode)
"""
import argparse
import struct
import sys

SECTOR = 512
CONFIG_LBA = 1
STAGE2_LBA = 2
STAGE2_SECTORS = 32
KERNEL_LBA = 64
CONFIG_MAGIC = b"CLANCFG1"
ARGS_MAX = 496
# Pad to whole cylinders of 16 heads x 63 sectors, so Bochs and BIOSes agree on a geometry.
CYLINDER = 16 * 63 * SECTOR


def config_sector(kernel_sectors, args):
    data = args.encode()
    if len(data) >= ARGS_MAX:
        sys.exit(f"mkdisk: boot arguments are {len(data)} bytes; at most {ARGS_MAX - 1} fit")
    return struct.pack("<8sII", CONFIG_MAGIC, KERNEL_LBA, kernel_sectors) + data.ljust(ARGS_MAX, b"\0")


def build(opts):
    mbr = open(opts.mbr, "rb").read()
    stage2 = open(opts.stage2, "rb").read()
    kernel = open(opts.kernel, "rb").read()
    if len(mbr) != SECTOR or mbr[510:] != b"\x55\xaa":
        sys.exit(f"mkdisk: {opts.mbr} is not a 512-byte boot sector")
    if len(stage2) > STAGE2_SECTORS * SECTOR:
        sys.exit(f"mkdisk: stage 2 is {len(stage2)} bytes; the MBR loads {STAGE2_SECTORS * SECTOR}")
    kernel_sectors = (len(kernel) + SECTOR - 1) // SECTOR
    image = bytearray(KERNEL_LBA * SECTOR)
    image[0:SECTOR] = mbr
    image[CONFIG_LBA * SECTOR:(CONFIG_LBA + 1) * SECTOR] = config_sector(kernel_sectors, opts.args)
    image[STAGE2_LBA * SECTOR:STAGE2_LBA * SECTOR + len(stage2)] = stage2
    image += kernel
    image += bytes(-len(image) % CYLINDER)
    with open(opts.output, "wb") as f:
        f.write(image)


def set_args(path, args):
    """Rewrite only the boot arguments of an existing image."""
    with open(path, "r+b") as f:
        f.seek(CONFIG_LBA * SECTOR)
        magic, lba, sectors = struct.unpack("<8sII", f.read(16))
        if magic != CONFIG_MAGIC:
            sys.exit(f"mkdisk: {path} has no Clan OS config sector")
        f.seek(CONFIG_LBA * SECTOR)
        f.write(config_sector(sectors, args))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mbr")
    p.add_argument("--stage2")
    p.add_argument("--kernel")
    p.add_argument("--args", default="")
    p.add_argument("-o", "--output")
    p.add_argument("--set-args", metavar="ARGS")
    p.add_argument("image", nargs="?")
    opts = p.parse_args()
    if opts.set_args is not None:
        if not opts.image:
            p.error("--set-args needs the image to change")
        set_args(opts.image, opts.set_args)
    elif opts.mbr and opts.stage2 and opts.kernel and opts.output:
        build(opts)
    else:
        p.error("give --mbr, --stage2, --kernel and -o, or --set-args and an image")


if __name__ == "__main__":
    main()
