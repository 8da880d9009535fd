/* builtin_placement.c: run under vine by builtin_placement.sh. Prints the
 * address of its own code and of exports of the builtins a program calls
 * most, one "NAME ADDRESS" line each; the script checks that they agree in
 * every address bit from 37 up (loader/builtin_placement.h: an indirect call
 * across that boundary costs cycles on AMD's cores). */
#include <windows.h>
#include <stdio.h>

static void print(const char *name, const void *address)
{
    printf("%s %llx\n", name, (unsigned long long)(ULONG_PTR)address);
}

int main(void)
{
    static const struct { const char *dll, *name; } exports[] = {
        {"ntdll.dll", "RtlEnterCriticalSection"},
        {"kernel32.dll", "GetCurrentThreadId"},
        {"kernel32.dll", "GetTickCount"},
        {"msvcrt.dll", "memcpy"},
    };
    print("exe!main", (const void *)main);
    for (size_t i = 0; i < sizeof exports / sizeof exports[0]; i++) {
        HMODULE module = LoadLibraryA(exports[i].dll);
        FARPROC function = module ? GetProcAddress(module, exports[i].name) : NULL;
        char label[64];
        snprintf(label, sizeof label, "%s!%s", exports[i].dll, exports[i].name);
        print(label, (const void *)function);
    }
    return 0;
}
