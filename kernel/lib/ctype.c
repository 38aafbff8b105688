/*
 * Character classes of the "C" locale (<ctype.h>), ASCII only: bytes
 * 128..255, EOF and any other value outside 0..255 are in no class, as in
 * glibc's "C" locale.
 */
#include <ctype.h>

#include <kernel/types.h>

enum {
	C_UPPER = 1 << 0,
	C_LOWER = 1 << 1,
	C_DIGIT = 1 << 2,
	C_XDIGIT = 1 << 3,
	C_SPACE = 1 << 4,
	C_BLANK = 1 << 5,
	C_CNTRL = 1 << 6,
	C_PUNCT = 1 << 7,
};

/* Classes of 0..127; printable = not control. */
static u8 class_of(int c)
{
	if ((unsigned int)c > 127)
		return 0;
	if (c >= 'A' && c <= 'Z')
		return C_UPPER | (c <= 'F' ? C_XDIGIT : 0);
	if (c >= 'a' && c <= 'z')
		return C_LOWER | (c <= 'f' ? C_XDIGIT : 0);
	if (c >= '0' && c <= '9')
		return C_DIGIT | C_XDIGIT;
	if (c == ' ')
		return C_SPACE | C_BLANK;
	if (c == '\t')
		return C_SPACE | C_BLANK | C_CNTRL;
	if (c >= '\n' && c <= '\r')
		return C_SPACE | C_CNTRL;
	if (c < 0x20 || c == 0x7f)
		return C_CNTRL;
	return C_PUNCT;
}

int isalnum(int c)  { return !!(class_of(c) & (C_UPPER | C_LOWER | C_DIGIT)); }
int isalpha(int c)  { return !!(class_of(c) & (C_UPPER | C_LOWER)); }
int isascii(int c)  { return (unsigned int)c <= 127; }
int isblank(int c)  { return !!(class_of(c) & C_BLANK); }
int iscntrl(int c)  { return !!(class_of(c) & C_CNTRL); }
int isdigit(int c)  { return !!(class_of(c) & C_DIGIT); }
int isgraph(int c)  { return !!(class_of(c) & (C_UPPER | C_LOWER | C_DIGIT | C_PUNCT)); }
int islower(int c)  { return !!(class_of(c) & C_LOWER); }
int isprint(int c)  { return c == ' ' || isgraph(c); }
int ispunct(int c)  { return !!(class_of(c) & C_PUNCT); }
int isspace(int c)  { return !!(class_of(c) & C_SPACE); }
int isupper(int c)  { return !!(class_of(c) & C_UPPER); }
int isxdigit(int c) { return !!(class_of(c) & C_XDIGIT); }

int tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int toupper(int c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}
