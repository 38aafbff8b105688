/*
 * Kernel command line: space-separated words, `key=value` or a bare `flag`.
 * Parsed once into a private copy; lookups return pointers into it.
 */
#include <kernel/boot.h>
#include <kernel/kstrtox.h>
#include <string.h>

static char words[BOOT_CMDLINE_MAX];
static const char *word_ptrs[128];
static int nr_words;
static bool parsed;

static void cmdline_parse(void)
{
	char *p = words;

	strlcpy(words, boot_info.cmdline, sizeof(words));
	while (*p && nr_words < (int)ARRAY_SIZE(word_ptrs)) {
		while (*p == ' ' || *p == '\t')
			*p++ = 0;
		if (!*p)
			break;
		word_ptrs[nr_words++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	parsed = true;
}

const char *cmdline_get(const char *key)
{
	size_t n = strlen(key);
	const char *found = NULL;
	int i;

	if (!parsed)
		cmdline_parse();
	/* The last occurrence wins, as in Linux for most options. */
	for (i = 0; i < nr_words; i++)
		if (!strncmp(word_ptrs[i], key, n) && word_ptrs[i][n] == '=')
			found = word_ptrs[i] + n + 1;
	return found;
}

bool cmdline_has(const char *flag)
{
	int i;

	if (!parsed)
		cmdline_parse();
	for (i = 0; i < nr_words; i++)
		if (!strcmp(word_ptrs[i], flag))
			return true;
	return false;
}

long cmdline_get_long(const char *key, long def)
{
	const char *v = cmdline_get(key);
	long r;

	if (!v || kstrtol(v, 0, &r))
		return def;
	return r;
}
