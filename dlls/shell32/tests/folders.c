/* shell32: the user's and the machine's folders by CSIDL and by known-folder
 * GUID, read from the Explorer's Shell Folders keys; directory trees. */
#define COBJMACROS
#include <windows.h>
#include <initguid.h>
#include <knownfolders.h>
#include <shlobj.h>
#include <userenv.h>
#include <wchar.h>

#include "vinetest.h"

#define CURRENT_PROCESS_TOKEN ((HANDLE)(LONG_PTR)-4)

static WCHAR profile[MAX_PATH];

static const char *u8(const WCHAR *text)
{
    static char out[8][MAX_PATH * 2];
    static int next;
    char *buffer = out[next++ % 8];
    if (!text) return "(null)";
    WideCharToMultiByte(CP_UTF8, 0, text, -1, buffer, MAX_PATH * 2, NULL, NULL);
    return buffer;
}

/* `expected` relative to the profile when it starts with '\'. */
static void check_csidl(int csidl, const WCHAR *expected)
{
    WCHAR path[MAX_PATH] = L"", want[MAX_PATH];
    HRESULT hr;
    if (!expected[0] || expected[0] == '\\') {
        wcscpy(want, profile);
        wcscat(want, expected);
    } else {
        wcscpy(want, expected);
    }
    hr = SHGetFolderPathW(NULL, csidl | CSIDL_FLAG_DONT_VERIFY, NULL, SHGFP_TYPE_CURRENT, path);
    ok(hr == S_OK && !_wcsicmp(path, want), "CSIDL 0x%02x: %#lx %s, expected %s", csidl, hr, u8(path), u8(want));
}

static void check_known(const GUID *id, const WCHAR *expected, const char *name)
{
    WCHAR *path = NULL, want[MAX_PATH];
    HRESULT hr;
    if (!expected[0] || expected[0] == '\\') {
        wcscpy(want, profile);
        wcscat(want, expected);
    } else {
        wcscpy(want, expected);
    }
    hr = SHGetKnownFolderPath(id, KF_FLAG_DONT_VERIFY, NULL, &path);
    ok(hr == S_OK && path && !_wcsicmp(path, want), "%s: %#lx %s, expected %s", name, hr, u8(path), u8(want));
    CoTaskMemFree(path);
}

static void test_folder_paths(void)
{
    WCHAR windows[MAX_PATH], system[MAX_PATH], path[MAX_PATH];
    char apath[MAX_PATH], expected_a[MAX_PATH];
    GetWindowsDirectoryW(windows, MAX_PATH);
    GetSystemDirectoryW(system, MAX_PATH);

    check_csidl(CSIDL_PROFILE, L"");
    check_csidl(CSIDL_APPDATA, L"\\AppData\\Roaming");
    check_csidl(CSIDL_LOCAL_APPDATA, L"\\AppData\\Local");
    check_csidl(CSIDL_DESKTOPDIRECTORY, L"\\Desktop");
    check_csidl(CSIDL_DESKTOP, L"\\Desktop");
    check_csidl(CSIDL_PERSONAL, L"\\Documents");
    check_csidl(CSIDL_MYMUSIC, L"\\Music");
    check_csidl(CSIDL_MYPICTURES, L"\\Pictures");
    check_csidl(CSIDL_MYVIDEO, L"\\Videos");
    check_csidl(CSIDL_STARTMENU, L"\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu");
    check_csidl(CSIDL_PROGRAMS, L"\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs");
    check_csidl(CSIDL_TEMPLATES, L"\\AppData\\Roaming\\Microsoft\\Windows\\Templates");
    check_csidl(CSIDL_COMMON_APPDATA, L"C:\\ProgramData");
    check_csidl(CSIDL_COMMON_DOCUMENTS, L"C:\\Users\\Public\\Documents");
    check_csidl(CSIDL_COMMON_DESKTOPDIRECTORY, L"C:\\Users\\Public\\Desktop");
    check_csidl(CSIDL_COMMON_STARTMENU, L"C:\\ProgramData\\Microsoft\\Windows\\Start Menu");
    check_csidl(CSIDL_PROGRAM_FILES, L"C:\\Program Files");
    check_csidl(CSIDL_PROGRAM_FILESX86, L"C:\\Program Files (x86)");
    check_csidl(CSIDL_PROGRAM_FILES_COMMON, L"C:\\Program Files\\Common Files");
    check_csidl(CSIDL_WINDOWS, windows);
    check_csidl(CSIDL_SYSTEM, system);
    wcscpy(path, windows);
    wcscat(path, L"\\Fonts");
    check_csidl(CSIDL_FONTS, path);

    /* System DLLs have their files in the system folder. */
    {
        static const WCHAR *dlls[] = {L"shell32.dll", L"shlwapi.dll", L"ole32.dll", L"userenv.dll", L"kernel32.dll"};
        int i;
        for (i = 0; i < 5; i++) {
            wcscpy(path, system);
            wcscat(path, L"\\");
            wcscat(path, dlls[i]);
            ok(GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES, "%s exists", u8(path));
        }
    }

    /* The prefix's folders exist: no DONT_VERIFY needed. */
    ok_int(SHGetFolderPathW(NULL, CSIDL_APPDATA, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    ok_int(SHGetFolderPathW(NULL, CSIDL_LOCAL_APPDATA, NULL, SHGFP_TYPE_DEFAULT, path), S_OK);
    ok_int(SHGetFolderPathW(NULL, CSIDL_PERSONAL, CURRENT_PROCESS_TOKEN, SHGFP_TYPE_CURRENT, path), S_OK);
    ok_int(SHGetFolderPathW(NULL, CSIDL_MYMUSIC, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    ok_int(SHGetFolderPathW(NULL, CSIDL_MYPICTURES, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    ok_int(SHGetFolderPathW(NULL, CSIDL_MYVIDEO, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    ok_int(SHGetFolderPathW(NULL, CSIDL_PROGRAMS, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    ok_int(SHGetFolderPathW(NULL, CSIDL_COMMON_DOCUMENTS, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    ok_int(SHGetFolderPathW(NULL, CSIDL_WINDOWS, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    ok(!_wcsicmp(path, windows), "CSIDL_WINDOWS is %s", u8(path));

    /* Numbers that name no folder, and bad flags. */
    path[0] = 'x';
    ok_int(SHGetFolderPathW(NULL, 0xff, NULL, SHGFP_TYPE_CURRENT, path), E_INVALIDARG);
    ok(path[0] == 0, "the buffer is emptied on failure");
    ok_int(SHGetFolderPathW(NULL, CSIDL_APPDATA, NULL, 2, path), E_INVALIDARG);

    /* The A forms. */
    ok_int(SHGetFolderPathA(NULL, CSIDL_APPDATA, NULL, SHGFP_TYPE_CURRENT, apath), S_OK);
    SHGetFolderPathW(NULL, CSIDL_APPDATA, NULL, SHGFP_TYPE_CURRENT, path);
    WideCharToMultiByte(CP_ACP, 0, path, -1, expected_a, MAX_PATH, NULL, NULL);
    ok_str(apath, expected_a);
    ok(SHGetSpecialFolderPathW(NULL, path, CSIDL_LOCAL_APPDATA, FALSE), "SHGetSpecialFolderPathW");
    ok(SHGetSpecialFolderPathA(NULL, apath, CSIDL_COMMON_APPDATA, FALSE), "SHGetSpecialFolderPathA");
    ok(!_stricmp(apath, "C:\\ProgramData"), "SHGetSpecialFolderPathA: %s", apath);

    /* Known folders. */
    check_known(&FOLDERID_Profile, L"", "FOLDERID_Profile");
    check_known(&FOLDERID_RoamingAppData, L"\\AppData\\Roaming", "FOLDERID_RoamingAppData");
    check_known(&FOLDERID_LocalAppData, L"\\AppData\\Local", "FOLDERID_LocalAppData");
    check_known(&FOLDERID_LocalAppDataLow, L"\\AppData\\LocalLow", "FOLDERID_LocalAppDataLow");
    check_known(&FOLDERID_Downloads, L"\\Downloads", "FOLDERID_Downloads");
    check_known(&FOLDERID_Documents, L"\\Documents", "FOLDERID_Documents");
    check_known(&FOLDERID_SavedGames, L"\\Saved Games", "FOLDERID_SavedGames");
    check_known(&FOLDERID_UserProgramFiles, L"\\AppData\\Local\\Programs", "FOLDERID_UserProgramFiles");
    check_known(&FOLDERID_ProgramData, L"C:\\ProgramData", "FOLDERID_ProgramData");
    check_known(&FOLDERID_Public, L"C:\\Users\\Public", "FOLDERID_Public");
    check_known(&FOLDERID_UserProfiles, L"C:\\Users", "FOLDERID_UserProfiles");
    check_known(&FOLDERID_ProgramFiles, L"C:\\Program Files", "FOLDERID_ProgramFiles");
    check_known(&FOLDERID_ProgramFilesX64, L"C:\\Program Files", "FOLDERID_ProgramFilesX64");
    check_known(&FOLDERID_ProgramFilesX86, L"C:\\Program Files (x86)", "FOLDERID_ProgramFilesX86");
    check_known(&FOLDERID_Windows, windows, "FOLDERID_Windows");
    check_known(&FOLDERID_System, system, "FOLDERID_System");
    {
        WCHAR *result = (WCHAR *)1;
        ok_int(SHGetKnownFolderPath(&FOLDERID_RoamingAppData, 0, NULL, &result), S_OK);
        CoTaskMemFree(result);
        result = (WCHAR *)1;
        ok_int(SHGetKnownFolderPath(&GUID_NULL, 0, NULL, &result), E_INVALIDARG);
        ok(result == NULL, "no path for an unknown folder");
        result = (WCHAR *)1;
        ok_int(SHGetKnownFolderPath(&FOLDERID_ComputerFolder, 0, NULL, &result), E_FAIL);
        ok(result == NULL, "no path for a virtual folder");
    }
}

/* A folder redirected in User Shell Folders: the registry is read, with
 * %USERPROFILE% expanded; CSIDL_FLAG_CREATE makes the folder. */
static void test_redirection(void)
{
    static const WCHAR key_name[] = L"Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders";
    static const WCHAR redirected[] = L"%USERPROFILE%\\VineRedirectedTemplates";
    WCHAR saved[MAX_PATH], path[MAX_PATH], want[MAX_PATH];
    DWORD saved_size = sizeof(saved), saved_type = 0;
    BOOL had_value;
    HKEY key;

    WCHAR before[MAX_PATH];
    /* Read once first: the answer must follow the registry's change below. */
    ok_int(SHGetFolderPathW(NULL, CSIDL_TEMPLATES | CSIDL_FLAG_DONT_VERIFY, NULL, SHGFP_TYPE_CURRENT, before), S_OK);
    ok_int(RegCreateKeyExW(HKEY_CURRENT_USER, key_name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL), ERROR_SUCCESS);
    had_value = RegQueryValueExW(key, L"Templates", NULL, &saved_type, (BYTE *)saved, &saved_size) == ERROR_SUCCESS;
    ok_int(RegSetValueExW(key, L"Templates", 0, REG_EXPAND_SZ, (const BYTE *)redirected, sizeof(redirected)),
           ERROR_SUCCESS);

    wcscpy(want, profile);
    wcscat(want, L"\\VineRedirectedTemplates");
    RemoveDirectoryW(want);
    ok_int(SHGetFolderPathW(NULL, CSIDL_TEMPLATES | CSIDL_FLAG_DONT_VERIFY, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    ok(!_wcsicmp(path, want), "redirected: %s, expected %s", u8(path), u8(want));
    ok(FAILED(SHGetFolderPathW(NULL, CSIDL_TEMPLATES, NULL, SHGFP_TYPE_CURRENT, path)), "a missing folder fails");
    ok_int(SHGetFolderPathW(NULL, CSIDL_TEMPLATES | CSIDL_FLAG_CREATE, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    ok(GetFileAttributesW(want) != INVALID_FILE_ATTRIBUTES, "CSIDL_FLAG_CREATE made %s", u8(want));
    ok_int(SHGetFolderPathW(NULL, CSIDL_TEMPLATES, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    /* SHGFP_TYPE_DEFAULT ignores the redirection. */
    ok_int(SHGetFolderPathW(NULL, CSIDL_TEMPLATES | CSIDL_FLAG_DONT_VERIFY, NULL, SHGFP_TYPE_DEFAULT, path), S_OK);
    wcscpy(want, profile);
    wcscat(want, L"\\AppData\\Roaming\\Microsoft\\Windows\\Templates");
    ok(!_wcsicmp(path, want), "default: %s, expected %s", u8(path), u8(want));

    if (had_value) RegSetValueExW(key, L"Templates", 0, saved_type, (const BYTE *)saved, saved_size);
    else RegDeleteValueW(key, L"Templates");
    RegCloseKey(key);
    ok_int(SHGetFolderPathW(NULL, CSIDL_TEMPLATES | CSIDL_FLAG_DONT_VERIFY, NULL, SHGFP_TYPE_CURRENT, path), S_OK);
    ok(!_wcsicmp(path, before), "the redirection undone: %s, expected %s", u8(path), u8(before));
    wcscpy(want, profile);
    wcscat(want, L"\\VineRedirectedTemplates");
    RemoveDirectoryW(want);
}

static void test_subdir_and_memory(void)
{
    WCHAR path[MAX_PATH], want[MAX_PATH];
    IMalloc *malloc = NULL;
    void *block;

    wcscpy(want, profile);
    wcscat(want, L"\\AppData\\Local\\VineSubDirTest\\inner");
    ok_int(SHGetFolderPathAndSubDirW(NULL, CSIDL_LOCAL_APPDATA | CSIDL_FLAG_DONT_VERIFY, NULL, SHGFP_TYPE_CURRENT,
                                     L"VineSubDirTest\\inner", path), S_OK);
    ok(!_wcsicmp(path, want), "SHGetFolderPathAndSubDirW: %s", u8(path));
    ok(FAILED(SHGetFolderPathAndSubDirW(NULL, CSIDL_LOCAL_APPDATA, NULL, SHGFP_TYPE_CURRENT,
                                        L"VineSubDirTest\\inner", path)), "the subdirectory does not exist yet");
    ok_int(SHGetFolderPathAndSubDirW(NULL, CSIDL_LOCAL_APPDATA | CSIDL_FLAG_CREATE, NULL, SHGFP_TYPE_CURRENT,
                                     L"VineSubDirTest\\inner", path), S_OK);
    ok(GetFileAttributesW(want) != INVALID_FILE_ATTRIBUTES, "CSIDL_FLAG_CREATE made the subdirectory");
    RemoveDirectoryW(want);
    want[wcslen(want) - 6] = 0;
    ok(RemoveDirectoryW(want), "removed %s", u8(want));

    /* The shell's allocator is COM's. */
    ok_int(SHGetMalloc(&malloc), S_OK);
    block = SHAlloc(64);
    ok(block != NULL, "SHAlloc");
    ok(malloc && IMalloc_GetSize(malloc, block) >= 64, "SHAlloc'd memory belongs to the task allocator");
    CoTaskMemFree(block);
    block = CoTaskMemAlloc(16);
    SHFree(block);
    if (malloc) IMalloc_Release(malloc);
}

static void test_create_directory(void)
{
    WCHAR base[MAX_PATH], deep[MAX_PATH];
    char adeep[MAX_PATH];
    GetTempPathW(MAX_PATH, base);
    wcscat(base, L"vine_shell32_mkdir");
    wcscpy(deep, base);
    wcscat(deep, L"\\a\\b\\c");

    ok_int(SHCreateDirectoryExW(NULL, deep, NULL), ERROR_SUCCESS);
    ok(GetFileAttributesW(deep) & FILE_ATTRIBUTE_DIRECTORY, "the tree exists");
    SetLastError(0xdeadbeef);
    ok_int(SHCreateDirectoryExW(NULL, deep, NULL), ERROR_ALREADY_EXISTS);
    ok_int(GetLastError(), ERROR_ALREADY_EXISTS);
    ok_int(SHCreateDirectoryExW(NULL, L"relative\\path", NULL), ERROR_BAD_PATHNAME);
    WideCharToMultiByte(CP_ACP, 0, base, -1, adeep, MAX_PATH, NULL, NULL);
    strcat(adeep, "\\x\\y");
    ok_int(SHCreateDirectoryExA(NULL, adeep, NULL), ERROR_SUCCESS);

    RemoveDirectoryW(deep);
    deep[wcslen(deep) - 2] = 0;
    RemoveDirectoryW(deep);
    deep[wcslen(deep) - 2] = 0;
    RemoveDirectoryW(deep);
    RemoveDirectoryA(adeep);
    adeep[strlen(adeep) - 2] = 0;
    RemoveDirectoryA(adeep);
    ok(RemoveDirectoryW(base), "the tree was made where asked");
}

int main(void)
{
    DWORD size = MAX_PATH;
    ok(GetUserProfileDirectoryW(CURRENT_PROCESS_TOKEN, profile, &size), "the profile");
    test_folder_paths();
    test_redirection();
    test_subdir_and_memory();
    test_create_directory();
    return vt_summary();
}
