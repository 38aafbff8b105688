/*
 * abs, labs, llabs (<stdlib.h>). The most negative value has no positive
 * counterpart; C leaves it undefined and here it comes back unchanged.
 */
#include <stdlib.h>

int abs(int j)
{
	return j < 0 ? (int)-(unsigned int)j : j;
}

long labs(long j)
{
	return j < 0 ? (long)-(unsigned long)j : j;
}

long long llabs(long long j)
{
	return j < 0 ? (long long)-(unsigned long long)j : j;
}
