/*
 * Forced (-include) into every kernel/lib source built for the host tests,
 * and into the tests' view of our headers (klib.h): renames each C library
 * function we implement to klib_NAME, so ours and the host's live side by
 * side in one program and the tests can compare them. A host macro of the
 * same name (glibc's ctype macros) is dropped first.
 *
 * Keep in step with kernel/lib: run.sh fails if a kernel/lib object defines
 * a symbol the host C library also defines.
 */
#undef memcpy
#define memcpy klib_memcpy
#undef memmove
#define memmove klib_memmove
#undef memset
#define memset klib_memset
#undef memcmp
#define memcmp klib_memcmp
#undef memchr
#define memchr klib_memchr
#undef memrchr
#define memrchr klib_memrchr
#undef strlen
#define strlen klib_strlen
#undef strnlen
#define strnlen klib_strnlen
#undef strcmp
#define strcmp klib_strcmp
#undef strncmp
#define strncmp klib_strncmp
#undef strcasecmp
#define strcasecmp klib_strcasecmp
#undef strncasecmp
#define strncasecmp klib_strncasecmp
#undef strcpy
#define strcpy klib_strcpy
#undef strncpy
#define strncpy klib_strncpy
#undef strlcpy
#define strlcpy klib_strlcpy
#undef strlcat
#define strlcat klib_strlcat
#undef strcat
#define strcat klib_strcat
#undef strncat
#define strncat klib_strncat
#undef strchr
#define strchr klib_strchr
#undef strrchr
#define strrchr klib_strrchr
#undef strchrnul
#define strchrnul klib_strchrnul
#undef strstr
#define strstr klib_strstr
#undef strspn
#define strspn klib_strspn
#undef strcspn
#define strcspn klib_strcspn
#undef strpbrk
#define strpbrk klib_strpbrk
#undef strtok_r
#define strtok_r klib_strtok_r
#undef strsep
#define strsep klib_strsep
#undef vsnprintf
#define vsnprintf klib_vsnprintf
#undef snprintf
#define snprintf klib_snprintf
#undef vsprintf
#define vsprintf klib_vsprintf
#undef sprintf
#define sprintf klib_sprintf
#undef vscnprintf
#define vscnprintf klib_vscnprintf
#undef scnprintf
#define scnprintf klib_scnprintf
#undef strtol
#define strtol klib_strtol
#undef strtoul
#define strtoul klib_strtoul
#undef strtoll
#define strtoll klib_strtoll
#undef strtoull
#define strtoull klib_strtoull
#undef atoi
#define atoi klib_atoi
#undef atol
#define atol klib_atol
#undef atoll
#define atoll klib_atoll
#undef abs
#define abs klib_abs
#undef labs
#define labs klib_labs
#undef llabs
#define llabs klib_llabs
#undef qsort
#define qsort klib_qsort
#undef bsearch
#define bsearch klib_bsearch
#undef __errno_location
#define __errno_location klib___errno_location
#undef isalnum
#define isalnum klib_isalnum
#undef isalpha
#define isalpha klib_isalpha
#undef isascii
#define isascii klib_isascii
#undef isblank
#define isblank klib_isblank
#undef iscntrl
#define iscntrl klib_iscntrl
#undef isdigit
#define isdigit klib_isdigit
#undef isgraph
#define isgraph klib_isgraph
#undef islower
#define islower klib_islower
#undef isprint
#define isprint klib_isprint
#undef ispunct
#define ispunct klib_ispunct
#undef isspace
#define isspace klib_isspace
#undef isupper
#define isupper klib_isupper
#undef isxdigit
#define isxdigit klib_isxdigit
#undef tolower
#define tolower klib_tolower
#undef toupper
#define toupper klib_toupper
#undef wcslen
#define wcslen klib_wcslen
#undef wcscpy
#define wcscpy klib_wcscpy
#undef wcsncpy
#define wcsncpy klib_wcsncpy
#undef wcscmp
#define wcscmp klib_wcscmp
#undef wcsncmp
#define wcsncmp klib_wcsncmp
#undef wcschr
#define wcschr klib_wcschr
#undef wcsrchr
#define wcsrchr klib_wcsrchr
#undef wmemcpy
#define wmemcpy klib_wmemcpy
#undef wmemmove
#define wmemmove klib_wmemmove
#undef wmemcmp
#define wmemcmp klib_wmemcmp
#undef wmemset
#define wmemset klib_wmemset
#undef wmemchr
#define wmemchr klib_wmemchr
#undef mbsinit
#define mbsinit klib_mbsinit
#undef mbrtowc
#define mbrtowc klib_mbrtowc
#undef mbrlen
#define mbrlen klib_mbrlen
#undef wcrtomb
#define wcrtomb klib_wcrtomb
#undef mbsrtowcs
#define mbsrtowcs klib_mbsrtowcs
#undef wcsrtombs
#define wcsrtombs klib_wcsrtombs
#undef btowc
#define btowc klib_btowc
#undef wctob
#define wctob klib_wctob
#undef mbtowc
#define mbtowc klib_mbtowc
#undef wctomb
#define wctomb klib_wctomb
#undef setlocale
#define setlocale klib_setlocale
#undef localeconv
#define localeconv klib_localeconv
#undef nl_langinfo
#define nl_langinfo klib_nl_langinfo
#undef gmtime_r
#define gmtime_r klib_gmtime_r
#undef localtime_r
#define localtime_r klib_localtime_r
#undef timegm
#define timegm klib_timegm
#undef mktime
#define mktime klib_mktime
#undef strtoimax
#define strtoimax klib_strtoimax
#undef strtoumax
#define strtoumax klib_strtoumax
