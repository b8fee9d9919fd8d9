# Lab 6: User mode. Ring 3 and back (int $0x80 and syscall/sysret), per-process
# address spaces, the ELF loader, copyin/copyout, the first system calls,
# program manifests with digests and trust levels, and user/ (seed scopes 9,
# 11-13, 16-30, 35, 43, 58, 65, 71, 75, 81).
LAB_NAME := User mode
LAB_SCOPES := 9 11 12 13 16-30 35 43 58 65 71 75 81
# QEMU's "max" CPU under TCG has SMEP and SMAP, which the kernel turns on when present.
LAB_QEMU_CPU := max
LAB_QEMUFLAGS :=
LAB_CPUS := 1
