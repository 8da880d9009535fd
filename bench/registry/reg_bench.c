/* 10,000 registry values set, then queried, then ten of them queried 1,000
 * times each (a program reading its settings again and again), then their
 * key deleted, timed inside the program: prints "set US query US requery US
 * delete MS null US" (microseconds per set and per query, milliseconds for
 * the delete, and microseconds per GetPriorityClass of the process: a
 * server round trip that does next to nothing, in Vine and in Wine). */
#include <windows.h>
#include <stdio.h>

#define COUNT 10000

static double now_us(void)
{
    LARGE_INTEGER counter, frequency;
    QueryPerformanceCounter(&counter);
    QueryPerformanceFrequency(&frequency);
    return (double)counter.QuadPart * 1e6 / (double)frequency.QuadPart;
}

int main(void)
{
    HKEY key;
    WCHAR name[32];
    DWORD value, size, i;
    double start, set_us, query_us, requery_us, delete_us, null_us;
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\VineBench");
    if (RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\VineBench", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL))
        return 1;
    start = now_us();
    for (i = 0; i < COUNT; i++) {
        swprintf(name, 32, L"value%lu", i);
        if (RegSetValueExW(key, name, 0, REG_DWORD, (const BYTE *)&i, sizeof(i))) return 2;
    }
    set_us = (now_us() - start) / COUNT;
    start = now_us();
    for (i = 0; i < COUNT; i++) {
        swprintf(name, 32, L"value%lu", i);
        size = sizeof(value);
        if (RegQueryValueExW(key, name, NULL, NULL, (BYTE *)&value, &size) || value != i) return 3;
    }
    query_us = (now_us() - start) / COUNT;
    start = now_us();
    for (i = 0; i < COUNT; i++) {
        DWORD which = i % 10;
        swprintf(name, 32, L"value%lu", which);
        size = sizeof(value);
        if (RegQueryValueExW(key, name, NULL, NULL, (BYTE *)&value, &size) || value != which) return 5;
    }
    requery_us = (now_us() - start) / COUNT;
    RegCloseKey(key);
    start = now_us();
    if (RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\VineBench")) return 4;
    delete_us = now_us() - start;
    start = now_us();
    for (i = 0; i < COUNT; i++)
        if (!GetPriorityClass(GetCurrentProcess())) return 6;
    null_us = (now_us() - start) / COUNT;
    printf("set %.2f query %.2f requery %.2f delete %.2f null %.2f\n", set_us, query_us, requery_us, delete_us / 1000,
           null_us);
    return 0;
}
