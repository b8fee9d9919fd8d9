# Lab 3: Memory. Seed scopes 3, 14 and 15: frames, page tables, the kernel heap.
LAB_NAME := Memory
LAB_SCOPES := 3 14 15
# Emulator settings this stage needs beyond the defaults in the Makefile.
LAB_QEMUFLAGS :=
LAB_CPUS := 1
