/*
 * <ctype.h>: character classes of the "C" locale, ASCII only
 * (kernel/lib/ctype.c). Arguments outside 0..255 (EOF included) belong to
 * no class; toupper/tolower return them unchanged.
 */
#ifndef KLIB_CTYPE_H
#define KLIB_CTYPE_H

int isalnum(int c);
int isalpha(int c);
int isascii(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int tolower(int c);
int toupper(int c);

#endif
