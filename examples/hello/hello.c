/* A Windows console program: built by mingw-w64, run by `vine hello.exe`. */
#include <stdio.h>
#include <windows.h>

int main(int argc, char **argv)
{
    char path[MAX_PATH];
    GetModuleFileNameA(NULL, path, sizeof(path));
    printf("Hello from a Windows program running on Vine!\n");
    printf("I am %s, started with %d argument(s), in process %lu.\n", path, argc - 1, GetCurrentProcessId());
    return 0;
}
