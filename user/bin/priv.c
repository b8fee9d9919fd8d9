#if LAB >= 6
/* priv <cli|hlt|in|out|cr3>: executes one privileged instruction in ring 3; the CPU raises
 * #GP and the kernel must kill the program, naming the fault. */
#include "ulib.h"

int
main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	printf("priv: executing %s\n", what);
	if (strcmp(what, "cli") == 0)
		__asm__ volatile("cli");
	else if (strcmp(what, "hlt") == 0)
		__asm__ volatile("hlt");
	else if (strcmp(what, "in") == 0) {
		unsigned char v;
		__asm__ volatile("inb $0x64, %0" : "=a"(v));
	} else if (strcmp(what, "out") == 0)
		__asm__ volatile("outb %0, $0x80" : : "a"((unsigned char)0));
	else if (strcmp(what, "cr3") == 0)
		__asm__ volatile("mov %0, %%cr3" : : "r"(0UL));
	else {
		printf("usage: priv cli|hlt|in|out|cr3\n");
		return 2;
	}
	printf("priv: %s did not fault\n", what);
	return 1;
}
#endif
