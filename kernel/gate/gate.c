/* Running the validation gate over the checks present at this lab stage. */
#include <stddef.h>

#include "gate/gate.h"
#include "arch/x86/power.h"
#include "dev/console.h"
#include "lib/string.h"

static const struct {
	const char *name;
	gate_check_fn *check;
} checks[] = {
	{ "boot", gate_check_boot },
#if LAB >= 2
	{ "trap", gate_check_trap },
#endif
#if LAB >= 3
	{ "memory", gate_check_memory },
#endif
#if LAB >= 4
	{ "sched", gate_check_sched },
#endif
#if LAB >= 5
	{ "pci", gate_check_pci },       { "storage", gate_check_storage },
#endif
#if LAB >= 6
	{ "user", gate_check_user },
#endif
};

#define NCHECKS (sizeof(checks) / sizeof(checks[0]))

void
gate_run(const char *which, const char *broken)
{
	bool all_ok = true;
	int ran = 0;

	for (size_t i = 0; i < NCHECKS; i++) {
		if (strcmp(which, "all") != 0 && strcmp(which, checks[i].name) != 0)
			continue;
		bool break_it = broken && strcmp(broken, checks[i].name) == 0;
		bool ok = checks[i].check(break_it);
		printf("ClanOS-Gate: name=%s ok=%s\n", checks[i].name, ok ? "true" : "false");
		all_ok = all_ok && ok;
		ran++;
	}
	if (ran == 0) {
		printf("gate: no check is called '%s' at this stage; known:", which);
		for (size_t i = 0; i < NCHECKS; i++)
			printf(" %s", checks[i].name);
		printf("\n");
		all_ok = false;
	}
	printf("ClanOS-Gate: ok=%s\n", all_ok ? "true" : "false");
	power_off(all_ok ? POWER_SUCCESS : POWER_FAILURE);
}
