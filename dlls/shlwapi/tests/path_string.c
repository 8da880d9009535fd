/* shlwapi: path helpers (as strings and on the disk), string helpers, and
 * the one-call registry functions. Expectations follow the Windows SDK
 * documentation's examples. */
#include <windows.h>
#include <shlwapi.h>

#include <wchar.h>

#include "vinetest.h"

static char narrow_buffer[8][MAX_PATH * 2];
static int narrow_next;

/* A wide string as UTF-8 for printing and comparing. */
static const char *u8(const WCHAR *text)
{
    char *out = narrow_buffer[narrow_next++ % 8];
    if (!text) return "(null)";
    WideCharToMultiByte(CP_UTF8, 0, text, -1, out, MAX_PATH * 2, NULL, NULL);
    return out;
}

static void check_combine(const WCHAR *dir, const WCHAR *file, const char *expected)
{
    WCHAR out[MAX_PATH];
    char a_out[MAX_PATH] = "", a_dir[MAX_PATH], a_file[MAX_PATH];
    WCHAR *result = PathCombineW(out, dir, file);
    char *a_result;
    ok(result == out && !strcmp(u8(out), expected), "PathCombineW(%s, %s) = %s, expected %s", u8(dir), u8(file),
       result ? u8(out) : "NULL", expected);
    strcpy(a_dir, u8(dir));
    strcpy(a_file, u8(file));
    a_result = PathCombineA(a_out, dir ? a_dir : NULL, file ? a_file : NULL);
    ok(a_result && !strcmp(a_out, expected), "PathCombineA(%s, %s) = %s", a_dir, a_file, a_out);
}

static void check_canonical(const WCHAR *path, const char *expected)
{
    WCHAR out[MAX_PATH] = {0};
    BOOL result = PathCanonicalizeW(out, path);
    ok(result && !strcmp(u8(out), expected), "PathCanonicalizeW(%s) = %s, expected %s", u8(path), u8(out), expected);
}

static void check_remove_file_spec(const WCHAR *path, BOOL expected_result, const char *expected)
{
    WCHAR buffer[MAX_PATH];
    BOOL result;
    wcscpy(buffer, path);
    result = PathRemoveFileSpecW(buffer);
    ok(result == expected_result && !strcmp(u8(buffer), expected), "PathRemoveFileSpecW(%s) = %d %s, expected %d %s",
       u8(path), result, u8(buffer), expected_result, expected);
}

typedef BOOL (WINAPI *quote_spaces_fn)(WCHAR *path);
static quote_spaces_fn quote_spaces;

static void test_path_strings(void)
{
    WCHAR buffer[MAX_PATH];
    char abuffer[MAX_PATH];
    WCHAR *p;

    /* PathCombine: the documentation's examples, then the rules. */
    check_combine(L"C:", L"One\\Two\\Three", "C:\\One\\Two\\Three");
    check_combine(L"C:\\", L"One\\Two\\Three", "C:\\One\\Two\\Three");
    check_combine(L"C:\\dir", L"file.txt", "C:\\dir\\file.txt");
    check_combine(L"C:\\dir\\", L"file.txt", "C:\\dir\\file.txt");
    check_combine(L"C:\\dir", L"D:\\other\\file.txt", "D:\\other\\file.txt");
    check_combine(L"C:\\dir\\sub", L"\\file.txt", "C:\\file.txt");
    check_combine(L"C:\\dir", L"..\\file.txt", "C:\\file.txt");
    check_combine(L"C:\\a\\b", L".\\c\\..\\d", "C:\\a\\b\\d");
    check_combine(L"C:\\dir", L"", "C:\\dir");
    check_combine(L"C:\\dir", NULL, "C:\\dir");
    check_combine(NULL, L"file.txt", "file.txt");
    check_combine(L"", L"file.txt", "file.txt");
    check_combine(L"\\\\server\\share", L"file.txt", "\\\\server\\share\\file.txt");
    check_combine(L"C:\\dir", L"\\\\server\\share\\x", "\\\\server\\share\\x");
    buffer[0] = 'x';
    ok(PathCombineW(buffer, NULL, NULL) == NULL && buffer[0] == 0, "PathCombineW(NULL, NULL) empties the buffer");

    /* PathAppend */
    wcscpy(buffer, L"name_1\\name_2");
    ok(PathAppendW(buffer, L"name_3"), "PathAppendW");
    ok_str(u8(buffer), "name_1\\name_2\\name_3");
    wcscpy(buffer, L"C:\\dir");
    ok(PathAppendW(buffer, L"\\sub\\file"), "PathAppendW strips the leading backslash");
    ok_str(u8(buffer), "C:\\dir\\sub\\file");
    strcpy(abuffer, "C:\\dir\\");
    ok(PathAppendA(abuffer, "..\\x.txt"), "PathAppendA");
    ok_str(abuffer, "C:\\x.txt");
    ok(!PathAppendW(NULL, L"x"), "PathAppendW(NULL)");

    /* PathCanonicalize: the documentation's examples. */
    check_canonical(L"A:\\name_1\\.\\name_2\\..\\name_3", "A:\\name_1\\name_3");
    check_canonical(L"A:\\name_1\\..\\name_2\\.\\name_3", "A:\\name_2\\name_3");
    check_canonical(L"A:\\name_1\\name_2\\.\\name_3\\..\\name_4", "A:\\name_1\\name_2\\name_4");
    check_canonical(L"A:\\name_1\\.\\name_2\\.\\name_3\\..\\name_4\\..", "A:\\name_1\\name_2");
    check_canonical(L"C:\\..", "C:\\");
    check_canonical(L"C:\\a\\..\\..\\b", "C:\\b");
    check_canonical(L"C:\\a\\b\\..\\", "C:\\a\\");
    check_canonical(L"C:", "C:\\");
    check_canonical(L"", "\\");
    check_canonical(L"\\a\\.\\b", "\\a\\b");
    SetLastError(0xdeadbeef);
    ok(!PathCanonicalizeW(buffer, NULL) && GetLastError() == ERROR_INVALID_PARAMETER, "PathCanonicalizeW(NULL)");

    /* PathIsRelative */
    ok(PathIsRelativeW(L"file.txt"), "file.txt is relative");
    ok(PathIsRelativeW(L"dir\\file.txt"), "dir\\file.txt is relative");
    ok(PathIsRelativeW(L""), "the empty path is relative");
    ok(PathIsRelativeW(NULL), "NULL is relative");
    ok(!PathIsRelativeW(L"C:\\file.txt"), "C:\\file.txt is not relative");
    ok(!PathIsRelativeW(L"C:file.txt"), "C:file.txt is not relative");
    ok(!PathIsRelativeW(L"\\file.txt"), "\\file.txt is not relative");
    ok(!PathIsRelativeW(L"\\\\server\\share"), "a UNC path is not relative");
    ok(PathIsRelativeA("a\\b"), "PathIsRelativeA");
    ok(!PathIsRelativeA("D:\\b"), "PathIsRelativeA(D:\\b)");

    /* PathIsRoot / PathIsUNC */
    ok(PathIsRootW(L"C:\\"), "C:\\ is a root");
    ok(PathIsRootW(L"\\"), "\\ is a root");
    ok(PathIsRootW(L"\\\\server\\share"), "\\\\server\\share is a root");
    ok(!PathIsRootW(L"\\\\server\\share\\dir"), "\\\\server\\share\\dir is not a root");
    ok(!PathIsRootW(L"C:\\dir"), "C:\\dir is not a root");
    ok(!PathIsRootW(L"C:"), "C: is not a root");
    ok(PathIsUNCW(L"\\\\server\\share"), "PathIsUNCW");
    ok(!PathIsUNCW(L"C:\\dir"), "C:\\dir is not UNC");

    /* PathRemoveFileSpec */
    check_remove_file_spec(L"C:\\dir\\file.txt", TRUE, "C:\\dir");
    check_remove_file_spec(L"C:\\file.txt", TRUE, "C:\\");
    check_remove_file_spec(L"C:\\", FALSE, "C:\\");
    check_remove_file_spec(L"C:\\dir\\", TRUE, "C:\\dir");
    check_remove_file_spec(L"\\file.txt", TRUE, "\\");
    check_remove_file_spec(L"file.txt", TRUE, "");
    check_remove_file_spec(L"", FALSE, "");
    check_remove_file_spec(L"\\\\server\\share", TRUE, "\\\\server");
    strcpy(abuffer, "C:\\a\\b.c");
    ok(PathRemoveFileSpecA(abuffer), "PathRemoveFileSpecA");
    ok_str(abuffer, "C:\\a");

    /* PathFindExtension and PathFindFileName point into the argument. */
    p = PathFindExtensionW(L"C:\\dir\\file.txt");
    ok_str(u8(p), ".txt");
    ok_str(u8(PathFindExtensionW(L"C:\\dir.d\\file")), "");
    ok_str(u8(PathFindExtensionW(L"file.tar.gz")), ".gz");
    ok_str(u8(PathFindExtensionW(L"file.a b")), "");
    ok_str(u8(PathFindExtensionW(L".hidden")), ".hidden");
    ok(PathFindExtensionW(NULL) == NULL, "PathFindExtensionW(NULL)");
    {
        static const WCHAR path[] = L"C:\\dir\\file";
        ok(PathFindExtensionW(path) == path + (int)wcslen(path), "no extension: the terminator");
    }
    ok_str(PathFindExtensionA("a\\b.exe"), ".exe");
    ok_str(u8(PathFindFileNameW(L"C:\\dir\\file.txt")), "file.txt");
    ok_str(u8(PathFindFileNameW(L"C:\\dir\\")), "dir\\");
    ok_str(u8(PathFindFileNameW(L"C:file.txt")), "file.txt");
    ok_str(u8(PathFindFileNameW(L"a/b/c.txt")), "c.txt");
    ok_str(u8(PathFindFileNameW(L"file")), "file");
    ok_str(PathFindFileNameA("C:\\x\\y.z"), "y.z");

    /* PathAddBackslash / PathRemoveBackslash */
    wcscpy(buffer, L"C:\\dir");
    p = PathAddBackslashW(buffer);
    ok(p == buffer + 7 && *p == 0, "PathAddBackslashW returns the terminator");
    ok_str(u8(buffer), "C:\\dir\\");
    p = PathAddBackslashW(buffer);
    ok(p == buffer + 7, "no second backslash");
    wcscpy(buffer, L"");
    ok(PathAddBackslashW(buffer) == buffer && buffer[0] == 0, "the empty path stays empty");
    wcscpy(buffer, L"C:\\dir\\");
    p = PathRemoveBackslashW(buffer);
    ok(p == buffer + 6 && *p == 0, "PathRemoveBackslashW returns the removed backslash");
    ok_str(u8(buffer), "C:\\dir");
    p = PathRemoveBackslashW(buffer);
    ok(p == buffer + 5 && !wcscmp(buffer, L"C:\\dir"), "nothing to remove: the last character");
    wcscpy(buffer, L"C:\\");
    PathRemoveBackslashW(buffer);
    ok_str(u8(buffer), "C:\\");
    wcscpy(buffer, L"\\");
    PathRemoveBackslashW(buffer);
    ok_str(u8(buffer), "\\");

    /* PathStripPath */
    wcscpy(buffer, L"c:\\dir\\file.txt");
    PathStripPathW(buffer);
    ok_str(u8(buffer), "file.txt");
    wcscpy(buffer, L"c:\\dir\\");
    PathStripPathW(buffer);
    ok_str(u8(buffer), "dir\\");
    wcscpy(buffer, L"file");
    PathStripPathW(buffer);
    ok_str(u8(buffer), "file");

    /* PathQuoteSpaces / PathUnquoteSpaces */
    wcscpy(buffer, L"C:\\Program Files\\a.exe");
    ok(quote_spaces(buffer), "quoted");
    ok_str(u8(buffer), "\"C:\\Program Files\\a.exe\"");
    PathUnquoteSpacesW(buffer);
    ok_str(u8(buffer), "C:\\Program Files\\a.exe");
    wcscpy(buffer, L"C:\\nospace");
    ok(!quote_spaces(buffer), "nothing to quote");
    ok_str(u8(buffer), "C:\\nospace");
    wcscpy(buffer, L"\"unbalanced");
    PathUnquoteSpacesW(buffer);
    ok_str(u8(buffer), "\"unbalanced");

    /* PathMatchSpec */
    ok(PathMatchSpecW(L"file.txt", L"*.txt"), "*.txt");
    ok(PathMatchSpecW(L"FILE.TXT", L"*.txt"), "case is ignored");
    ok(!PathMatchSpecW(L"file.txt", L"*.doc"), "*.doc");
    ok(PathMatchSpecW(L"file.txt", L"*.doc;*.txt"), "a list of masks");
    ok(PathMatchSpecW(L"file.txt", L"*.doc; *.txt"), "blanks after ';' are skipped");
    ok(PathMatchSpecW(L"file", L"*.*"), "*.* matches a name without a dot");
    ok(PathMatchSpecW(L"file.txt", L"f?le.*"), "? matches one character");
    ok(!PathMatchSpecW(L"fle.txt", L"f?le.*"), "? needs a character");
    ok(PathMatchSpecW(L"abc", L"*"), "* matches everything");
    ok(PathMatchSpecW(L"abc", L"a*c"), "a*c");
    ok(!PathMatchSpecW(L"abcd", L"a*c"), "a*c does not match abcd");
    ok(PathMatchSpecW(L"a.b.c", L"*.c"), "*.c matches a.b.c");
    ok(PathMatchSpecA("readme.md", "*.MD"), "PathMatchSpecA");
}

static void test_path_disk(void)
{
    WCHAR dir[MAX_PATH], file[MAX_PATH];
    char adir[MAX_PATH];
    HANDLE handle;

    GetTempPathW(MAX_PATH, dir);
    wcscat(dir, L"vine_shlwapi_test");
    CreateDirectoryW(dir, NULL);
    wcscpy(file, dir);
    wcscat(file, L"\\file.txt");
    handle = CreateFileW(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(handle != INVALID_HANDLE_VALUE, "created %s", u8(file));
    CloseHandle(handle);

    ok(PathFileExistsW(dir), "the directory exists");
    ok(PathFileExistsW(file), "the file exists");
    ok(!PathFileExistsW(L"C:\\vine\\no\\such\\file"), "a missing file");
    ok(!PathFileExistsW(NULL), "NULL");
    ok_int(PathIsDirectoryW(dir), FILE_ATTRIBUTE_DIRECTORY);
    ok_int(PathIsDirectoryW(file), 0);
    ok_int(PathIsDirectoryW(L"C:\\vine\\no\\such\\dir"), 0);
    WideCharToMultiByte(CP_ACP, 0, dir, -1, adir, MAX_PATH, NULL, NULL);
    ok(PathFileExistsA(adir), "PathFileExistsA");
    ok_int(PathIsDirectoryA(adir), FILE_ATTRIBUTE_DIRECTORY);

    DeleteFileW(file);
    RemoveDirectoryW(dir);
    ok(!PathFileExistsW(dir), "removed");
}

static void test_strings(void)
{
    static const WCHAR haystack[] = L"Hello World";
    WCHAR *copy;
    char *acopy;

    ok(StrStrIW(haystack, L"WORLD") == haystack + 6, "StrStrIW finds ignoring case");
    ok(StrStrIW(haystack, L"planet") == NULL, "StrStrIW: not found");
    ok(StrStrIW(haystack, L"") == NULL, "StrStrIW: empty needle");
    ok(StrStrIW(NULL, L"x") == NULL, "StrStrIW(NULL)");
    ok(StrStrW(haystack, L"world") == NULL, "StrStrW respects case");
    ok(StrStrW(haystack, L"World") == haystack + 6, "StrStrW");
    {
        static const char ahay[] = "Path\\To\\FILE.txt";
        ok(StrStrIA(ahay, "file") == ahay + 8, "StrStrIA");
        ok(StrStrIA(ahay, "nothere") == NULL, "StrStrIA: not found");
    }

    ok(StrCmpIW(L"abc", L"ABC") == 0, "StrCmpIW equal ignoring case");
    ok(StrCmpIW(L"abc", L"abd") < 0, "StrCmpIW less");
    ok(StrCmpIW(L"b", L"A") > 0, "StrCmpIW greater");
    ok(StrCmpIW(L"ab", L"abc") < 0, "StrCmpIW prefix");
    ok(StrCmpW(L"abc", L"abc") == 0, "StrCmpW");
    ok(StrCmpNIW(L"abcdef", L"ABCxyz", 3) == 0, "StrCmpNIW");

    ok(StrChrW(haystack, 'o') == haystack + 4, "StrChrW");
    ok(StrChrW(haystack, 'z') == NULL, "StrChrW: not found");
    ok(StrChrW(NULL, 'a') == NULL, "StrChrW(NULL)");

    copy = StrDupW(L"duplicate");
    ok(copy && !wcscmp(copy, L"duplicate"), "StrDupW");
    LocalFree(copy);
    copy = StrDupW(NULL);
    ok(copy && copy[0] == 0, "StrDupW(NULL) is an empty string");
    LocalFree(copy);
    acopy = StrDupA("narrow");
    ok(acopy && !strcmp(acopy, "narrow"), "StrDupA");
    LocalFree(acopy);

    ok_int(StrToIntW(L"1234"), 1234);
    ok_int(StrToIntW(L"-56"), -56);
    ok_int(StrToIntW(L"12abc"), 12);
    ok_int(StrToIntW(L"abc"), 0);
    ok_int(StrToIntW(L" 12"), 0);
    ok_int(StrToIntW(L"+12"), 0);
    ok_int(StrToIntA("77"), 77);

    /* StrCmpLogicalW: numbers by value. */
    ok(StrCmpLogicalW(L"file2", L"file10") < 0, "file2 < file10");
    ok(StrCmpLogicalW(L"file10", L"file2") > 0, "file10 > file2");
    ok(StrCmpLogicalW(L"File10", L"file10") == 0, "case is ignored");
    ok(StrCmpLogicalW(L"a", L"b") < 0, "a < b");
    ok(StrCmpLogicalW(L"a", L"ab") < 0, "a < ab");
    ok(StrCmpLogicalW(L"ab", L"a") > 0, "ab > a");
    ok(StrCmpLogicalW(L"1", L"a") < 0, "digits before letters");
    ok(StrCmpLogicalW(L"a", L"1") > 0, "letters after digits");
    ok(StrCmpLogicalW(L"x9y", L"x10y") < 0, "x9y < x10y");
    ok(StrCmpLogicalW(L"x10y", L"x10z") < 0, "x10y < x10z");
    ok(StrCmpLogicalW(L"20", L"3") > 0, "20 > 3");
    ok(StrCmpLogicalW(L"", L"") == 0, "empty strings");
    ok(StrCmpLogicalW(L"", L"a") < 0, "empty first");
}

static void test_registry(void)
{
    static const WCHAR key[] = L"Software\\VineShlwapiTest";
    WCHAR buffer[MAX_PATH];
    char abuffer[MAX_PATH];
    DWORD type, size, number = 42;
    WCHAR expanded[MAX_PATH];
    HKEY handle;

    SHDeleteKeyW(HKEY_CURRENT_USER, key);
    ok_int(SHSetValueW(HKEY_CURRENT_USER, L"Software\\VineShlwapiTest\\Sub", L"Name", REG_SZ, L"value",
                       sizeof(L"value")), ERROR_SUCCESS);
    ok_int(SHSetValueW(HKEY_CURRENT_USER, key, L"Number", REG_DWORD, &number, sizeof(number)), ERROR_SUCCESS);
    ok_int(SHSetValueW(HKEY_CURRENT_USER, key, L"Expand", REG_EXPAND_SZ, L"%SystemRoot%\\x",
                       sizeof(L"%SystemRoot%\\x")), ERROR_SUCCESS);

    size = sizeof(buffer);
    type = 0;
    ok_int(SHGetValueW(HKEY_CURRENT_USER, L"Software\\VineShlwapiTest\\Sub", L"Name", &type, buffer, &size),
           ERROR_SUCCESS);
    ok_int(type, REG_SZ);
    ok_int(size, sizeof(L"value"));
    ok_str(u8(buffer), "value");

    number = 0;
    size = sizeof(number);
    ok_int(SHGetValueW(HKEY_CURRENT_USER, key, L"Number", &type, &number, &size), ERROR_SUCCESS);
    ok_int(type, REG_DWORD);
    ok_int(number, 42);

    /* REG_EXPAND_SZ comes back expanded, as REG_SZ. */
    ExpandEnvironmentStringsW(L"%SystemRoot%\\x", expanded, MAX_PATH);
    size = sizeof(buffer);
    ok_int(SHGetValueW(HKEY_CURRENT_USER, key, L"Expand", &type, buffer, &size), ERROR_SUCCESS);
    ok_int(type, REG_SZ);
    ok(!wcscmp(buffer, expanded), "SHGetValueW expands: %s", u8(buffer));
    size = sizeof(buffer);
    ok_int(SHRegGetPathW(HKEY_CURRENT_USER, key, L"Expand", buffer, 0), ERROR_SUCCESS);
    ok(!wcscmp(buffer, expanded), "SHRegGetPathW expands: %s", u8(buffer));

    /* SHRegGetValue: the type filter and the size protocol. */
    size = sizeof(number);
    ok_int(SHRegGetValueW(HKEY_CURRENT_USER, key, L"Number", SRRF_RT_REG_DWORD, &type, &number, &size), ERROR_SUCCESS);
    ok_int(number, 42);
    size = sizeof(buffer);
    ok_int(SHRegGetValueW(HKEY_CURRENT_USER, key, L"Number", SRRF_RT_REG_SZ, &type, buffer, &size),
           ERROR_UNSUPPORTED_TYPE);
    size = 0;
    ok_int(SHRegGetValueW(HKEY_CURRENT_USER, L"Software\\VineShlwapiTest\\Sub", L"Name", SRRF_RT_REG_SZ, NULL, NULL,
                          &size), ERROR_SUCCESS);
    ok_int(size, sizeof(L"value"));
    size = 4;
    ok_int(SHRegGetValueW(HKEY_CURRENT_USER, L"Software\\VineShlwapiTest\\Sub", L"Name", SRRF_RT_REG_SZ, NULL, buffer,
                          &size), ERROR_MORE_DATA);
    ok_int(size, sizeof(L"value"));
    size = sizeof(buffer);
    ok_int(SHRegGetValueW(HKEY_CURRENT_USER, key, L"Missing", SRRF_RT_ANY, NULL, buffer, &size), ERROR_FILE_NOT_FOUND);

    /* The A forms convert names and string data. */
    size = sizeof(abuffer);
    ok_int(SHGetValueA(HKEY_CURRENT_USER, "Software\\VineShlwapiTest\\Sub", "Name", &type, abuffer, &size),
           ERROR_SUCCESS);
    ok_int(type, REG_SZ);
    ok_int(size, 6);
    ok_str(abuffer, "value");
    size = sizeof(abuffer);
    ok_int(SHRegGetValueA(HKEY_CURRENT_USER, "Software\\VineShlwapiTest\\Sub", "Name", SRRF_RT_REG_SZ, &type, abuffer,
                          &size), ERROR_SUCCESS);
    ok_str(abuffer, "value");
    ok_int(SHSetValueA(HKEY_CURRENT_USER, "Software\\VineShlwapiTest", "Narrow", REG_SZ, "abc", 4), ERROR_SUCCESS);
    size = sizeof(buffer);
    ok_int(SHGetValueW(HKEY_CURRENT_USER, key, L"Narrow", &type, buffer, &size), ERROR_SUCCESS);
    ok_str(u8(buffer), "abc");

    ok_int(SHDeleteValueW(HKEY_CURRENT_USER, key, L"Narrow"), ERROR_SUCCESS);
    size = sizeof(buffer);
    ok_int(SHGetValueW(HKEY_CURRENT_USER, key, L"Narrow", &type, buffer, &size), ERROR_FILE_NOT_FOUND);

    /* SHCopyKey copies the values and subkeys below the source subkey. */
    ok_int(RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\VineShlwapiCopy", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &handle,
                           NULL), ERROR_SUCCESS);
    ok_int(SHCopyKeyW(HKEY_CURRENT_USER, key, handle, 0), ERROR_SUCCESS);
    size = sizeof(buffer);
    ok_int(SHGetValueW(handle, L"Sub", L"Name", &type, buffer, &size), ERROR_SUCCESS);
    ok_str(u8(buffer), "value");
    RegCloseKey(handle);
    ok_int(SHDeleteKeyW(HKEY_CURRENT_USER, L"Software\\VineShlwapiCopy"), ERROR_SUCCESS);

    /* SHDeleteKey removes the key with its subkeys. */
    ok_int(SHDeleteKeyW(HKEY_CURRENT_USER, key), ERROR_SUCCESS);
    ok_int(RegOpenKeyExW(HKEY_CURRENT_USER, key, 0, KEY_READ, &handle), ERROR_FILE_NOT_FOUND);
    ok_int(SHDeleteKeyW(HKEY_CURRENT_USER, key), ERROR_FILE_NOT_FOUND);
}

int main(void)
{
    /* Current SDKs declare PathQuoteSpacesW as returning BOOL; mingw-w64's
     * header still says void. */
    quote_spaces = (quote_spaces_fn)(void *)GetProcAddress(GetModuleHandleA("shlwapi.dll"), "PathQuoteSpacesW");
    test_path_strings();
    test_path_disk();
    test_strings();
    test_registry();
    return vt_summary();
}
