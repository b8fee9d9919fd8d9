# Lab 5: Storage. Part A, built so far: PCI enumeration, BAR sizing and the device registry
# (seed scope 8's PCI scan); the block layer, drivers and CLANFS (scopes 7, 8, 10, 201) follow.
LAB_NAME := Storage
LAB_SCOPES := 8
# Emulator settings this stage needs beyond the defaults in the Makefile.
LAB_QEMUFLAGS :=
LAB_CPUS := 1
