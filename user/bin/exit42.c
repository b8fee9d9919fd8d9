#if LAB >= 6
/* Returns 42 from main: the parent must see exit status 42 through wait. */
int
main(void)
{
	return 42;
}
#endif
