# Lab 5: Storage. PCI enumeration and the device registry, the block layer with
# ATA PIO and virtio-blk drivers, the buffer cache, CLANFS v2 with its redo
# log, users and permissions, mkfs and fsck (seed scopes 7, 8, 10, 201).
LAB_NAME := Storage
LAB_SCOPES := 7 8 10 201
# Emulator settings this stage needs beyond the defaults in the Makefile (the
# file-system disk is attached by the Makefile from lab 5 on: BLKDEV, FSIMG).
LAB_QEMUFLAGS :=
LAB_CPUS := 1
