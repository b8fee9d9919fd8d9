#if LAB >= 6
/*
 * Starting programs. A program is an ELF file in the file system with a
 * clan-exec-v1 manifest beside it ("/bin/hello" and "/bin/hello.manifest"):
 *
 *   clan-exec-v1
 *   name=hello
 *   image=/bin/hello
 *   trust=user            (user or system: which system calls it may make)
 *   owner=root
 *   digest=sha256:<64 hex digits of the image's SHA-256>
 *
 * exec_spawn reads the manifest, reads the image, checks the digest, checks
 * the ELF file completely (exec/elf.c) before mapping anything, builds the
 * address space and the stack with argv, and starts the process's thread in
 * ring 3. Every refusal prints one line "exec: <path>: <why>" and returns a
 * negative errno; nothing a file holds can panic the kernel.
 */
#ifndef EXEC_EXEC_H
#define EXEC_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "fs/cred.h"
#include "proc/proc.h"

/* Start the program whose manifest is path + ".manifest" (path: "/bin/hello", or a bare
 * name "hello" meaning "/bin/hello") with argv[0..argc), as a child of parent, with the
 * credential c. The child's pid, or -ENOENT, -EACCES, -ENOEXEC (bad ELF or manifest), -EPERM
 * (digest mismatch), -ENOMEM, -E2BIG. */
int exec_spawn(const struct cred *c, const char *path, int argc, char *const argv[],
	       struct proc *parent);

#endif
#endif
