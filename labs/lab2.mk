# Lab 2: Traps and devices. Seed scope 2, and scope 6's kernel shell (the monitor).
LAB_NAME := Traps and devices
LAB_SCOPES := 2 6
# Emulator settings this stage needs beyond the defaults in the Makefile.
LAB_QEMUFLAGS :=
LAB_CPUS := 1
