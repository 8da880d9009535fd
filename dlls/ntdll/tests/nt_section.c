/* Sections through the NT API: NtExtendSection on file-backed sections (the
 * section grows, a writable one's file with it; a size not above the
 * section's changes nothing and reports the size; SECTION_EXTEND_SIZE is
 * needed; pagefile-backed sections and read-only sections past their file's
 * end are STATUS_SECTION_NOT_EXTENDED), seen by NtQuerySection, by views of
 * the whole section, and through another handle. Exact NTSTATUS results;
 * prototypes declared here, as programs that call these do. */
#include <windows.h>

#include "vinetest.h"

typedef struct {
    PVOID BaseAddress;
    ULONG Attributes;
    LARGE_INTEGER Size;
} SECTION_BASIC;

typedef NTSTATUS (WINAPI *NtCreateSection_fn)(HANDLE *, ACCESS_MASK, void *, LARGE_INTEGER *, ULONG, ULONG, HANDLE);
typedef NTSTATUS (WINAPI *NtExtendSection_fn)(HANDLE, LARGE_INTEGER *);
typedef NTSTATUS (WINAPI *NtQuerySection_fn)(HANDLE, int, void *, SIZE_T, SIZE_T *);
typedef NTSTATUS (WINAPI *NtMapViewOfSection_fn)(HANDLE, HANDLE, void **, ULONG_PTR, SIZE_T, LARGE_INTEGER *,
                                                 SIZE_T *, int, ULONG, ULONG);
typedef NTSTATUS (WINAPI *NtUnmapViewOfSection_fn)(HANDLE, void *);

static NtCreateSection_fn pNtCreateSection;
static NtExtendSection_fn pNtExtendSection;
static NtQuerySection_fn pNtQuerySection;
static NtMapViewOfSection_fn pNtMapViewOfSection;
static NtUnmapViewOfSection_fn pNtUnmapViewOfSection;

#define STATUS_SUCCESS_ ((NTSTATUS)0)
#define STATUS_ACCESS_DENIED_ ((NTSTATUS)0xc0000022)
#define STATUS_INVALID_HANDLE_ ((NTSTATUS)0xc0000008)
#define STATUS_OBJECT_TYPE_MISMATCH_ ((NTSTATUS)0xc0000024)
#define STATUS_SECTION_NOT_EXTENDED_ ((NTSTATUS)0xc0000087)

static LONGLONG file_size(HANDLE file)
{
    LARGE_INTEGER size;
    size.QuadPart = -1;
    GetFileSizeEx(file, &size);
    return size.QuadPart;
}

/* The section's size by NtQuerySection, or -1. */
static LONGLONG section_size(HANDLE section)
{
    SECTION_BASIC basic;
    SIZE_T length = 0;
    memset(&basic, 0, sizeof(basic));
    if (pNtQuerySection(section, 0 /* SectionBasicInformation */, &basic, sizeof(basic), &length)) return -1;
    return basic.Size.QuadPart;
}

static NTSTATUS extend(HANDLE section, LONGLONG size, LONGLONG *result)
{
    LARGE_INTEGER value;
    NTSTATUS status;
    value.QuadPart = size;
    status = pNtExtendSection(section, &value);
    *result = value.QuadPart;
    return status;
}

/* A view of all of the section (size 0): its size, 0 when refused. */
static SIZE_T whole_view(HANDLE section, char **view)
{
    SIZE_T size = 0;
    *view = NULL;
    if (pNtMapViewOfSection(section, GetCurrentProcess(), (void **)view, 0, 0, NULL, &size, 1, 0, PAGE_READWRITE))
        return 0;
    return size;
}

static void test_file_section(void)
{
    char path[MAX_PATH], *view;
    HANDLE file, section, other, limited;
    LARGE_INTEGER maximum;
    LONGLONG result;
    NTSTATUS status;
    SIZE_T size;
    DWORD count;
    char buffer[8];

    GetTempPathA(sizeof(path), path);
    sprintf(path + strlen(path), "vine-nt-section-%lu.bin", GetCurrentProcessId());
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "create %s", path);
    SetFilePointer(file, 0x3000, NULL, FILE_BEGIN);
    SetEndOfFile(file);

    status = pNtCreateSection(&section, SECTION_ALL_ACCESS, NULL, NULL, PAGE_READWRITE, SEC_COMMIT, file);
    ok(status == STATUS_SUCCESS_, "NtCreateSection on a 12 KiB file: %#lx", status);
    ok(section_size(section) == 0x3000, "its size: %#llx", section_size(section));

    /* a second handle that has already mapped (and so knows) the old size */
    ok(DuplicateHandle(GetCurrentProcess(), section, GetCurrentProcess(), &other, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "a second handle");
    size = whole_view(other, &view);
    ok(size == 0x3000, "its whole view: %#llx", (unsigned long long)size);
    if (view) pNtUnmapViewOfSection(GetCurrentProcess(), view);

    status = extend(section, 0x1000, &result);
    ok(status == STATUS_SUCCESS_ && result == 0x3000, "extending below the size: %#lx, size %#llx", status, result);
    ok(section_size(section) == 0x3000 && file_size(file) == 0x3000, "nothing shrank: section %#llx file %#llx",
       section_size(section), file_size(file));
    status = extend(section, 0x3000, &result);
    ok(status == STATUS_SUCCESS_ && result == 0x3000, "extending to the size: %#lx, size %#llx", status, result);

    status = extend(section, 0x25000, &result);
    ok(status == STATUS_SUCCESS_ && result == 0x25000, "extending to 148 KiB: %#lx, size %#llx", status, result);
    ok(section_size(section) == 0x25000, "NtQuerySection: %#llx", section_size(section));
    ok(file_size(file) == 0x25000, "the file grew with it: %#llx", file_size(file));

    size = whole_view(section, &view);
    ok(size == 0x25000 && view != NULL, "a whole view: %#llx", (unsigned long long)size);
    if (view) {
        memcpy(view + 0x24ff8, "extended", 8);
        SetFilePointer(file, 0x24ff8, NULL, FILE_BEGIN);
        memset(buffer, 0, sizeof(buffer));
        ok(ReadFile(file, buffer, 8, &count, NULL) && count == 8 && !memcmp(buffer, "extended", 8),
           "ReadFile sees the view's write in the extension");
        pNtUnmapViewOfSection(GetCurrentProcess(), view);
    }
    ok(section_size(other) == 0x25000, "the other handle's NtQuerySection: %#llx", section_size(other));
    size = whole_view(other, &view);
    ok(size == 0x25000, "the other handle's whole view: %#llx", (unsigned long long)size);
    if (view) pNtUnmapViewOfSection(GetCurrentProcess(), view);
    CloseHandle(other);

    /* SECTION_EXTEND_SIZE is needed */
    ok(DuplicateHandle(GetCurrentProcess(), section, GetCurrentProcess(), &limited,
                       SECTION_QUERY | SECTION_MAP_READ | SECTION_MAP_WRITE, FALSE, 0), "a handle without it");
    status = extend(limited, 0x30000, &result);
    ok(status == STATUS_ACCESS_DENIED_, "NtExtendSection without SECTION_EXTEND_SIZE: %#lx", status);
    ok(section_size(section) == 0x25000, "size unchanged: %#llx", section_size(section));
    CloseHandle(limited);
    CloseHandle(section);

    /* a section of part of its file grows within the file, leaving it alone */
    maximum.QuadPart = 0x1000;
    status = pNtCreateSection(&section, SECTION_ALL_ACCESS, NULL, &maximum, PAGE_READONLY, SEC_COMMIT, file);
    ok(status == STATUS_SUCCESS_ && section_size(section) == 0x1000, "a read-only section of 4 KiB: %#lx", status);
    status = extend(section, 0x20000, &result);
    ok(status == STATUS_SUCCESS_ && result == 0x20000, "extended within the file: %#lx, size %#llx", status, result);
    ok(file_size(file) == 0x25000, "the file as it was: %#llx", file_size(file));
    status = extend(section, 0x40000, &result);
    ok(status == STATUS_SECTION_NOT_EXTENDED_, "a read-only section past its file's end: %#lx", status);
    ok(section_size(section) == 0x20000 && file_size(file) == 0x25000, "neither changed: section %#llx file %#llx",
       section_size(section), file_size(file));
    CloseHandle(section);
    CloseHandle(file);
    DeleteFileA(path);
}

static void test_other_sections(void)
{
    HANDLE section, event;
    LARGE_INTEGER maximum;
    LONGLONG result;
    NTSTATUS status;

    maximum.QuadPart = 0x10000;
    status = pNtCreateSection(&section, SECTION_ALL_ACCESS, NULL, &maximum, PAGE_READWRITE, SEC_COMMIT, NULL);
    ok(status == STATUS_SUCCESS_, "a pagefile-backed section: %#lx", status);
    status = extend(section, 0x20000, &result);
    ok(status == STATUS_SECTION_NOT_EXTENDED_, "extending it: %#lx", status);
    ok(section_size(section) == 0x10000, "its size: %#llx", section_size(section));
    CloseHandle(section);

    status = extend((HANDLE)(ULONG_PTR)0x7ffc, 0x20000, &result);
    ok(status == STATUS_INVALID_HANDLE_, "an invalid handle: %#lx", status);
    event = CreateEventA(NULL, FALSE, FALSE, NULL);
    status = extend(event, 0x20000, &result);
    ok(status == STATUS_OBJECT_TYPE_MISMATCH_, "an event: %#lx", status);
    CloseHandle(event);
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    pNtCreateSection = (NtCreateSection_fn)GetProcAddress(ntdll, "NtCreateSection");
    pNtExtendSection = (NtExtendSection_fn)GetProcAddress(ntdll, "NtExtendSection");
    pNtQuerySection = (NtQuerySection_fn)GetProcAddress(ntdll, "NtQuerySection");
    pNtMapViewOfSection = (NtMapViewOfSection_fn)GetProcAddress(ntdll, "NtMapViewOfSection");
    pNtUnmapViewOfSection = (NtUnmapViewOfSection_fn)GetProcAddress(ntdll, "NtUnmapViewOfSection");
    ok(pNtCreateSection && pNtExtendSection && pNtQuerySection && pNtMapViewOfSection && pNtUnmapViewOfSection,
       "ntdll exports the section functions");
    if (!pNtExtendSection || !pNtCreateSection || !pNtQuerySection || !pNtMapViewOfSection || !pNtUnmapViewOfSection)
        return vt_summary();
    test_file_section();
    test_other_sections();
    return vt_summary();
}
