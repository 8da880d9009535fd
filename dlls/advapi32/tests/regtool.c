/* A small client for registry tests run from scripts:
 *   regtool set NAME TEXT   sets HKCU\Software\VineTest\persist\NAME (REG_SZ)
 *   regtool get NAME        prints its text; exit 2 when it is missing */
#include <windows.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    HKEY key;
    char text[256];
    DWORD size = sizeof(text), type;
    LONG error;
    if (argc < 3) return 1;
    error = RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\VineTest\\persist", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL);
    if (error) {
        printf("create: error %ld\n", error);
        return 1;
    }
    if (!strcmp(argv[1], "set") && argc == 4) {
        error = RegSetValueExA(key, argv[2], 0, REG_SZ, (const BYTE *)argv[3], (DWORD)strlen(argv[3]) + 1);
        printf("set: %ld\n", error);
        return error ? 1 : 0;
    }
    if (!strcmp(argv[1], "get")) {
        error = RegQueryValueExA(key, argv[2], NULL, &type, (BYTE *)text, &size);
        if (error == ERROR_FILE_NOT_FOUND) return 2;
        if (error) return 1;
        printf("%s\n", text);
        return 0;
    }
    return 1;
}
