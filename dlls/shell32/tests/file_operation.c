/* shell32: SHFileOperation copying, moving, renaming and deleting files and
 * directory trees, with several sources, wildcards and one destination per
 * source. */
#include <windows.h>
#include <shellapi.h>
#include <wchar.h>

#include "vinetest.h"

#define QUIET (FOF_NOCONFIRMATION | FOF_SILENT | FOF_NOERRORUI | FOF_NOCONFIRMMKDIR)

static WCHAR base[MAX_PATH];

/* `names` separated by '|', each relative to the base directory; the result
 * is a double-NUL-terminated list. */
static const WCHAR *list(const WCHAR *names)
{
    static WCHAR buffers[2][4096];
    static int next;
    WCHAR *out = buffers[next++ % 2], *p = out;
    const WCHAR *name = names;
    while (*name) {
        const WCHAR *end = wcschr(name, '|');
        size_t n = end ? (size_t)(end - name) : wcslen(name);
        wcscpy(p, base);
        wcscat(p, L"\\");
        p += wcslen(p);
        memcpy(p, name, n * sizeof(WCHAR));
        p += n;
        *p++ = 0;
        name += n;
        if (*name == '|') name++;
    }
    *p = 0;
    return out;
}

static const WCHAR *at(const WCHAR *name)
{
    static WCHAR buffers[4][MAX_PATH];
    static int next;
    WCHAR *out = buffers[next++ % 4];
    wcscpy(out, base);
    wcscat(out, L"\\");
    wcscat(out, name);
    return out;
}

static BOOL exists(const WCHAR *name) { return GetFileAttributesW(at(name)) != INVALID_FILE_ATTRIBUTES; }

static BOOL is_dir(const WCHAR *name)
{
    DWORD attributes = GetFileAttributesW(at(name));
    return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY);
}

static void write_file(const WCHAR *name, const char *text)
{
    DWORD written;
    HANDLE file = CreateFileW(at(name), GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, text, (DWORD)strlen(text), &written, NULL);
    CloseHandle(file);
}

static BOOL has_text(const WCHAR *name, const char *text)
{
    char buffer[256] = "";
    DWORD got = 0;
    HANDLE file = CreateFileW(at(name), GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return FALSE;
    ReadFile(file, buffer, sizeof(buffer) - 1, &got, NULL);
    CloseHandle(file);
    buffer[got] = 0;
    return !strcmp(buffer, text);
}

static int run(UINT function, const WCHAR *from, const WCHAR *to, FILEOP_FLAGS flags)
{
    SHFILEOPSTRUCTW operation;
    memset(&operation, 0, sizeof(operation));
    operation.wFunc = function;
    operation.pFrom = from;
    operation.pTo = to;
    operation.fFlags = flags;
    operation.fAnyOperationsAborted = 0xdead;
    return SHFileOperationW(&operation);
}

int main(void)
{
    GetTempPathW(MAX_PATH, base);
    wcscat(base, L"vine_shell32_fileop");
    {
        WCHAR whole[MAX_PATH + 2] = L"";
        wcscpy(whole, base);
        whole[wcslen(whole) + 1] = 0;
        run(FO_DELETE, whole, NULL, QUIET);
    }
    ok(CreateDirectoryW(base, NULL), "made the test directory");
    CreateDirectoryW(at(L"src"), NULL);
    CreateDirectoryW(at(L"src\\sub"), NULL);
    write_file(L"src\\a.txt", "alpha");
    write_file(L"src\\b.txt", "beta");
    write_file(L"src\\c.dat", "gamma");
    write_file(L"src\\sub\\d.txt", "delta");

    /* One file to a new name. */
    ok_int(run(FO_COPY, list(L"src\\a.txt"), list(L"one.txt"), QUIET), 0);
    ok(has_text(L"one.txt", "alpha"), "copied to a new name");
    /* ... and over an existing file. */
    ok_int(run(FO_COPY, list(L"src\\b.txt"), list(L"one.txt"), QUIET), 0);
    ok(has_text(L"one.txt", "beta"), "copied over an existing file");

    /* A file into an existing directory keeps its name. */
    CreateDirectoryW(at(L"into"), NULL);
    ok_int(run(FO_COPY, list(L"src\\a.txt"), list(L"into"), QUIET), 0);
    ok(has_text(L"into\\a.txt", "alpha"), "copied into a directory");

    /* A directory tree to a new name. */
    ok_int(run(FO_COPY, list(L"src"), list(L"tree"), QUIET), 0);
    ok(has_text(L"tree\\a.txt", "alpha") && has_text(L"tree\\sub\\d.txt", "delta"), "the tree was copied");
    ok(has_text(L"src\\sub\\d.txt", "delta"), "the source is still there");

    /* Several sources into a directory that is made for them. */
    ok_int(run(FO_COPY, list(L"src\\a.txt|src\\c.dat"), list(L"several"), QUIET), 0);
    ok(is_dir(L"several") && has_text(L"several\\a.txt", "alpha") && has_text(L"several\\c.dat", "gamma"),
       "several sources copied into a new directory");

    /* A wildcard: only what matches, and no subdirectories with FOF_FILESONLY. */
    ok_int(run(FO_COPY, list(L"src\\*.txt"), list(L"wild"), QUIET), 0);
    ok(has_text(L"wild\\a.txt", "alpha") && has_text(L"wild\\b.txt", "beta"), "*.txt copied");
    ok(!exists(L"wild\\c.dat"), "c.dat does not match *.txt");
    ok_int(run(FO_COPY, list(L"src\\*"), list(L"files"), QUIET | FOF_FILESONLY), 0);
    ok(exists(L"files\\c.dat") && !exists(L"files\\sub"), "FOF_FILESONLY leaves directories out");
    ok_int(run(FO_COPY, list(L"src\\*"), list(L"all"), QUIET), 0);
    ok(has_text(L"all\\sub\\d.txt", "delta"), "src\\* takes the subdirectory along");

    /* FOF_RENAMEONCOLLISION: a taken name gets Windows 10's "- Copy" names
     * (Wine 8 names them differently). */
    ok_int(run(FO_COPY, list(L"src\\a.txt"), list(L"into"), QUIET | FOF_RENAMEONCOLLISION), 0);
    ok(has_text(L"into\\a - Copy.txt", "alpha"), "a - Copy.txt");
    ok_int(run(FO_COPY, list(L"src\\a.txt"), list(L"into"), QUIET | FOF_RENAMEONCOLLISION), 0);
    ok(has_text(L"into\\a - Copy (2).txt", "alpha"), "a - Copy (2).txt");

    /* One destination per source. */
    ok_int(run(FO_COPY, list(L"src\\a.txt|src\\b.txt"), list(L"x.txt|y.txt"), QUIET | FOF_MULTIDESTFILES), 0);
    ok(has_text(L"x.txt", "alpha") && has_text(L"y.txt", "beta"), "FOF_MULTIDESTFILES pairs them");

    /* Moving a file and a tree. */
    ok_int(run(FO_MOVE, list(L"x.txt"), list(L"moved.txt"), QUIET), 0);
    ok(!exists(L"x.txt") && has_text(L"moved.txt", "alpha"), "a file moved");
    ok_int(run(FO_MOVE, list(L"tree"), list(L"moved_tree"), QUIET), 0);
    ok(!exists(L"tree") && has_text(L"moved_tree\\sub\\d.txt", "delta"), "a tree moved");
    ok_int(run(FO_MOVE, list(L"y.txt|moved.txt"), list(L"into"), QUIET), 0);
    ok(has_text(L"into\\y.txt", "beta") && has_text(L"into\\moved.txt", "alpha") && !exists(L"y.txt"),
       "two files moved into a directory");

    /* Renaming; not onto an existing name. */
    ok_int(run(FO_RENAME, list(L"one.txt"), list(L"renamed.txt"), QUIET), 0);
    ok(!exists(L"one.txt") && has_text(L"renamed.txt", "beta"), "renamed");
    ok(run(FO_RENAME, list(L"renamed.txt"), list(L"src"), QUIET) != 0, "no rename onto an existing name");
    ok(has_text(L"renamed.txt", "beta"), "the file is still there");

    /* Deleting: a wildcard, several sources, whole trees; a missing source fails. */
    ok_int(run(FO_DELETE, list(L"wild\\*.txt"), NULL, QUIET), 0);
    ok(is_dir(L"wild") && !exists(L"wild\\a.txt") && !exists(L"wild\\b.txt"), "*.txt deleted, the directory kept");
    ok_int(run(FO_DELETE, list(L"renamed.txt|several"), NULL, QUIET), 0);
    ok(!exists(L"renamed.txt") && !exists(L"several"), "a file and a tree deleted");
    ok(run(FO_DELETE, list(L"no_such_file.txt"), NULL, QUIET) != 0, "deleting a missing file fails");
    ok(run(FO_COPY, list(L"no_such_file.txt"), list(L"z.txt"), QUIET) != 0, "copying a missing file fails");
    ok(!exists(L"z.txt"), "nothing was made");
    ok(run(0x77, list(L"src"), NULL, QUIET) != 0, "an unknown function fails");

    {
        WCHAR whole[MAX_PATH + 2] = L"";
        wcscpy(whole, base);
        whole[wcslen(whole) + 1] = 0;
        ok_int(run(FO_DELETE, whole, NULL, QUIET), 0);
    }
    ok(GetFileAttributesW(base) == INVALID_FILE_ATTRIBUTES, "everything deleted");

    {
        /* The A form. */
        char abase[MAX_PATH], from[MAX_PATH + 2];
        SHFILEOPSTRUCTA operation;
        WideCharToMultiByte(CP_ACP, 0, base, -1, abase, MAX_PATH, NULL, NULL);
        CreateDirectoryA(abase, NULL);
        memset(from, 0, sizeof(from));
        strcpy(from, abase);
        memset(&operation, 0, sizeof(operation));
        operation.wFunc = FO_DELETE;
        operation.pFrom = from;
        operation.fFlags = QUIET;
        ok_int(SHFileOperationA(&operation), 0);
        ok(!operation.fAnyOperationsAborted, "nothing aborted");
        ok(GetFileAttributesA(abase) == INVALID_FILE_ATTRIBUTES, "SHFileOperationA deleted the directory");
    }
    return vt_summary();
}
