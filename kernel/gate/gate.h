/*
 * The validation gate: booted with gate=all (or gate=<name>), the kernel
 * runs the self-check of every subsystem present at its stage, prints
 *     ClanOS-Gate: name=<subsystem> ok=true|false
 * for each, then "ClanOS-Gate: ok=true|false", and powers off with
 * POWER_SUCCESS or POWER_FAILURE.
 */
#ifndef GATE_GATE_H
#define GATE_GATE_H

#include <stdbool.h>

/*
 * A subsystem's check. It exercises the mechanism for real and returns
 * whether it worked, printing "gate: <name>: <what failed>" for each
 * failure. With break_it, it must first corrupt its own input, so tests
 * can prove the check is able to fail.
 */
typedef bool gate_check_fn(bool break_it);

/* Run the checks named by which ("all" or one name), then power off. */
void gate_run(const char *which, const char *broken) __attribute__((noreturn));

gate_check_fn gate_check_boot; /* gate/boot_check.c */
#if LAB >= 2
gate_check_fn gate_check_trap; /* gate/trap_check.c */
#endif
#if LAB >= 3
gate_check_fn gate_check_memory; /* gate/memory_check.c */
#endif
#if LAB >= 4
gate_check_fn gate_check_sched; /* gate/sched_check.c */
#endif
#if LAB >= 5
gate_check_fn gate_check_pci;     /* gate/pci_check.c */
gate_check_fn gate_check_storage; /* gate/storage_check.c */
#endif
#if LAB >= 6
gate_check_fn gate_check_user; /* gate/user_check.c */
#endif

#endif
