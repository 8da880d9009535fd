// Sections: NtCreateSection/NtOpenSection ask the server, which owns the
// descriptor behind each section (server/requests_section.cpp); views are
// mapped in the process by the virtual memory manager (vine/virtual_memory.h)
// from the descriptor the handle cache keeps, so mapping a view asks the
// server nothing after the first view of a handle.
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>


#include "ntdll_private.h"
#include "object.h"
#include "vine/memory.h"
#include "vine/ntstatus.h"
#include "vine/server_client.h"
#include "vine/virtual_memory.h"

namespace {

constexpr NTSTATUS STATUS_INVALID_PARAMETER_9 = nt_status(0xc00000f7);
constexpr uint64_t kGranularity = 0x10000;

NTSTATUS report_file_view(HANDLE section, void* base, SIZE_T size) {
    if (uint32_t error = vine::vm::count_section_view(section, base, size)) return ntdll::status_from_server(error);
    return STATUS_SUCCESS;
}

// A file-backed section may have grown (NtExtendSection, in any process)
// since the handle cache learnt its size; it can only have when its file
// is now longer than that, and only then is the server asked.
uint64_t current_size(HANDLE section, const vine::client::HandleInfo& info) {
    if (!(info.section_attributes & SEC_FILE)) return info.section_size;
    struct stat st {};
    if (fstat(info.fd, &st) != 0 || static_cast<uint64_t>(st.st_size) <= info.section_size) return info.section_size;
    vine::protocol::extend_section_request request{reinterpret_cast<uintptr_t>(section), 0};
    vine::protocol::extend_section_reply reply{};
    return vine::client::call(request, reply) == 0 ? reply.size : info.section_size;
}

bool writable(ULONG protect) { return protect & (PAGE_READWRITE | PAGE_EXECUTE_READWRITE); }
bool executable(ULONG protect) {
    return protect & (PAGE_EXECUTE | PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY);
}

bool valid_section_protection(ULONG protect) {
    switch (protect) {
    case PAGE_READONLY:
    case PAGE_READWRITE:
    case PAGE_WRITECOPY:
    case PAGE_EXECUTE_READ:
    case PAGE_EXECUTE_READWRITE:
    case PAGE_EXECUTE_WRITECOPY: return true;
    default: return false;
    }
}

// `fds`: none, the file's, or for SEC_IMAGE the image laid out and the file.
NTSTATUS create_or_open(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes, bool open_existing,
                        uint64_t size, ULONG protect, ULONG section_attributes, const int* fds = nullptr,
                        uint32_t fd_count = 0) {
    if (!handle) return STATUS_INVALID_PARAMETER;
    *handle = nullptr;
    const WCHAR* name;
    uint32_t bytes;
    if (NTSTATUS status = ntdll::object_name(attributes, name, bytes); status != STATUS_SUCCESS) return status;
    if (open_existing && !name) return STATUS_OBJECT_PATH_SYNTAX_BAD;
    vine::protocol::create_section_request request{};
    request.access = access;
    auto [inherit, create_flags] = ntdll::create_fields(attributes, open_existing);
    request.inherit = inherit;
    request.flags = create_flags;
    request.protect = protect;
    request.attributes = section_attributes;
    request.size = size;
    vine::protocol::create_section_reply reply{};
    uint32_t error = vine::client::call(request, reply, name, bytes, fds, fd_count);
    if (error) return error == vine::protocol::status::invalid_handle ? STATUS_OBJECT_TYPE_MISMATCH
                                                                      : ntdll::status_from_server(error);
    // Not remembered here: the first view asks the server once for the
    // section's descriptor, which the handle cache then keeps.
    *handle = reinterpret_cast<HANDLE>(reply.handle);
    return reply.existed && !open_existing ? STATUS_OBJECT_NAME_EXISTS : STATUS_SUCCESS;
}

// SEC_IMAGE: the image laid out as the loader maps its modules (one code
// path: vine::vm::build_image_section), in a descriptor the section keeps
// (so every view shares its pages until written); views are copy-on-write
// and MEM_IMAGE, relocated when away from ImageBase. The section locks the
// file against writing and deleting while it (or a view of it) lives.
NTSTATUS create_image_section(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes, HANDLE file) {
    if (!file) return STATUS_INVALID_FILE_FOR_SECTION;
    int file_fd = vine::client::handle_fd(file);
    if (file_fd < 0) return STATUS_INVALID_HANDLE;
    if ((fcntl(file_fd, F_GETFL) & O_ACCMODE) == O_WRONLY) return STATUS_ACCESS_DENIED;
    struct stat st {};
    if (fstat(file_fd, &st) != 0 || !S_ISREG(st.st_mode)) return STATUS_INVALID_FILE_FOR_SECTION;
    if (!st.st_size) return STATUS_MAPPED_FILE_SIZE_ZERO;
    int image_fd = -1;
    uint64_t size = 0;
    if (NTSTATUS status = vine::vm::build_image_section(file_fd, &image_fd, &size)) return status;
    const int fds[2] = {image_fd, file_fd};
    NTSTATUS status = create_or_open(handle, access, attributes, false, size, PAGE_EXECUTE_WRITECOPY,
                                     SEC_IMAGE | SEC_FILE, fds, 2);
    close(image_fd);  // the server has its copy
    return status;
}

// A view of a SEC_IMAGE section: all of it, at its ImageBase when free,
// counted by the server (it holds the section, and so the file's lock).
NTSTATUS map_image(HANDLE section, const vine::client::HandleInfo& info, PVOID* base, SIZE_T* view_size,
                   ULONG_PTR zero_bits) {
    vine::vm::Placement placement;
    if (zero_bits && zero_bits < 32) placement.highest = (uintptr_t{1} << (32 - zero_bits)) - 1;
    void* address = *base;
    NTSTATUS status = vine::vm::map_image_view(info.fd, info.section_size, &address, placement, true);
    if (status != STATUS_SUCCESS && status != STATUS_IMAGE_NOT_AT_BASE) return status;
    SIZE_T size = (info.section_size + 0xfff) & ~SIZE_T{0xfff};
    if (NTSTATUS reported = report_file_view(section, address, size); reported != STATUS_SUCCESS) {
        vine::vm::unmap_view(address);
        return reported;
    }
    *base = address;
    *view_size = size;
    return status;
}

}  // namespace

VINE_EXPORT NTSTATUS NtCreateSection(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                     const LARGE_INTEGER* maximum_size, ULONG protect, ULONG section_attributes,
                                     HANDLE file) {
    if (!valid_section_protection(protect)) return STATUS_INVALID_PAGE_PROTECTION;
    if (section_attributes & SEC_LARGE_PAGES) return STATUS_PRIVILEGE_NOT_HELD;
    if (section_attributes & SEC_IMAGE) return create_image_section(handle, access, attributes, file);
    if (section_attributes & ~(SEC_COMMIT | SEC_RESERVE | SEC_NOCACHE | SEC_WRITECOMBINE))
        return STATUS_INVALID_PARAMETER_6;
    if (!(section_attributes & (SEC_COMMIT | SEC_RESERVE))) section_attributes |= SEC_COMMIT;
    if (maximum_size && maximum_size->QuadPart < 0) return STATUS_INVALID_PARAMETER;
    uint64_t size = maximum_size ? static_cast<uint64_t>(maximum_size->QuadPart) : 0;
    int fd = -1;
    if (file) {
        fd = vine::client::handle_fd(file);
        if (fd < 0) return STATUS_INVALID_HANDLE;
        struct stat st {};
        if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return STATUS_INVALID_FILE_FOR_SECTION;
        int mode = fcntl(fd, F_GETFL) & O_ACCMODE;
        if (writable(protect) && mode != O_RDWR) return STATUS_ACCESS_DENIED;
        if (mode == O_WRONLY) return STATUS_ACCESS_DENIED;
        auto file_size = static_cast<uint64_t>(st.st_size);
        if (!size) {
            if (!file_size) return STATUS_MAPPED_FILE_SIZE_ZERO;
            size = file_size;
        } else if (size > file_size) {
            // A writable section larger than its file extends the file.
            if (!writable(protect)) return STATUS_SECTION_TOO_BIG;
            if (ftruncate(fd, static_cast<off_t>(size)) != 0) return STATUS_DISK_FULL;
        }
        section_attributes |= SEC_FILE;
    } else if (!size) {
        return STATUS_INVALID_PARAMETER_4;
    }
    return create_or_open(handle, access, attributes, false, size, protect, section_attributes, fd >= 0 ? &fd : nullptr,
                          fd >= 0 ? 1 : 0);
}

VINE_EXPORT NTSTATUS NtOpenSection(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes) {
    return create_or_open(handle, access, attributes, true, 0, 0, 0);
}

VINE_EXPORT NTSTATUS NtMapViewOfSection(HANDLE section, HANDLE process, PVOID* base, ULONG_PTR zero_bits,
                                        SIZE_T commit_size, const LARGE_INTEGER* offset, SIZE_T* view_size,
                                        ULONG inherit, ULONG allocation_type, ULONG protect) {
    (void)commit_size;
    (void)inherit;  // views are not inherited: Vine makes children with exec
    if (process != ntdll::kCurrentProcess) return STATUS_NOT_SUPPORTED;
    if (!base || !view_size) return STATUS_INVALID_PARAMETER;
    if (allocation_type & ~(MEM_TOP_DOWN | MEM_RESERVE | MEM_REPLACE_PLACEHOLDER | MEM_LARGE_PAGES))
        return STATUS_INVALID_PARAMETER_9;
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(section, info)) return STATUS_INVALID_HANDLE;
    if (info.type != vine::protocol::ObjectType::section || info.fd < 0) return STATUS_OBJECT_TYPE_MISMATCH;
    if ((protect & 0xff) == 0 || (protect & ~0xffu)) return STATUS_INVALID_PAGE_PROTECTION;

    // The view's protection against the handle's rights and the section's.
    ULONG section_protect = info.file_flags;
    // A write view needs SECTION_MAP_WRITE (which includes reading: a
    // handle opened with FILE_MAP_WRITE alone maps read/write views).
    if (writable(protect) ? !(info.access & SECTION_MAP_WRITE)
                          : !(info.access & (SECTION_MAP_READ | SECTION_MAP_WRITE)))
        return STATUS_ACCESS_DENIED;
    if (executable(protect) && !(info.access & SECTION_MAP_EXECUTE)) return STATUS_ACCESS_DENIED;
    if (writable(protect) && !writable(section_protect)) return STATUS_SECTION_PROTECTION;
    if (executable(protect) && !executable(section_protect)) return STATUS_SECTION_PROTECTION;

    if (info.section_attributes & SEC_IMAGE) {
        if (offset && offset->QuadPart) return STATUS_INVALID_PARAMETER;
        return map_image(section, info, base, view_size, zero_bits);
    }

    uint64_t start = offset ? static_cast<uint64_t>(offset->QuadPart) : 0;
    if (offset && offset->QuadPart < 0) return STATUS_INVALID_PARAMETER;
    if (start % kGranularity || reinterpret_cast<uintptr_t>(*base) % kGranularity) return STATUS_MAPPED_ALIGNMENT;
    uint64_t section_size = current_size(section, info);
    if (start >= section_size) return STATUS_INVALID_VIEW_SIZE;
    SIZE_T size = *view_size ? *view_size : section_size - start;
    if (size > section_size - start) return STATUS_INVALID_VIEW_SIZE;

    vine::vm::Placement placement;
    if (zero_bits && zero_bits < 32) placement.highest = (uintptr_t{1} << (32 - zero_bits)) - 1;
    void* address = *base;
    NTSTATUS status = vine::vm::map_view(info.fd, start, size, protect, &address, allocation_type, placement);
    if (status != STATUS_SUCCESS) return status;
    if (info.section_attributes & SEC_FILE) {  // (image sections are mapped above)
        status = report_file_view(section, address, size);
        if (status != STATUS_SUCCESS) {
            vine::vm::unmap_view(address, allocation_type & MEM_REPLACE_PLACEHOLDER);
            return status;
        }
    }
    *base = address;
    *view_size = (size + 0xfff) & ~SIZE_T{0xfff};
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtMapViewOfSectionEx(HANDLE section, HANDLE process, PVOID* base, const LARGE_INTEGER* offset,
                                          SIZE_T* view_size, ULONG allocation_type, ULONG protect,
                                          MEM_EXTENDED_PARAMETER* parameters, ULONG count) {
    if (count && !parameters) return STATUS_INVALID_PARAMETER;
    if (count) return STATUS_NOT_SUPPORTED;  // address requirements for views: not yet
    return NtMapViewOfSection(section, process, base, 0, 0, offset, view_size, 1, allocation_type, protect);
}

VINE_EXPORT NTSTATUS NtUnmapViewOfSection(HANDLE process, PVOID base) {
    if (process != ntdll::kCurrentProcess) return STATUS_NOT_SUPPORTED;
    return vine::vm::unmap_section_view(base, false);
}

VINE_EXPORT NTSTATUS NtUnmapViewOfSectionEx(HANDLE process, PVOID base, ULONG flags) {
    if (flags & ~ULONG{MEM_UNMAP_WITH_TRANSIENT_BOOST | MEM_PRESERVE_PLACEHOLDER}) return STATUS_INVALID_PARAMETER;
    if (process != ntdll::kCurrentProcess) return STATUS_NOT_SUPPORTED;
    return vine::vm::unmap_section_view(base, flags & MEM_PRESERVE_PLACEHOLDER);
}

VINE_EXPORT NTSTATUS NtQuerySection(HANDLE section, SECTION_INFORMATION_CLASS info_class, void* buffer, SIZE_T length,
                                    SIZE_T* result_length) {
    if (info_class != SectionBasicInformation) return STATUS_INVALID_INFO_CLASS;
    if (length < sizeof(SECTION_BASIC_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(section, info)) return STATUS_INVALID_HANDLE;
    if (info.type != vine::protocol::ObjectType::section) return STATUS_OBJECT_TYPE_MISMATCH;
    if (!(info.access & SECTION_QUERY)) return STATUS_ACCESS_DENIED;
    SECTION_BASIC_INFORMATION basic{};
    basic.Attributes = info.section_attributes;
    basic.Size.QuadPart = static_cast<LONGLONG>(current_size(section, info));
    *static_cast<SECTION_BASIC_INFORMATION*>(buffer) = basic;
    if (result_length) *result_length = sizeof(basic);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtExtendSection(HANDLE section, LARGE_INTEGER* size) {
    if (!size) return nt_status(0xc0000005);  // STATUS_ACCESS_VIOLATION, as probing the argument gives
    if (size->QuadPart < 0) return STATUS_INVALID_PARAMETER;
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(section, info)) return STATUS_INVALID_HANDLE;
    if (info.type != vine::protocol::ObjectType::section) return STATUS_OBJECT_TYPE_MISMATCH;
    if (!(info.access & SECTION_EXTEND_SIZE)) return STATUS_ACCESS_DENIED;
    if (!(info.section_attributes & SEC_FILE) || (info.section_attributes & SEC_IMAGE)) return STATUS_SECTION_NOT_EXTENDED;
    // Size 0 would only ask; the section stays as it is either way.
    vine::protocol::extend_section_request request{reinterpret_cast<uintptr_t>(section),
                                                   static_cast<uint64_t>(size->QuadPart)};
    vine::protocol::extend_section_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    size->QuadPart = static_cast<LONGLONG>(reply.size);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtFlushVirtualMemory(HANDLE process, PVOID* base, SIZE_T* size, IO_STATUS_BLOCK* io) {
    if (process != ntdll::kCurrentProcess) return STATUS_NOT_SUPPORTED;
    NTSTATUS status = vine::vm::flush_view(base, size);
    if (status == STATUS_SUCCESS && io) {
        io->Status = STATUS_SUCCESS;
        io->Information = 0;
    }
    return status;
}
