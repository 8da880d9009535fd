/* Win32 path names in ntdll: RtlDosPathNameToNtPathName_U and its status
 * and relative forms, RtlGetFullPathName_U, RtlDetermineDosPathNameType_U,
 * RtlGetCurrentDirectory_U, with the names Windows gives for drive, UNC,
 * "\\?\", "\\.\", relative and device (NUL, CON, COM1) paths. */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

typedef struct {
    USHORT Length, MaximumLength;
    PWSTR Buffer;
} USTR;
typedef struct {
    USTR RelativeName;
    HANDLE ContainingDirectory;
    PVOID CurDirRef;
} RELATIVE_NAME;

static BOOLEAN(WINAPI *pRtlDosPathNameToNtPathName_U)(const WCHAR *, USTR *, WCHAR **, void *);
static LONG(WINAPI *pRtlDosPathNameToNtPathName_U_WithStatus)(const WCHAR *, USTR *, WCHAR **, void *);
static BOOLEAN(WINAPI *pRtlDosPathNameToRelativeNtPathName_U)(const WCHAR *, USTR *, WCHAR **, RELATIVE_NAME *);
static LONG(WINAPI *pRtlDosPathNameToRelativeNtPathName_U_WithStatus)(const WCHAR *, USTR *, WCHAR **,
                                                                       RELATIVE_NAME *);
static void(WINAPI *pRtlReleaseRelativeName)(RELATIVE_NAME *);
static ULONG(WINAPI *pRtlGetFullPathName_U)(const WCHAR *, ULONG, WCHAR *, WCHAR **);
static ULONG(WINAPI *pRtlDetermineDosPathNameType_U)(const WCHAR *);
static ULONG(WINAPI *pRtlGetCurrentDirectory_U)(ULONG, WCHAR *);
static void(WINAPI *pRtlFreeUnicodeString)(USTR *);

static int same(const USTR *s, const WCHAR *expected)
{
    size_t n = wcslen(expected);
    return s->Length == n * sizeof(WCHAR) && !memcmp(s->Buffer, expected, n * sizeof(WCHAR)) && !s->Buffer[n];
}

/* dos -> nt, with the file part expected (NULL: none). */
static void check_nt(const WCHAR *dos, const WCHAR *nt, const WCHAR *file_part)
{
    USTR name = {0};
    WCHAR *part = (WCHAR *)1;
    BOOLEAN r = pRtlDosPathNameToNtPathName_U(dos, &name, &part, NULL);
    ok(r && same(&name, nt), "RtlDosPathNameToNtPathName_U(%ls) = %ls (got %d, %.*ls)", dos, nt, r,
       (int)(name.Length / 2), name.Buffer ? name.Buffer : L"");
    if (!r) return;
    if (file_part)
        ok(part && !wcscmp(part, file_part), "  its file part is %ls (%ls)", file_part, part ? part : L"(null)");
    else
        ok(part == NULL, "  it has no file part (%ls)", part ? part : L"(null)");
    pRtlFreeUnicodeString(&name);
}

static void check_full(const WCHAR *dos, const WCHAR *full, const WCHAR *file_part)
{
    WCHAR buffer[MAX_PATH];
    WCHAR *part = (WCHAR *)1;
    ULONG bytes = pRtlGetFullPathName_U(dos, sizeof(buffer), buffer, &part);
    ok(bytes == wcslen(full) * sizeof(WCHAR) && !wcscmp(buffer, full), "RtlGetFullPathName_U(%ls) = %ls (%lu, %ls)",
       dos, full, bytes, bytes < sizeof(buffer) ? buffer : L"");
    if (file_part) ok(part && !wcscmp(part, file_part), "  its file part is %ls", file_part);
}

static void test_types(void)
{
    static const struct {
        const WCHAR *path;
        ULONG type;
    } cases[] = {
        {L"\\\\server\\share", 1}, {L"//server/share", 1}, {L"C:\\x", 2}, {L"c:/x", 2}, {L"C:x", 3},
        {L"C:", 3}, {L"\\x", 4}, {L"/x", 4}, {L"x", 5}, {L"..\\x", 5}, {L"\\\\.\\PIPE\\x", 6},
        {L"\\\\?\\C:\\x", 6}, {L"\\\\.", 7}, {L"\\\\?", 7},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ok(pRtlDetermineDosPathNameType_U(cases[i].path) == cases[i].type, "RtlDetermineDosPathNameType_U(%ls) = %lu (%lu)",
           cases[i].path, cases[i].type, pRtlDetermineDosPathNameType_U(cases[i].path));
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    WCHAR dir[MAX_PATH], expected[MAX_PATH + 16], cwd[MAX_PATH];
    USTR name = {0};
    RELATIVE_NAME relative;
    WCHAR *part;
    ULONG bytes;
    LONG status;

#define LOAD(f) p##f = (void *)GetProcAddress(ntdll, #f); ok(p##f != NULL, "ntdll exports " #f)
    LOAD(RtlDosPathNameToNtPathName_U);
    LOAD(RtlDosPathNameToNtPathName_U_WithStatus);
    LOAD(RtlDosPathNameToRelativeNtPathName_U);
    LOAD(RtlDosPathNameToRelativeNtPathName_U_WithStatus);
    LOAD(RtlReleaseRelativeName);
    LOAD(RtlGetFullPathName_U);
    LOAD(RtlDetermineDosPathNameType_U);
    LOAD(RtlGetCurrentDirectory_U);
    LOAD(RtlFreeUnicodeString);
    if (!pRtlDosPathNameToNtPathName_U || !pRtlGetFullPathName_U || !pRtlDetermineDosPathNameType_U ||
        !pRtlGetCurrentDirectory_U || !pRtlFreeUnicodeString || !pRtlDosPathNameToRelativeNtPathName_U_WithStatus)
        return vt_summary();

    test_types();

    /* drives */
    check_nt(L"C:\\windows\\foo.txt", L"\\??\\C:\\windows\\foo.txt", L"foo.txt");
    check_nt(L"c:/a/b/../c", L"\\??\\c:\\a\\c", L"c");
    check_nt(L"C:\\a\\.\\b.", L"\\??\\C:\\a\\b", L"b");
    check_nt(L"C:\\a\\", L"\\??\\C:\\a\\", NULL);
    check_nt(L"C:\\", L"\\??\\C:\\", NULL);
    /* UNC */
    check_nt(L"\\\\server\\share\\dir\\f", L"\\??\\UNC\\server\\share\\dir\\f", L"f");
    /* "\\?\" is taken as it is, "\\.\" names a device */
    check_nt(L"\\\\?\\C:\\a\\..\\b", L"\\??\\C:\\a\\..\\b", L"b");
    check_nt(L"\\\\.\\PIPE\\foo", L"\\??\\PIPE\\foo", L"foo");
    check_nt(L"\\\\.\\C:", L"\\??\\C:", L"C:");
    /* an NT name stays one */
    check_nt(L"\\??\\C:\\x", L"\\??\\C:\\x", L"x");
    check_nt(L"\\??\\foo\\..", L"\\??\\foo\\..", L"..");
    check_nt(L"\\??\\foo\\", L"\\??\\foo\\", NULL);
    /* "\\?\" keeps slashes, dots and spaces; "//?/" does not */
    check_nt(L"\\\\?\\foo/bar", L"\\??\\foo/bar", L"foo/bar");
    check_nt(L"\\\\?\\foo. . ", L"\\??\\foo. . ", L"foo. . ");
    check_nt(L"//?/foo/bar", L"\\??\\foo\\bar", L"bar");
    check_nt(L"//./foo/..", L"\\??\\", NULL);
    check_nt(L"\\\\.\\foo. . ", L"\\??\\foo", L"foo");
    check_nt(L"c:/foo . .", L"\\??\\c:\\foo", L"foo");
    check_nt(L"c:/..", L"\\??\\c:\\", NULL);
    /* DOS devices */
    check_nt(L"nul", L"\\??\\nul", NULL);
    check_nt(L"COM1", L"\\??\\COM1", NULL);
    check_nt(L"CON", L"\\??\\CON", NULL);

    /* relative names, against the current directory */
    GetTempPathW(MAX_PATH, dir);
    ok(SetCurrentDirectoryW(dir), "SetCurrentDirectoryW(%ls)", dir);
    GetCurrentDirectoryW(MAX_PATH, cwd);
    bytes = pRtlGetCurrentDirectory_U(sizeof(dir), dir);
    ok(bytes == wcslen(cwd) * sizeof(WCHAR) && !wcscmp(dir, cwd), "RtlGetCurrentDirectory_U = %ls (%ls)", cwd, dir);
    if (cwd[wcslen(cwd) - 1] != '\\') wcscat(cwd, L"\\");
    wcscpy(expected, L"\\??\\");
    wcscat(expected, cwd);
    wcscat(expected, L"rel.txt");
    check_nt(L"rel.txt", expected, L"rel.txt");
    check_nt(L".\\sub\\..\\rel.txt", expected, L"rel.txt");

    /* failures */
    SetLastError(0xdeadbeef);
    ok(!pRtlDosPathNameToNtPathName_U(L"", &name, NULL, NULL), "an empty name has no NT name");
    status = pRtlDosPathNameToNtPathName_U_WithStatus(L"", &name, NULL, NULL);
    ok(status == (LONG)0xc0000033, "_WithStatus of an empty name: STATUS_OBJECT_NAME_INVALID (%#lx)", status);
    status = pRtlDosPathNameToNtPathName_U_WithStatus(L"C:\\x", &name, &part, NULL);
    ok(status == 0 && same(&name, L"\\??\\C:\\x"), "_WithStatus(C:\\x): success (%#lx)", status);
    if (!status) pRtlFreeUnicodeString(&name);

    /* the relative form, for a name outside the current directory */
    memset(&relative, 0xcc, sizeof(relative));
    status = pRtlDosPathNameToRelativeNtPathName_U_WithStatus(L"C:\\elsewhere\\x", &name, &part, &relative);
    ok(status == 0 && same(&name, L"\\??\\C:\\elsewhere\\x"), "relative form: the full NT name (%#lx)", status);
    ok(relative.RelativeName.Length == 0 && relative.ContainingDirectory == NULL,
       "relative form: no relative name outside the current directory");
    pRtlReleaseRelativeName(&relative);
    if (!status) pRtlFreeUnicodeString(&name);
    ok(pRtlDosPathNameToRelativeNtPathName_U(L"C:\\y", &name, NULL, &relative) && same(&name, L"\\??\\C:\\y"),
       "RtlDosPathNameToRelativeNtPathName_U(C:\\y)");
    pRtlReleaseRelativeName(&relative);
    pRtlFreeUnicodeString(&name);

    /* RtlGetFullPathName_U */
    check_full(L"C:\\a\\.\\b\\..\\c.txt", L"C:\\a\\c.txt", L"c.txt");
    check_full(L"C:/x//y", L"C:\\x\\y", L"y");
    check_full(L"\\\\server\\share\\..\\x", L"\\\\server\\share\\x", L"x");
    /* GetFullPathName resolves "\\?\" names (only the NT conversion keeps them) */
    check_full(L"\\\\?\\C:\\a\\..\\b", L"\\\\?\\C:\\b", L"b");
    check_full(L"//?/foo/..", L"\\\\?\\", NULL);
    check_full(L"C:\\con\\con", L"\\\\.\\con", NULL);
    check_full(L"C:\\a\\...", L"C:\\a\\", NULL);
    check_full(L"nul", L"\\\\.\\nul", NULL);
    check_full(L"COM1", L"\\\\.\\COM1", NULL);
    wcscpy(expected, cwd);
    wcscat(expected, L"rel.txt");
    check_full(L"rel.txt", expected, L"rel.txt");
    {
        WCHAR small[4];
        bytes = pRtlGetFullPathName_U(L"C:\\abcdef", sizeof(small), small, NULL);
        ok(bytes == sizeof(L"C:\\abcdef"), "a short buffer: the size needed with the NUL (%lu)", bytes);
        ok(pRtlGetFullPathName_U(L"", sizeof(dir), dir, NULL) == 0, "an empty name: 0");
    }
    return vt_summary();
}
