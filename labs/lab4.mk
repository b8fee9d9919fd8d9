# Lab 4: Threads. Seed scopes 4, 5 and 141-143: kernel threads, locks, a preemptive scheduler.
LAB_NAME := Threads
LAB_SCOPES := 4 5 141 142 143
# Emulator settings this stage needs beyond the defaults in the Makefile.
LAB_QEMUFLAGS :=
LAB_CPUS := 1
