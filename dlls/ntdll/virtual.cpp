// The Nt virtual memory functions: argument checks and the translation of
// Windows' forms (ZeroBits, extended parameters, process handles) for the
// virtual memory manager in the vine executable (vine/virtual_memory.h),
// which keeps the region map and does the work.
#include <sys/uio.h>

#include <bit>

#include "ntdll_private.h"
#include "object.h"
#include "vine/memory.h"
#include "vine/ntstatus.h"
#include "vine/server_client.h"
#include "vine/ntdll_memory_exports.h"
#include "vine/virtual_memory.h"

namespace {

constexpr NTSTATUS STATUS_INVALID_PARAMETER_3 = nt_status(0xc00000f1);
constexpr uintptr_t kGranularity = 0x10000;

bool is_current_process(HANDLE process) { return process == ntdll::kCurrentProcess; }

// A handle naming this process itself (a real handle, not the pseudo one)
// acts here too; another process's memory is changed or queried by that
// process, through the server (server/requests_memory.cpp).
NTSTATUS is_other_process(HANDLE process, bool& other) {
    other = false;
    if (is_current_process(process)) return STATUS_SUCCESS;
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(process, info)) return STATUS_INVALID_HANDLE;
    if (info.type != vine::protocol::ObjectType::process) return STATUS_OBJECT_TYPE_MISMATCH;
    other = info.object_id != ntdll::current_process_id();
    return STATUS_SUCCESS;
}

NTSTATUS call_remote(HANDLE process, const vine::protocol::RemoteMemoryCall& call,
                     vine::protocol::RemoteMemoryResult& result) {
    vine::protocol::remote_memory_request request{reinterpret_cast<uintptr_t>(process), call};
    vine::protocol::remote_memory_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    result = reply.result;
    return static_cast<NTSTATUS>(result.status);
}

// The in/out address and size of a remote call, written back on success.
NTSTATUS remote_range(HANDLE process, vine::protocol::RemoteMemoryCall call, PVOID* base, SIZE_T* size,
                      ULONG* old_protect = nullptr) {
    if (!base || !size) return STATUS_INVALID_PARAMETER;
    call.address = reinterpret_cast<uintptr_t>(*base);
    call.size = *size;
    vine::protocol::RemoteMemoryResult result{};
    NTSTATUS status = call_remote(process, call, result);
    if (status != STATUS_SUCCESS) return status;
    *base = reinterpret_cast<void*>(result.address);
    *size = result.size;
    if (old_protect) *old_protect = result.old_protect;
    return STATUS_SUCCESS;
}

NTSTATUS allocate_in(HANDLE process, PVOID* base, SIZE_T* size, ULONG type, ULONG protect,
                     const vine::vm::Placement& placement) {
    bool other;
    if (NTSTATUS status = is_other_process(process, other); status != STATUS_SUCCESS) return status;
    if (!other) return vine::vm::allocate(base, size, type, protect, placement);
    vine::protocol::RemoteMemoryCall call{};
    call.op = vine::protocol::remote_allocate;
    call.type = type;
    call.protect = protect;
    call.lowest = placement.lowest;
    call.highest = placement.highest;
    call.alignment = placement.alignment;
    return remote_range(process, call, base, size);
}

// ZeroBits: a count of high address bits that must be zero (below 32), or a
// mask of the allowed bits.
NTSTATUS placement_of_zero_bits(ULONG_PTR zero_bits, vine::vm::Placement& placement) {
    if (!zero_bits) return STATUS_SUCCESS;
    if (zero_bits < 32) {
        if (zero_bits > 21) return STATUS_INVALID_PARAMETER_3;
        placement.highest = (uintptr_t{1} << (32 - zero_bits)) - 1;
        return STATUS_SUCCESS;
    }
    placement.highest = ~uintptr_t{0} >> std::countl_zero(static_cast<uint64_t>(zero_bits));
    return STATUS_SUCCESS;
}

}  // namespace

VINE_EXPORT NTSTATUS NtAllocateVirtualMemory(HANDLE process, PVOID* base, ULONG_PTR zero_bits, SIZE_T* size, ULONG type,
                                             ULONG protect) {
    vine::vm::Placement placement;
    if (NTSTATUS status = placement_of_zero_bits(zero_bits, placement); status != STATUS_SUCCESS) return status;
    return allocate_in(process, base, size, type, protect, placement);
}

VINE_EXPORT NTSTATUS NtAllocateVirtualMemoryEx(HANDLE process, PVOID* base, SIZE_T* size, ULONG type, ULONG protect,
                                               MEM_EXTENDED_PARAMETER* parameters, ULONG count) {
    if (count && !parameters) return STATUS_INVALID_PARAMETER;
    vine::vm::Placement placement;
    for (ULONG i = 0; i < count; ++i) {
        const MEM_EXTENDED_PARAMETER& parameter = parameters[i];
        switch (parameter.Type) {
        case MemExtendedParameterAddressRequirements: {
            auto* requirements = static_cast<const MEM_ADDRESS_REQUIREMENTS*>(parameter.Pointer);
            if (!requirements) return STATUS_INVALID_PARAMETER;
            placement.lowest = reinterpret_cast<uintptr_t>(requirements->LowestStartingAddress);
            placement.highest = reinterpret_cast<uintptr_t>(requirements->HighestEndingAddress);
            placement.alignment = requirements->Alignment;
            // The alignment is a power of two of at least 64 KiB; the limits
            // are 64 KiB-aligned (the highest one less one byte).
            if (placement.alignment && (placement.alignment < kGranularity ||
                                        (placement.alignment & (placement.alignment - 1))))
                return STATUS_INVALID_PARAMETER;
            if (placement.lowest & (kGranularity - 1)) return STATUS_INVALID_PARAMETER;
            if (placement.highest && ((placement.highest + 1) & (kGranularity - 1)))
                return STATUS_INVALID_PARAMETER;
            if (placement.highest && placement.highest <= placement.lowest) return STATUS_INVALID_PARAMETER;
            if (*base && (placement.lowest || placement.highest || placement.alignment)) return STATUS_INVALID_PARAMETER;
            break;
        }
        case MemExtendedParameterNumaNode:  // one node: any preference is met
            break;
        case MemExtendedParameterAttributeFlags:
            if (parameter.ULong64) return STATUS_NOT_SUPPORTED;
            break;
        default: return STATUS_INVALID_PARAMETER;
        }
    }
    return allocate_in(process, base, size, type, protect, placement);
}

VINE_EXPORT NTSTATUS NtFreeVirtualMemory(HANDLE process, PVOID* base, SIZE_T* size, ULONG type) {
    bool other;
    if (NTSTATUS status = is_other_process(process, other); status != STATUS_SUCCESS) return status;
    if (!other) return vine::vm::free(base, size, type);
    vine::protocol::RemoteMemoryCall call{};
    call.op = vine::protocol::remote_free;
    call.type = type;
    return remote_range(process, call, base, size);
}

VINE_EXPORT NTSTATUS NtProtectVirtualMemory(HANDLE process, PVOID* base, SIZE_T* size, ULONG protect,
                                            ULONG* old_protect) {
    bool other;
    if (NTSTATUS status = is_other_process(process, other); status != STATUS_SUCCESS) return status;
    if (!other) return vine::vm::protect(base, size, protect, old_protect);
    if (!old_protect) return STATUS_INVALID_PARAMETER_5;
    vine::protocol::RemoteMemoryCall call{};
    call.op = vine::protocol::remote_protect;
    call.protect = protect;
    return remote_range(process, call, base, size, old_protect);
}

VINE_EXPORT NTSTATUS NtQueryVirtualMemory(HANDLE process, const void* address, MEMORY_INFORMATION_CLASS info_class,
                                          void* buffer, SIZE_T length, SIZE_T* result_length) {
    if (info_class != MemoryBasicInformation) return STATUS_INVALID_INFO_CLASS;
    if (length < sizeof(MEMORY_BASIC_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
    if (!buffer) return STATUS_INVALID_PARAMETER;
    bool other;
    if (NTSTATUS status = is_other_process(process, other); status != STATUS_SUCCESS) return status;
    MEMORY_BASIC_INFORMATION info{};
    if (!other) {
        if (NTSTATUS status = vine::vm::query(address, &info); status != STATUS_SUCCESS) return status;
    } else {
        vine::protocol::RemoteMemoryCall call{};
        call.op = vine::protocol::remote_query;
        call.address = reinterpret_cast<uintptr_t>(address);
        vine::protocol::RemoteMemoryResult result{};
        if (NTSTATUS status = call_remote(process, call, result); status != STATUS_SUCCESS) return status;
        info.BaseAddress = reinterpret_cast<void*>(result.base);
        info.AllocationBase = reinterpret_cast<void*>(result.allocation_base);
        info.AllocationProtect = result.allocation_protect;
        info.RegionSize = result.region_size;
        info.State = result.state;
        info.Protect = result.protect;
        info.Type = result.type;
    }
    *static_cast<MEMORY_BASIC_INFORMATION*>(buffer) = info;
    if (result_length) *result_length = sizeof(info);
    return STATUS_SUCCESS;
}

// MAP_PROCESS (1) is what user mode may ask for; MAP_SYSTEM (2) needs a privilege.
VINE_EXPORT NTSTATUS NtLockVirtualMemory(HANDLE process, PVOID* base, SIZE_T* size, ULONG map_type) {
    if (!is_current_process(process)) return STATUS_NOT_SUPPORTED;
    if (map_type != 1) return map_type == 2 ? nt_status(0xc0000061) : STATUS_INVALID_PARAMETER;
    return vine::vm::lock(base, size, true);
}

VINE_EXPORT NTSTATUS NtUnlockVirtualMemory(HANDLE process, PVOID* base, SIZE_T* size, ULONG map_type) {
    if (!is_current_process(process)) return STATUS_NOT_SUPPORTED;
    if (map_type != 1) return map_type == 2 ? nt_status(0xc0000061) : STATUS_INVALID_PARAMETER;
    return vine::vm::lock(base, size, false);
}

namespace {

constexpr ACCESS_MASK PROCESS_VM_READ = 0x0010, PROCESS_VM_WRITE = 0x0020;
constexpr NTSTATUS STATUS_PROCESS_IS_TERMINATING = nt_status(0xc000010a);

// The Linux pid of another Vine process of the prefix, through a handle
// with `needed` access (0 for this process itself).
NTSTATUS target_pid(HANDLE process, ACCESS_MASK needed, pid_t& pid) {
    pid = 0;
    if (is_current_process(process)) return STATUS_SUCCESS;
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(process, info)) return STATUS_INVALID_HANDLE;
    if (info.type != vine::protocol::ObjectType::process) return STATUS_OBJECT_TYPE_MISMATCH;
    if ((info.access & needed) != needed) return STATUS_ACCESS_DENIED;
    if (info.object_id == ntdll::current_process_id()) return STATUS_SUCCESS;
    vine::protocol::process_info_request request{reinterpret_cast<uintptr_t>(process)};
    vine::protocol::process_info_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    if (reply.exit_code != 259 /* STILL_ACTIVE */ || reply.unix_pid <= 0) return STATUS_PROCESS_IS_TERMINATING;
    pid = reply.unix_pid;
    return STATUS_SUCCESS;
}

// Copies between our memory and another process's with process_vm_readv
// or _writev, page by page at the end so a partial copy counts what went.
NTSTATUS copy_with(pid_t pid, bool write, void* local, void* remote, SIZE_T size, SIZE_T* done) {
    SIZE_T copied = 0;
    while (copied < size) {
        iovec mine{static_cast<uint8_t*>(local) + copied, size - copied};
        iovec theirs{static_cast<uint8_t*>(remote) + copied, size - copied};
        ssize_t n = write ? process_vm_writev(pid, &mine, 1, &theirs, 1, 0)
                          : process_vm_readv(pid, &mine, 1, &theirs, 1, 0);
        if (n <= 0) break;
        copied += static_cast<SIZE_T>(n);
    }
    if (done) *done = copied;
    return copied == size ? STATUS_SUCCESS : STATUS_PARTIAL_COPY;
}

}  // namespace

VINE_EXPORT NTSTATUS NtReadVirtualMemory(HANDLE process, const void* address, void* buffer, SIZE_T size,
                                         SIZE_T* bytes_read) {
    pid_t pid;
    if (NTSTATUS status = target_pid(process, PROCESS_VM_READ, pid); status != STATUS_SUCCESS) return status;
    if (!pid) return vine::vm::copy_memory(buffer, address, size, bytes_read);
    return copy_with(pid, false, buffer, const_cast<void*>(address), size, bytes_read);
}

VINE_EXPORT NTSTATUS NtWriteVirtualMemory(HANDLE process, void* address, const void* buffer, SIZE_T size,
                                          SIZE_T* bytes_written) {
    pid_t pid;
    if (NTSTATUS status = target_pid(process, PROCESS_VM_WRITE, pid); status != STATUS_SUCCESS) return status;
    if (!pid) return vine::vm::copy_memory(address, buffer, size, bytes_written);
    return copy_with(pid, true, const_cast<void*>(buffer), address, size, bytes_written);
}

// x86-64 keeps instruction caches coherent with stores.
VINE_EXPORT NTSTATUS NtFlushInstructionCache(HANDLE process, const void*, SIZE_T) {
    return is_current_process(process) ? STATUS_SUCCESS : STATUS_NOT_SUPPORTED;
}

VINE_EXPORT NTSTATUS NtGetWriteWatch(HANDLE process, ULONG flags, PVOID base, SIZE_T size, PVOID* addresses,
                                     ULONG_PTR* count, ULONG* granularity) {
    if (!is_current_process(process)) return STATUS_NOT_SUPPORTED;
    return vine::vm::get_write_watch(flags, base, size, addresses, count, granularity);
}

VINE_EXPORT NTSTATUS NtResetWriteWatch(HANDLE process, PVOID base, SIZE_T size) {
    if (!is_current_process(process)) return STATUS_NOT_SUPPORTED;
    return vine::vm::reset_write_watch(base, size);
}
