#if LAB >= 4
/*
 * The id allocator behind pids, tids and kernel-stack slots
 * (proc/idalloc.h): ids come in order, a freed id is reused only after
 * every other free one, a full map says -EAGAIN, bad frees are refused, and
 * a random stress agrees with a plain array model.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

#include "test/host_names.h"
#include "lib/errno.h"
#include "proc/idalloc.h"

#define MAX 32768

static uint64_t bits[IDALLOC_WORDS(MAX)];
static struct idalloc a;

Test(idalloc, hands_out_ids_in_order_from_lo)
{
	idalloc_init(&a, bits, 1, MAX);
	for (int id = 1; id <= 200; id++)
		cr_assert_eq(idalloc_alloc(&a), id);
	cr_assert_eq(a.nfree, MAX - 200);
}

Test(idalloc, freed_id_is_not_reused_at_once)
{
	idalloc_init(&a, bits, 1, MAX);
	for (int i = 0; i < 10; i++)
		idalloc_alloc(&a);
	cr_assert_eq(idalloc_free(&a, 5), 0);
	cr_assert_eq(idalloc_alloc(&a), 11, "the next id after the last, not the freed 5");
	cr_assert_not(idalloc_taken(&a, 5));
}

Test(idalloc, wraps_around_to_freed_ids)
{
	idalloc_init(&a, bits, 1, 100);
	for (int id = 1; id <= 100; id++)
		cr_assert_eq(idalloc_alloc(&a), id);
	cr_assert_eq(idalloc_alloc(&a), -EAGAIN);
	cr_assert_eq(idalloc_free(&a, 70), 0);
	cr_assert_eq(idalloc_free(&a, 3), 0);
	cr_assert_eq(idalloc_alloc(&a), 3, "after 100 the search wraps to the lowest free id");
	cr_assert_eq(idalloc_alloc(&a), 70);
	cr_assert_eq(idalloc_alloc(&a), -EAGAIN);
}

Test(idalloc, every_id_once_then_eagain)
{
	idalloc_init(&a, bits, 1, MAX);
	for (int id = 1; id <= MAX; id++)
		cr_assert_eq(idalloc_alloc(&a), id);
	cr_assert_eq(idalloc_alloc(&a), -EAGAIN);
	cr_assert_eq(a.nfree, 0);
}

Test(idalloc, word_boundaries)
{
	/* Ids 0 .. 129: three words, the last one partly used. */
	idalloc_init(&a, bits, 0, 129);
	for (int id = 0; id <= 129; id++)
		cr_assert_eq(idalloc_alloc(&a), id);
	cr_assert_eq(idalloc_free(&a, 63), 0);
	cr_assert_eq(idalloc_free(&a, 64), 0);
	cr_assert_eq(idalloc_free(&a, 129), 0);
	cr_assert_eq(idalloc_alloc(&a), 63);
	cr_assert_eq(idalloc_alloc(&a), 64);
	cr_assert_eq(idalloc_alloc(&a), 129);
	cr_assert_eq(idalloc_alloc(&a), -EAGAIN);
}

Test(idalloc, bad_frees_are_refused)
{
	idalloc_init(&a, bits, 1, 1000);
	int id = idalloc_alloc(&a);
	cr_assert_eq(idalloc_free(&a, 0), -EINVAL, "below the range");
	cr_assert_eq(idalloc_free(&a, 1001), -EINVAL, "above the range");
	cr_assert_eq(idalloc_free(&a, 2), -EINVAL, "never handed out");
	cr_assert_eq(idalloc_free(&a, id), 0);
	cr_assert_eq(idalloc_free(&a, id), -EINVAL, "freed twice");
	cr_assert_eq(a.nfree, 1000);
}

Test(idalloc, random_stress_matches_a_model)
{
	enum { N = 5000 };
	static bool model[N + 1];
	int taken = 0, last = 0;

	idalloc_init(&a, bits, 1, N);
	srand(4);
	for (int step = 0; step < 200000; step++) {
		if (rand() % 3 != 0 || taken == 0) {
			int id = idalloc_alloc(&a);
			if (taken == N) {
				cr_assert_eq(id, -EAGAIN);
				continue;
			}
			/* The first free id after the last one handed out, wrapping. */
			int want = last;
			do
				want = want % N + 1;
			while (model[want]);
			cr_assert_eq(id, want, "step %d", step);
			model[id] = true;
			taken++;
			last = id;
		} else {
			int id;
			do
				id = rand() % N + 1;
			while (!model[id]);
			cr_assert_eq(idalloc_free(&a, id), 0);
			model[id] = false;
			taken--;
		}
		cr_assert_eq(a.nfree, N - taken);
	}
}
#endif
