/* vt_ordinal.dll: exports by name, by ordinal only (NONAME) and forwarders,
 * as listed in dll_ordinal.def. */
#include <windows.h>

int vt_named(void) { return 1; }
int vt_hidden(void) { return 5; }
int vt_hidden2(int x) { return x + 100; }
