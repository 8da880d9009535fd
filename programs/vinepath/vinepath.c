/* vinepath: converts path names between Unix and Windows, as Wine's
 * winepath does.
 *   vine vinepath -u 'C:\x'     the Unix name of a Windows path (the default)
 *   vine vinepath -w /unix/path the Windows name of a Unix path
 * One result per line, in UTF-8; the exit status is 1 if a path could not
 * be converted. It asks Vine's kernel32 (vine_get_unix_file_name,
 * vine_get_dos_file_name), found at run time so that the program builds
 * with mingw-w64's import libraries. */
#include <windows.h>

typedef char *(WINAPI *to_unix_fn)(const WCHAR *);
typedef WCHAR *(WINAPI *to_dos_fn)(const char *);

static void write_bytes(HANDLE h, const char *s, int n) {
    DWORD written;
    if (n > 0) WriteFile(h, s, (DWORD)n, &written, NULL);
}

static void write_text(HANDLE h, const char *s) {
    int n = 0;
    while (s[n]) ++n;
    write_bytes(h, s, n);
}

static void write_wide(HANDLE h, const WCHAR *s) {
    int size = WideCharToMultiByte(CP_UTF8, 0, s, -1, NULL, 0, NULL, NULL);
    if (size <= 1) return;
    char *bytes = HeapAlloc(GetProcessHeap(), 0, size);
    WideCharToMultiByte(CP_UTF8, 0, s, -1, bytes, size, NULL, NULL);
    write_bytes(h, bytes, size - 1);
    HeapFree(GetProcessHeap(), 0, bytes);
}

static int equal(const WCHAR *a, const char *b) {
    while (*a && *a == (WCHAR)*b) ++a, ++b;
    return !*a && !*b;
}

int wmain(int argc, WCHAR **argv) {
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE), err = GetStdHandle(STD_ERROR_HANDLE);
    HMODULE kernel32 = GetModuleHandleW(L"kernel32.dll");
    to_unix_fn to_unix = (to_unix_fn)(void *)GetProcAddress(kernel32, "vine_get_unix_file_name");
    to_dos_fn to_dos = (to_dos_fn)(void *)GetProcAddress(kernel32, "vine_get_dos_file_name");
    if (!to_unix || !to_dos) {
        write_text(err, "vinepath: this kernel32 is not Vine's\n");
        return 2;
    }
    int windows = 0, status = 0, paths = 0;
    for (int i = 1; i < argc; ++i) {
        if (equal(argv[i], "-u") || equal(argv[i], "--unix")) windows = 0;
        else if (equal(argv[i], "-w") || equal(argv[i], "--windows")) windows = 1;
        else if (equal(argv[i], "-h") || equal(argv[i], "--help")) {
            write_text(out, "usage: vinepath [-u | -w] PATH...\n"
                            "  -u, --unix     the Unix name of each Windows path (the default)\n"
                            "  -w, --windows  the Windows name of each Unix path\n");
            return 0;
        } else {
            ++paths;
            if (windows) {
                int size = WideCharToMultiByte(CP_UTF8, 0, argv[i], -1, NULL, 0, NULL, NULL);
                char *unix_path = HeapAlloc(GetProcessHeap(), 0, size > 0 ? size : 1);
                WideCharToMultiByte(CP_UTF8, 0, argv[i], -1, unix_path, size, NULL, NULL);
                WCHAR *dos = to_dos(unix_path);
                HeapFree(GetProcessHeap(), 0, unix_path);
                if (!dos) {
                    write_text(err, "vinepath: cannot convert a path\n");
                    status = 1;
                    continue;
                }
                write_wide(out, dos);
                HeapFree(GetProcessHeap(), 0, dos);
            } else {
                char *unix_path = to_unix(argv[i]);
                if (!unix_path) {
                    write_text(err, "vinepath: ");
                    write_wide(err, argv[i]);
                    write_text(err, ": no Unix name (a drive Vine does not map)\n");
                    status = 1;
                    continue;
                }
                write_text(out, unix_path);
                HeapFree(GetProcessHeap(), 0, unix_path);
            }
            write_text(out, "\n");
        }
    }
    if (!paths) {
        write_text(err, "usage: vinepath [-u | -w] PATH...\n");
        return 2;
    }
    return status;
}
