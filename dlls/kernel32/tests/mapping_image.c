/* Image sections: CreateFileMapping(SEC_IMAGE) of this program's own EXE,
 * whose views lay the headers and sections out at their RVAs (what lies past
 * a section's raw data is zero; relocated for the ImageBase the view's
 * header names), are MEM_IMAGE in VirtualQuery with each
 * section's protection (code PAGE_EXECUTE_READ, writable data
 * PAGE_WRITECOPY, headers PAGE_READONLY), and are copy-on-write; a file that
 * is no PE image is ERROR_BAD_EXE_FORMAT. Expectations are Windows'
 * documented behaviour. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

typedef struct {
    PVOID BaseAddress;
    ULONG Attributes;
    LARGE_INTEGER Size;
} SECTION_BASIC;
typedef NTSTATUS (WINAPI *NtQuerySection_fn)(HANDLE, int, void *, SIZE_T, SIZE_T *);

static MEMORY_BASIC_INFORMATION info;
static BOOL query(const void *address)
{
    memset(&info, 0, sizeof(info));
    return VirtualQuery(address, &info, sizeof(info)) == sizeof(info);
}

/* The file's bytes of the section at `rva` (`size` of them, in `buffer`)
 * get the relocations the view's directory lists, by `delta`. */
static void relocate(unsigned char *buffer, DWORD rva, DWORD size, const unsigned char *view, LONGLONG delta)
{
    IMAGE_NT_HEADERS64 *nt = (IMAGE_NT_HEADERS64 *)(view + ((IMAGE_DOS_HEADER *)view)->e_lfanew);
    IMAGE_DATA_DIRECTORY dir = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_BASERELOC];
    DWORD at = 0;
    while (at + sizeof(IMAGE_BASE_RELOCATION) <= dir.Size) {
        const IMAGE_BASE_RELOCATION *block = (const IMAGE_BASE_RELOCATION *)(view + dir.VirtualAddress + at);
        const WORD *entries = (const WORD *)(block + 1);
        DWORD i, count = (block->SizeOfBlock - sizeof(*block)) / 2;
        if (block->SizeOfBlock < sizeof(*block)) break;
        for (i = 0; i < count; i++) {
            DWORD target = block->VirtualAddress + (entries[i] & 0xfff);
            ULONGLONG value;
            if ((entries[i] >> 12) != IMAGE_REL_BASED_DIR64 || target < rva || target + 8 > rva + size) continue;
            memcpy(&value, buffer + (target - rva), 8);
            value += delta;
            memcpy(buffer + (target - rva), &value, 8);
        }
        at += block->SizeOfBlock;
    }
}

/* The file's bytes at [offset, offset + size), into buffer. */
static BOOL read_at(HANDLE file, DWORD offset, void *buffer, DWORD size)
{
    DWORD done = 0;
    SetFilePointer(file, offset, NULL, FILE_BEGIN);
    return ReadFile(file, buffer, size, &done, NULL) && done == size;
}

static void test_own_image(void)
{
    char path[MAX_PATH];
    HANDLE file, mapping;
    unsigned char *view, *second;
    IMAGE_NT_HEADERS64 *nt;
    IMAGE_SECTION_HEADER *sections;
    NtQuerySection_fn pNtQuerySection =
        (NtQuerySection_fn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtQuerySection");
    SECTION_BASIC basic;
    SIZE_T length;
    int i, code = -1, data = -1;
    LONGLONG delta;
    ULONGLONG file_base;
    BOOL same = TRUE, zero = TRUE, queried;

    GetModuleFileNameA(NULL, path, sizeof(path));
    file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "open this program's EXE: error %lu", GetLastError());
    mapping = CreateFileMappingA(file, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
    ok(mapping != NULL, "CreateFileMapping(SEC_IMAGE): error %lu", GetLastError());
    if (!mapping) return;
    if (pNtQuerySection) {
        memset(&basic, 0, sizeof(basic));
        queried = !pNtQuerySection(mapping, 0, &basic, sizeof(basic), &length);
        ok(queried && (basic.Attributes & SEC_IMAGE), "NtQuerySection: attributes %#lx", basic.Attributes);
    }

    view = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
    ok(view != NULL && ((ULONG_PTR)view & 0xffff) == 0, "a view at %p", view);
    if (!view) return;
    ok(view[0] == 'M' && view[1] == 'Z', "the view starts with the DOS header");
    nt = (IMAGE_NT_HEADERS64 *)(view + ((IMAGE_DOS_HEADER *)view)->e_lfanew);
    ok(nt->Signature == IMAGE_NT_SIGNATURE, "and has the NT headers");
    if (pNtQuerySection)
        ok(basic.Size.QuadPart == ((nt->OptionalHeader.SizeOfImage + 0xfff) & ~0xfff),
           "the section's size is SizeOfImage: %#llx", basic.Size.QuadPart);
    sections = IMAGE_FIRST_SECTION(nt);
    /* the base the file's absolute addresses are for */
    file_base = 0;
    read_at(file, ((IMAGE_DOS_HEADER *)view)->e_lfanew + FIELD_OFFSET(IMAGE_NT_HEADERS64, OptionalHeader.ImageBase),
            &file_base, sizeof(file_base));
    /* The view is away from the EXE (which holds its ImageBase); its contents
     * are laid out for the ImageBase its header names (Vine: the view's
     * address, relocated there), which the loader relocates from. */
    delta = (LONGLONG)nt->OptionalHeader.ImageBase - (LONGLONG)file_base;
    ok(view != (unsigned char *)GetModuleHandleA(NULL), "the view is not the EXE");

    /* each section at its RVA, as the file has it, zero past its raw data */
    for (i = 0; i < nt->FileHeader.NumberOfSections; i++) {
        IMAGE_SECTION_HEADER *s = &sections[i];
        DWORD raw = s->SizeOfRawData < s->Misc.VirtualSize || !s->Misc.VirtualSize ? s->SizeOfRawData
                                                                                  : s->Misc.VirtualSize;
        static unsigned char buffer[1 << 20];
        DWORD j;
        if (raw > sizeof(buffer)) raw = sizeof(buffer);
        if (raw && !read_at(file, s->PointerToRawData, buffer, raw)) same = FALSE;
        if (raw) relocate(buffer, s->VirtualAddress, raw, view, delta);
        if (raw && memcmp(view + s->VirtualAddress, buffer, raw)) same = FALSE;
        for (j = raw; j < s->Misc.VirtualSize && j < raw + 0x1000; j++)
            if (view[s->VirtualAddress + j]) zero = FALSE;
        if (code < 0 && (s->Characteristics & IMAGE_SCN_MEM_EXECUTE)) code = i;
        if (data < 0 && (s->Characteristics & IMAGE_SCN_MEM_WRITE) && s->SizeOfRawData) data = i;
    }
    ok(same, "every section's raw data is at its RVA");
    ok(zero, "past the raw data, zero");

    queried = query(view);
    ok(queried && info.Type == MEM_IMAGE && info.AllocationBase == view && info.State == MEM_COMMIT &&
       info.AllocationProtect == PAGE_EXECUTE_WRITECOPY && info.Protect == PAGE_READONLY,
       "headers: type %#lx protect %#lx allocation protect %#lx", info.Type, info.Protect, info.AllocationProtect);
    ok(code >= 0 && data >= 0, "the EXE has code and data sections");
    if (code >= 0) {
        queried = query(view + sections[code].VirtualAddress);
        ok(queried && info.Type == MEM_IMAGE && info.AllocationBase == view && info.Protect == PAGE_EXECUTE_READ,
           "code section: protect %#lx", info.Protect);
    }
    if (data >= 0) {
        unsigned char *where = view + sections[data].VirtualAddress;
        unsigned char before = where[0];
        queried = query(where);
        ok(queried && info.Type == MEM_IMAGE && info.Protect == PAGE_WRITECOPY, "data section: protect %#lx",
           info.Protect);

        /* copy-on-write: a write stays in its view */
        second = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
        ok(second != NULL && second != view, "a second view at %p", second);
        where[0] = (unsigned char)(before + 1);
        ok(second && second[sections[data].VirtualAddress] == before, "the second view does not see the write");
        if (second) ok(UnmapViewOfFile(second), "unmap the second view");
    }

    ok(UnmapViewOfFile(view), "UnmapViewOfFile");
    queried = query(view);
    ok(queried && info.State == MEM_FREE, "the view is gone: state %#lx", info.State);
    CloseHandle(mapping);
    CloseHandle(file);
}

static void test_not_an_image(void)
{
    char path[MAX_PATH];
    HANDLE file;
    DWORD written;
    static const char text[] = "this is no PE image, only some text in a file";
    static const char mz[64] = "MZ but nothing after it that a loader could use";

    GetTempPathA(sizeof(path), path);
    sprintf(path + strlen(path), "vine-not-image-%lu.txt", GetCurrentProcessId());
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "create %s", path);
    WriteFile(file, text, sizeof(text), &written, NULL);
    expect_fail(CreateFileMappingA(file, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL) != NULL, ERROR_BAD_EXE_FORMAT,
                "SEC_IMAGE of a text file");
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    WriteFile(file, mz, sizeof(mz), &written, NULL);
    SetEndOfFile(file);
    expect_fail(CreateFileMappingA(file, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL) != NULL, ERROR_BAD_EXE_FORMAT,
                "SEC_IMAGE of a file with only \"MZ\"");
    CloseHandle(file);
    DeleteFileA(path);
}

int main(void)
{
    test_own_image();
    test_not_an_image();
    return vt_summary();
}
