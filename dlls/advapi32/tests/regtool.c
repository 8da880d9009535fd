/* A small client for registry tests run from scripts:
 *   regtool set NAME TEXT   sets HKCU\Software\VineTest\persist\NAME (REG_SZ)
 *   regtool get NAME        prints its text; exit 2 when it is missing
 *   regtool link-make       makes HKLM\Software\VineTestPersist\target (value
 *                           "v"="linked") and the link key ...\link to it
 *   regtool link-get        prints "v" read through the link, then the type
 *                           of the link's own SymbolicLinkValue
 *   regtool sd-set SDDL     sets the DACL of HKCU\Software\VineTest\persist
 *   regtool sd-get          prints that key's DACL as SDDL
 *   regtool hive-load FILE  loads FILE as HKLM\VineTestPersistHive and sets
 *                           "v"="kept" in it, leaving it loaded
 *   regtool hive-get        prints that "v"; exit 2 when the key is missing
 *   regtool hive-reload FILE  loads FILE there again, prints "v", unloads */
#include <windows.h>
#include <sddl.h>
#include <stdio.h>
#include <string.h>

#include "privilege.h"

#define LINK_PARENT "Software\\VineTestPersist"
static const WCHAR link_target[] = L"\\Registry\\Machine\\Software\\VineTestPersist\\target";

static int links(const char *command)
{
    HKEY key;
    char text[64];
    DWORD size = sizeof(text), type = 0;
    LONG error;
    if (!strcmp(command, "link-make")) {
        RegDeleteTreeA(HKEY_LOCAL_MACHINE, LINK_PARENT);
        if (RegSetKeyValueW(HKEY_LOCAL_MACHINE, L"" LINK_PARENT "\\target", L"v", REG_SZ, L"linked", 14)) return 1;
        error = RegCreateKeyExA(HKEY_LOCAL_MACHINE, LINK_PARENT "\\link", 0, NULL, REG_OPTION_CREATE_LINK, KEY_ALL_ACCESS,
                                NULL, &key, NULL);
        if (error) return 1;
        error = RegSetValueExW(key, L"SymbolicLinkValue", 0, REG_LINK, (const BYTE *)link_target,
                               sizeof(link_target) - sizeof(WCHAR));
        RegCloseKey(key);
        return error ? 1 : 0;
    }
    if (RegOpenKeyExA(HKEY_LOCAL_MACHINE, LINK_PARENT "\\link", 0, KEY_READ, &key)) return 2;
    error = RegQueryValueExA(key, "v", NULL, &type, (BYTE *)text, &size);
    RegCloseKey(key);
    if (error) return 2;
    printf("%s\n", text);
    if (RegOpenKeyExA(HKEY_LOCAL_MACHINE, LINK_PARENT "\\link", REG_OPTION_OPEN_LINK, KEY_READ, &key)) return 2;
    size = 0;
    error = RegQueryValueExA(key, "SymbolicLinkValue", NULL, &type, NULL, &size);
    RegCloseKey(key);
    printf("%lu\n", error ? 0 : type);
    return 0;
}

#define HIVE_KEY "VineTestPersistHive"

static int hives(const char *command, const char *file)
{
    WCHAR text[64];
    DWORD size = sizeof(text);
    LONG error;
    if (!enable_privilege(L"SeRestorePrivilege") || !enable_privilege(L"SeBackupPrivilege")) return 1;
    if (file) {
        error = RegLoadKeyA(HKEY_LOCAL_MACHINE, HIVE_KEY, file);
        if (error) {
            printf("RegLoadKey: %ld\n", error);
            return 1;
        }
    }
    if (!strcmp(command, "hive-load"))
        return RegSetKeyValueW(HKEY_LOCAL_MACHINE, L"" HIVE_KEY, L"v", REG_SZ, L"kept", 10) ? 1 : 0;
    error = RegGetValueW(HKEY_LOCAL_MACHINE, L"" HIVE_KEY, L"v", RRF_RT_REG_SZ, NULL, text, &size);
    if (error == ERROR_FILE_NOT_FOUND) return 2;
    if (error) return 1;
    printf("%ls\n", text);
    if (!strcmp(command, "hive-reload") && RegUnLoadKeyA(HKEY_LOCAL_MACHINE, HIVE_KEY)) return 1;
    return 0;
}

int main(int argc, char **argv)
{
    HKEY key;
    char text[256];
    DWORD size = sizeof(text), type;
    LONG error;
    if (argc == 2 && !strncmp(argv[1], "link-", 5)) return links(argv[1]);
    if (argc >= 2 && !strncmp(argv[1], "hive-", 5)) return hives(argv[1], argc > 2 ? argv[2] : NULL);
    if (argc < 2 || (argc < 3 && strcmp(argv[1], "sd-get"))) return 1;
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
    if (!strcmp(argv[1], "sd-set") && argc == 3) {
        PSECURITY_DESCRIPTOR sd = NULL;
        if (!ConvertStringSecurityDescriptorToSecurityDescriptorA(argv[2], SDDL_REVISION_1, &sd, NULL)) return 1;
        error = RegSetKeySecurity(key, DACL_SECURITY_INFORMATION, sd);
        LocalFree(sd);
        printf("sd-set: %ld\n", error);
        return error ? 1 : 0;
    }
    if (!strcmp(argv[1], "sd-get")) {
        BYTE sd[1024];
        DWORD length = sizeof(sd);
        char *sddl = NULL;
        error = RegGetKeySecurity(key, DACL_SECURITY_INFORMATION, sd, &length);
        if (error) {
            printf("RegGetKeySecurity: %ld\n", error);
            return 1;
        }
        if (!ConvertSecurityDescriptorToStringSecurityDescriptorA(sd, SDDL_REVISION_1, DACL_SECURITY_INFORMATION, &sddl, NULL)) {
            printf("ConvertSecurityDescriptorToStringSecurityDescriptor: %lu\n", GetLastError());
            return 1;
        }
        printf("%s\n", sddl);
        LocalFree(sddl);
        return 0;
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
