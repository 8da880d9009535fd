/* vt_reloc1.dll / vt_reloc2.dll: the same code linked twice at the same
 * fixed image base with dynamic base disabled, so the second one loaded
 * must be relocated. vt_table holds absolute addresses that only base
 * relocations can fix. */
#include <windows.h>

__declspec(dllexport) int vt_value = 77;
static const char vt_text[] = "relocated text";
static int helper(int x) { return x * 2 + 1; }

__declspec(dllexport) void *vt_table[4] = { &vt_value, (void *)vt_text, (void *)helper, &vt_table };

__declspec(dllexport) int vt_check(void)
{
    void *volatile *t = vt_table;
    return t[0] == (void *)&vt_value && t[1] == (void *)vt_text &&
           t[2] == (void *)helper && t[3] == (void *)&vt_table;
}

__declspec(dllexport) int vt_call(int x)
{
    int (*volatile f)(int) = (int (*)(int))vt_table[2];
    return f(x);
}

__declspec(dllexport) const char *vt_get_text(void)
{
    const char *volatile p = (const char *)vt_table[1];
    return p;
}
