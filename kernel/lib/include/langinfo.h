/* <langinfo.h>: nl_langinfo(CODESET) is "UTF-8". */
#ifndef KLIB_LANGINFO_H
#define KLIB_LANGINFO_H

typedef int nl_item;
#define CODESET 14

char *nl_langinfo(nl_item item);

#endif
