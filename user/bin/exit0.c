#if LAB >= 6
/* Returns 0 at once: the program ubench spawns to time spawn + exit + wait. */
int
main(void)
{
	return 0;
}
#endif
