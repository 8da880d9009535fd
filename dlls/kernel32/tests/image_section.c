/* Image sections and loaded modules, as Windows has them:
 * - a SEC_IMAGE view away from the image's ImageBase (the base is taken, or
 *   the caller names another address) is valid, NtMapViewOfSection
 *   returning STATUS_IMAGE_NOT_AT_BASE (a success), and its contents are
 *   laid out for the ImageBase its header names (what the loader relocates
 *   from): Vine relocates the view to where it is;
 * - an image section, or a module the loader mapped, locks its file: an
 *   open for writing is ERROR_SHARING_VIOLATION whatever the share mode,
 *   deleting it is ERROR_ACCESS_DENIED (STATUS_CANNOT_DELETE), while the
 *   section or a view of it lives; after that both work again
 *   (learn.microsoft.com, IFS "Executable images");
 * - a module is a MEM_IMAGE view with each section's protection;
 *   FreeLibrary of its last reference unmaps it, and UnmapViewOfFile of its
 *   base unmaps it too (the process then ends with TerminateProcess, since
 *   the unmapped DLL's DllMain cannot run at exit).
 * vt_reloc1.dll is linked at the fixed base VT_RELOC_BASE without dynamic
 * base; vt_table holds absolute addresses only relocations fix. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

#define STATUS_IMAGE_NOT_AT_BASE ((NTSTATUS)0x40000003)
typedef NTSTATUS (WINAPI *NtMapViewOfSection_fn)(HANDLE, HANDLE, PVOID *, ULONG_PTR, SIZE_T, const LARGE_INTEGER *,
                                                 SIZE_T *, ULONG, ULONG, ULONG);
typedef NTSTATUS (WINAPI *NtUnmapViewOfSection_fn)(HANDLE, PVOID);
static NtMapViewOfSection_fn pNtMapViewOfSection;
static NtUnmapViewOfSection_fn pNtUnmapViewOfSection;

static MEMORY_BASIC_INFORMATION info;
static BOOL query(const void *address)
{
    memset(&info, 0, sizeof(info));
    return VirtualQuery(address, &info, sizeof(info)) == sizeof(info);
}

/* The RVA of the export `name` of the image laid out at `base`, or 0. */
static DWORD export_rva(const unsigned char *base, const char *name)
{
    const IMAGE_NT_HEADERS64 *nt = (const IMAGE_NT_HEADERS64 *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew);
    const IMAGE_DATA_DIRECTORY *dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT];
    const IMAGE_EXPORT_DIRECTORY *exports;
    const DWORD *names, *functions;
    const WORD *ordinals;
    DWORD i;
    if (!dir->VirtualAddress) return 0;
    exports = (const IMAGE_EXPORT_DIRECTORY *)(base + dir->VirtualAddress);
    names = (const DWORD *)(base + exports->AddressOfNames);
    functions = (const DWORD *)(base + exports->AddressOfFunctions);
    ordinals = (const WORD *)(base + exports->AddressOfNameOrdinals);
    for (i = 0; i < exports->NumberOfNames; i++)
        if (!strcmp((const char *)base + names[i], name)) return functions[ordinals[i]];
    return 0;
}

static ULONGLONG image_base_of(const unsigned char *base)
{
    return ((const IMAGE_NT_HEADERS64 *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew))->OptionalHeader.ImageBase;
}

/* Whether vt_table in the image at `base` points at vt_value and at itself
 * as laid out from `for_base`: what relocations for `for_base` make it. */
static BOOL table_for(const unsigned char *base, ULONGLONG for_base)
{
    DWORD table = export_rva(base, "vt_table"), value = export_rva(base, "vt_value");
    const ULONGLONG *entries = (const ULONGLONG *)(base + table);
    return table && value && entries[0] == for_base + value && entries[3] == for_base + table;
}

static BOOL table_fits(const unsigned char *base) { return table_for(base, (ULONG_PTR)base); }

static void dll_path(const char *name, char *path)
{
    char *slash;
    GetModuleFileNameA(NULL, path, MAX_PATH);
    slash = strrchr(path, '\\');
    strcpy(slash ? slash + 1 : path, name);
}

/* A copy of vt_reloc1.dll in the temporary directory, for tests that lock
 * or delete it. */
static BOOL temporary_copy(char *path, const char *tag)
{
    char source[MAX_PATH];
    dll_path("vt_reloc1.dll", source);
    GetTempPathA(MAX_PATH, path);
    sprintf(path + strlen(path), "vt-image-%s-%lu.dll", tag, GetCurrentProcessId());
    return CopyFileA(source, path, FALSE);
}

static void test_relocated_views(void)
{
    char path[MAX_PATH];
    HANDLE file, mapping;
    PVOID first = NULL, second = NULL, third, wanted;
    SIZE_T size = 0;
    NTSTATUS status;

    dll_path("vt_reloc1.dll", path);
    file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "open vt_reloc1.dll: error %lu", GetLastError());
    mapping = CreateFileMappingA(file, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
    ok(mapping != NULL, "CreateFileMapping(SEC_IMAGE): error %lu", GetLastError());
    CloseHandle(file);
    if (!mapping) return;

    status = pNtMapViewOfSection(mapping, GetCurrentProcess(), &first, 0, 0, NULL, &size, 1, 0, PAGE_READONLY);
    ok(status == 0 && first == (PVOID)VT_RELOC_BASE, "the first view is at its ImageBase: status %#lx at %p",
       status, first);
    if (status < 0) return;
    ok(table_fits(first), "its table holds the addresses it was linked with");

    size = 0;
    status = pNtMapViewOfSection(mapping, GetCurrentProcess(), &second, 0, 0, NULL, &size, 1, 0, PAGE_READONLY);
    ok(status == STATUS_IMAGE_NOT_AT_BASE && second && second != first,
       "a second view goes elsewhere: status %#lx at %p", status, second);
    if (status >= 0) {
        /* The loader relocates such a view by the difference between where
         * it is and the header's ImageBase: its contents are laid out for
         * that ImageBase (Vine relocates the view itself, and makes its
         * ImageBase the view's address; Windows and Wine may leave both). */
        ok(table_for(second, image_base_of(second)), "its contents are for its header's ImageBase %#llx",
           (unsigned long long)image_base_of(second));
        ok(table_fits(first), "the first view keeps its own addresses");
        BOOL queried = query(second);
        ok(queried && info.Type == MEM_IMAGE && info.AllocationBase == second && info.Protect == PAGE_READONLY,
           "it is MEM_IMAGE: type %#lx protect %#lx", info.Type, info.Protect);
        ok(!pNtUnmapViewOfSection(GetCurrentProcess(), second), "unmap the second view");
    }

    /* at an address the caller names */
    wanted = VirtualAlloc(NULL, 0x1000000, MEM_RESERVE, PAGE_NOACCESS);
    VirtualFree(wanted, 0, MEM_RELEASE);
    third = wanted;
    size = 0;
    status = pNtMapViewOfSection(mapping, GetCurrentProcess(), &third, 0, 0, NULL, &size, 1, 0, PAGE_READONLY);
    ok(status == STATUS_IMAGE_NOT_AT_BASE && third == wanted, "a view at %p asked for: status %#lx at %p", wanted,
       status, third);
    if (status >= 0) {
        ok(table_for(third, image_base_of(third)), "its contents are for its header's ImageBase");
        ok(UnmapViewOfFile(third), "UnmapViewOfFile of it");
    }

    /* MapViewOfFile maps the relocated view too */
    third = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
    ok(third && third != first && table_for(third, image_base_of(third)), "MapViewOfFile: a view at %p", third);
    if (third) UnmapViewOfFile(third);

    ok(!pNtUnmapViewOfSection(GetCurrentProcess(), first), "unmap the first view");
    CloseHandle(mapping);
}

static HANDLE open_for(const char *path, DWORD access, DWORD flags)
{
    return CreateFileA(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                       flags, NULL);
}

/* The file at `path` is locked as an image: checks say so with `what`. */
static void expect_locked(const char *path, const char *what)
{
    char message[200];
    HANDLE reading = open_for(path, GENERIC_READ, 0);
    ok(reading != INVALID_HANDLE_VALUE, "%s: it opens for reading (error %lu)", what, GetLastError());
    if (reading != INVALID_HANDLE_VALUE) CloseHandle(reading);
    sprintf(message, "%s: an open for GENERIC_WRITE", what);
    expect_fail(open_for(path, GENERIC_WRITE, 0) != INVALID_HANDLE_VALUE, ERROR_SHARING_VIOLATION, message);
    sprintf(message, "%s: an open for FILE_WRITE_DATA", what);
    expect_fail(open_for(path, FILE_WRITE_DATA, 0) != INVALID_HANDLE_VALUE, ERROR_SHARING_VIOLATION, message);
    sprintf(message, "%s: an open with FILE_FLAG_DELETE_ON_CLOSE", what);
    expect_fail(open_for(path, DELETE, FILE_FLAG_DELETE_ON_CLOSE) != INVALID_HANDLE_VALUE, ERROR_ACCESS_DENIED,
                message);
    sprintf(message, "%s: DeleteFile", what);
    expect_fail(DeleteFileA(path), ERROR_ACCESS_DENIED, message);
}

static void expect_unlocked(const char *path, const char *what)
{
    HANDLE writing = open_for(path, GENERIC_WRITE, 0);
    ok(writing != INVALID_HANDLE_VALUE, "%s: it opens for writing again (error %lu)", what, GetLastError());
    if (writing != INVALID_HANDLE_VALUE) CloseHandle(writing);
}

static void test_section_locks_file(void)
{
    char path[MAX_PATH];
    HANDLE file, mapping, plain;
    void *view;

    ok(temporary_copy(path, "section"), "copy vt_reloc1.dll to %s: error %lu", path, GetLastError());
    file = open_for(path, GENERIC_READ, 0);
    mapping = CreateFileMappingA(file, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
    ok(mapping != NULL, "CreateFileMapping(SEC_IMAGE): error %lu", GetLastError());
    CloseHandle(file);
    if (!mapping) return;
    expect_locked(path, "with the section");
    view = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
    ok(view != NULL, "map a view");
    CloseHandle(mapping);
    expect_locked(path, "with a view only");
    ok(UnmapViewOfFile(view), "unmap it");
    expect_unlocked(path, "with neither");

    /* a plain (SEC_COMMIT) mapping of the same file locks nothing */
    file = open_for(path, GENERIC_READ, 0);
    plain = CreateFileMappingA(file, NULL, PAGE_READONLY, 0, 0, NULL);
    ok(plain != NULL, "a data mapping of it: error %lu", GetLastError());
    expect_unlocked(path, "with a data mapping");
    CloseHandle(plain);
    CloseHandle(file);
    ok(DeleteFileA(path), "DeleteFile once nothing maps it: error %lu", GetLastError());
}

/* The sections of the module at `base` have the protections Windows gives
 * them. */
static void check_module_layout(const unsigned char *base, const char *what)
{
    const IMAGE_NT_HEADERS64 *nt = (const IMAGE_NT_HEADERS64 *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew);
    const IMAGE_SECTION_HEADER *s = IMAGE_FIRST_SECTION(nt);
    int i, right = 0;
    BOOL queried = query(base);
    ok(queried && info.Type == MEM_IMAGE && info.AllocationBase == base &&
       info.AllocationProtect == PAGE_EXECUTE_WRITECOPY && info.Protect == PAGE_READONLY,
       "%s: the headers are MEM_IMAGE, PAGE_READONLY: type %#lx protect %#lx", what, info.Type, info.Protect);
    for (i = 0; i < nt->FileHeader.NumberOfSections; i++) {
        DWORD c = s[i].Characteristics, expected;
        if (c & IMAGE_SCN_MEM_EXECUTE) expected = (c & IMAGE_SCN_MEM_WRITE) ? PAGE_EXECUTE_WRITECOPY : PAGE_EXECUTE_READ;
        else expected = (c & IMAGE_SCN_MEM_WRITE) ? PAGE_WRITECOPY : PAGE_READONLY;
        /* a written page of a copy-on-write section is PAGE_READWRITE */
        if (query(base + s[i].VirtualAddress) && info.Type == MEM_IMAGE && info.AllocationBase == base &&
            (info.Protect == expected || (expected == PAGE_WRITECOPY && info.Protect == PAGE_READWRITE)))
            right++;
        else
            printf("  section %.8s: protect %#lx, expected %#lx\n", (const char *)s[i].Name, info.Protect, expected);
    }
    ok(right == nt->FileHeader.NumberOfSections, "%s: %d of %d sections have their protection", what, right,
       nt->FileHeader.NumberOfSections);
}

static void test_module_freed(void)
{
    char path[MAX_PATH];
    HMODULE module;
    BOOL queried;

    ok(temporary_copy(path, "freed"), "copy vt_reloc1.dll to %s", path);
    module = LoadLibraryA(path);
    ok(module != NULL, "LoadLibrary: error %lu", GetLastError());
    if (!module) return;
    check_module_layout((const unsigned char *)module, "a loaded DLL");
    ok(table_fits((const unsigned char *)module), "it is relocated for where it is");
    expect_locked(path, "while loaded");
    ok(FreeLibrary(module), "FreeLibrary of its last reference");
    queried = query(module);
    ok(queried && info.State == MEM_FREE, "unmaps it: state %#lx type %#lx", info.State, info.Type);
    expect_unlocked(path, "once freed");
    ok(DeleteFileA(path), "DeleteFile once freed: error %lu", GetLastError());
}

/* Last: the process cannot end normally after this (see above). */
static void test_module_unmapped(void)
{
    char path[MAX_PATH];
    HMODULE module;
    BOOL queried;

    dll_path("vt_reloc2.dll", path);
    module = LoadLibraryA(path);
    ok(module != NULL, "LoadLibrary(vt_reloc2.dll): error %lu", GetLastError());
    if (!module) return;
    ok(UnmapViewOfFile(module), "UnmapViewOfFile of a loaded DLL's base: error %lu", GetLastError());
    queried = query(module);
    ok(queried && info.State == MEM_FREE, "unmaps it: state %#lx", info.State);
    expect_unlocked(path, "once unmapped");
}

int main(void)
{
    int failures;
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    pNtMapViewOfSection = (NtMapViewOfSection_fn)GetProcAddress(ntdll, "NtMapViewOfSection");
    pNtUnmapViewOfSection = (NtUnmapViewOfSection_fn)GetProcAddress(ntdll, "NtUnmapViewOfSection");
    check_module_layout((const unsigned char *)GetModuleHandleA(NULL), "this EXE");
    test_relocated_views();
    test_section_locks_file();
    test_module_freed();
    test_module_unmapped();
    failures = vt_summary();
    fflush(stdout);
    TerminateProcess(GetCurrentProcess(), failures);
    return failures;
}
