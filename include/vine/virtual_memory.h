// Vine's virtual memory manager: the process's region map and the operations
// on it, with NtAllocateVirtualMemory's, NtFreeVirtualMemory's ... semantics
// and NTSTATUS results. It lives in the vine executable (loader/
// virtual_memory.cpp), because the loader allocates images, stacks, the PEB
// and TEBs before ntdll loads; ntdll's Nt*VirtualMemory functions are thin
// wrappers over it. No server round trip and no /proc parsing: one
// reader-writer lock around the map and the system calls that apply it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "vine/memory.h"
#include "vine/wintypes.h"

struct EXCEPTION_RECORD;

namespace vine::vm {

// Where a new allocation may go (NtAllocateVirtualMemoryEx's
// MEM_ADDRESS_REQUIREMENTS, or ZeroBits): 0 means no limit.
struct Placement {
    uintptr_t lowest = 0;
    uintptr_t highest = 0;  // the last usable byte
    uintptr_t alignment = 0;
};

// *address/*size in and out, as the Nt functions take them.
NTSTATUS allocate(void** address, SIZE_T* size, ULONG type, ULONG protect, const Placement& placement = {});
NTSTATUS free(void** address, SIZE_T* size, ULONG type);
NTSTATUS protect(void** address, SIZE_T* size, ULONG protect, ULONG* old_protect);
NTSTATUS query(const void* address, MEMORY_BASIC_INFORMATION* info);
NTSTATUS lock(void** address, SIZE_T* size, bool lock);
NTSTATUS get_write_watch(ULONG flags, void* base, SIZE_T size, void** addresses, ULONG_PTR* count,
                         ULONG* granularity);
NTSTATUS reset_write_watch(void* base, SIZE_T size);
// Copies between this process's memory and a buffer, stopping at the first
// inaccessible page; *done gets the bytes copied (STATUS_PARTIAL_COPY if
// fewer than asked).
NTSTATUS copy_memory(void* to, const void* from, SIZE_T size, SIZE_T* done);

// Maps `size` bytes of `fd` from `offset` as a view (MEM_MAPPED) with a
// PAGE_* protection: shared, or private for the copy-on-write ones. At
// *address (64 KiB-aligned) or anywhere when null; *address gets the view.
// With MEM_REPLACE_PLACEHOLDER in `type` the view takes the place of the
// placeholder that is exactly [*address, +size).
// With `image` the view is recorded as MEM_IMAGE (map_image_view).
NTSTATUS map_view(int fd, uint64_t offset, SIZE_T size, ULONG protect, void** address, ULONG type = 0,
                  const Placement& placement = {}, bool image = false);
// SEC_IMAGE sections and the modules the loader maps (loader/modules.cpp,
// one code path for both): the PE image in `file_fd` laid out at its RVAs
// in *fd, a layout file of the prefix (image_layout.h) or a new memfd, of
// SizeOfImage bytes (*size); STATUS_INVALID_IMAGE_NOT_MZ or
// STATUS_INVALID_IMAGE_FORMAT when the file is no PE image Vine runs.
NTSTATUS build_image_section(int file_fd, int* fd, uint64_t* size);
// A view of such a descriptor: copy-on-write, MEM_IMAGE, at *address, or
// (null) at the image's ImageBase when free and anywhere else otherwise;
// relocated when not at ImageBase (STATUS_IMAGE_NOT_AT_BASE, a success;
// STATUS_CONFLICTING_ADDRESSES for an image whose relocations were
// stripped), with its header's ImageBase set to where it is. With
// `protect_sections` each section gets the protection Windows gives it
// (writable ones PAGE_WRITECOPY); the loader applies them itself once it
// has bound the imports (protect_image).
NTSTATUS map_image_view(int fd, SIZE_T size, void** address, const Placement& placement, bool protect_sections);
// Views the server counts (loader/section_views.cpp): a view of a
// file-backed or image section, reported with the section's handle, or a
// module the loader mapped from `image_fd` (build_image_section), for which
// the server makes an image section of `file_fd` that only the view holds.
// A server status (0: counted). unmap_section_view unmaps either kind (or
// any other view, as unmap_view) and tells the server.
uint32_t count_section_view(HANDLE section, void* base, SIZE_T size);
uint32_t count_module_view(int image_fd, int file_fd, uint64_t size, void* base);
NTSTATUS unmap_section_view(void* address, bool preserve_placeholder);
// Unmaps the view containing `address` (STATUS_NOT_MAPPED_VIEW if none);
// with `preserve_placeholder` a view that replaced a placeholder becomes
// that placeholder again.
NTSTATUS unmap_view(void* address, bool preserve_placeholder = false);
// Writes a view's dirty pages of [*address, +*size) back to its file (the
// whole rest of the view for a size of 0).
NTSTATUS flush_view(void** address, SIZE_T* size);

// AWE (loader/physical_pages.cpp): maps the pages whose frame numbers are
// `pfns` (null: unmaps) at `count` pages from `base`, or at each of
// `addresses`, inside MEM_PHYSICAL regions; all or nothing.
NTSTATUS map_physical_pages(void* base, ULONG_PTR count, const ULONG_PTR* pfns);
NTSTATUS map_physical_pages_scatter(void* const* addresses, ULONG_PTR count, const ULONG_PTR* pfns);
// After FreeUserPhysicalPages of pages this process had mapped: the
// addresses that held them become inaccessible.
void unmap_freed_physical_pages(const uint64_t* addresses, size_t count);

// For the loader and builtins that make memory of their own kind: records
// [base, base + size) (already mapped) as one committed allocation.
void record(void* base, SIZE_T size, ULONG type, ULONG allocation_protect, ULONG protect);
// Forgets the allocation at base (the caller unmaps it).
void forget(void* base);
// Sets the protection of committed pages (mprotect and the map), or with
// MEM_RESERVE makes them reserved (inaccessible, contents discarded). With
// `apply` false only the map changes: for pages someone else protected
// (ld.so, for the builtins' ELF segments).
void set_pages(void* start, SIZE_T size, ULONG state, ULONG protect, bool apply = true);

// The signal handler's question (loader/crash.cpp): an access fault in a
// page the map keeps inaccessible on purpose. Write-watched pages are
// marked dirty and the fault resolved (true: resume); a guard page loses its
// PAGE_GUARD and the record becomes STATUS_GUARD_PAGE_VIOLATION.
bool resolve_fault(EXCEPTION_RECORD& record);

}  // namespace vine::vm
