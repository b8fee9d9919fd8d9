# Lab 1: Boot & console. Seed scope 1.
LAB_NAME := Boot and console
LAB_SCOPES := 1
# Emulator settings this stage needs beyond the defaults in the Makefile.
LAB_QEMUFLAGS :=
LAB_CPUS := 1
