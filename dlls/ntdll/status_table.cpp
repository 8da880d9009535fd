// NTSTATUS -> Win32 error (RtlNtStatusToDosError), which kernel32 uses to
// set the last error after every NT call that failed. The table holds the
// statuses Vine's DLLs return and the common ones programs pass in; values
// follow Windows (ntstatus.h / winerror.h pairs as Windows maps them,
// cross-checked against Wine).
#include <algorithm>
#include <iterator>

#include "ntdll_private.h"

namespace {

constexpr ULONG ERROR_MR_MID_NOT_FOUND = 317;  // "no message": a status Windows does not map

struct Mapping {
    uint32_t status;
    ULONG error;
};

// Sorted by status, for binary search.
constexpr Mapping kTable[] = {
    {0x00000000, 0},     // STATUS_SUCCESS
    {0x00000001, 731},   // STATUS_WAIT_1: ERROR_WAIT_1
    {0x00000002, 732},   // STATUS_WAIT_2: ERROR_WAIT_2
    {0x00000003, 733},   // STATUS_WAIT_3: ERROR_WAIT_3
    {0x0000003f, 734},   // STATUS_WAIT_63: ERROR_WAIT_63
    {0x00000080, 128},   // STATUS_ABANDONED_WAIT_0: ERROR_WAIT_NO_CHILDREN
    {0x000000c0, 737},   // STATUS_USER_APC: ERROR_USER_APC
    {0x00000101, 739},   // STATUS_ALERTED: ERROR_ALERTED
    {0x00000102, 1460},  // STATUS_TIMEOUT: ERROR_TIMEOUT
    {0x00000103, 997},   // STATUS_PENDING: ERROR_IO_PENDING
    {0x40000000, 698},   // STATUS_OBJECT_NAME_EXISTS: ERROR_OBJECT_NAME_EXISTS
    {0x40000024, 721},   // STATUS_NO_YIELD_PERFORMED
    {0x80000002, 998},   // STATUS_DATATYPE_MISALIGNMENT: ERROR_NOACCESS
    {0x80000005, 234},   // STATUS_BUFFER_OVERFLOW: ERROR_MORE_DATA
    {0x80000006, 18},    // STATUS_NO_MORE_FILES
    {0x8000001a, 259},   // STATUS_NO_MORE_ENTRIES: ERROR_NO_MORE_ITEMS
    {0xc0000001, 31},    // STATUS_UNSUCCESSFUL: ERROR_GEN_FAILURE
    {0xc0000002, 1},     // STATUS_NOT_IMPLEMENTED: ERROR_INVALID_FUNCTION
    {0xc0000003, 87},    // STATUS_INVALID_INFO_CLASS: ERROR_INVALID_PARAMETER
    {0xc0000004, 24},    // STATUS_INFO_LENGTH_MISMATCH: ERROR_BAD_LENGTH
    {0xc0000005, 998},   // STATUS_ACCESS_VIOLATION: ERROR_NOACCESS
    {0xc0000008, 6},     // STATUS_INVALID_HANDLE
    {0xc000000b, 87},    // STATUS_INVALID_CID
    {0xc000000d, 87},    // STATUS_INVALID_PARAMETER
    {0xc000000e, 433},   // STATUS_NO_SUCH_DEVICE: ERROR_NO_SUCH_DEVICE
    {0xc000000f, 2},     // STATUS_NO_SUCH_FILE: ERROR_FILE_NOT_FOUND
    {0xc0000010, 1},     // STATUS_INVALID_DEVICE_REQUEST
    {0xc0000011, 38},    // STATUS_END_OF_FILE: ERROR_HANDLE_EOF
    {0xc0000017, 8},     // STATUS_NO_MEMORY: ERROR_NOT_ENOUGH_MEMORY
    {0xc0000018, 487},   // STATUS_CONFLICTING_ADDRESSES: ERROR_INVALID_ADDRESS
    {0xc000001d, 0xc000001d},  // STATUS_ILLEGAL_INSTRUCTION (exception codes map to themselves)
    {0xc0000022, 5},     // STATUS_ACCESS_DENIED
    {0xc0000023, 122},   // STATUS_BUFFER_TOO_SMALL: ERROR_INSUFFICIENT_BUFFER
    {0xc0000024, 6},     // STATUS_OBJECT_TYPE_MISMATCH: ERROR_INVALID_HANDLE
    {0xc0000025, 0xc0000025},  // STATUS_NONCONTINUABLE_EXCEPTION
    {0xc0000026, 0xc0000026},  // STATUS_INVALID_DISPOSITION
    {0xc0000030, 87},    // STATUS_INVALID_PARAMETER_MIX
    {0xc0000033, 123},   // STATUS_OBJECT_NAME_INVALID: ERROR_INVALID_NAME
    {0xc0000034, 2},     // STATUS_OBJECT_NAME_NOT_FOUND: ERROR_FILE_NOT_FOUND
    {0xc0000035, 183},   // STATUS_OBJECT_NAME_COLLISION: ERROR_ALREADY_EXISTS
    {0xc0000039, 161},   // STATUS_OBJECT_PATH_INVALID: ERROR_BAD_PATHNAME
    {0xc000003a, 3},     // STATUS_OBJECT_PATH_NOT_FOUND: ERROR_PATH_NOT_FOUND
    {0xc000003b, 161},   // STATUS_OBJECT_PATH_SYNTAX_BAD: ERROR_BAD_PATHNAME
    {0xc0000043, 32},    // STATUS_SHARING_VIOLATION
    {0xc0000046, 288},   // STATUS_MUTANT_NOT_OWNED: ERROR_NOT_OWNER
    {0xc0000047, 298},   // STATUS_SEMAPHORE_LIMIT_EXCEEDED: ERROR_TOO_MANY_POSTS
    {0xc0000048, 87},    // STATUS_PORT_ALREADY_SET
    {0xc0000049, 87},    // STATUS_SECTION_NOT_IMAGE
    {0xc000004b, 5},     // STATUS_THREAD_IS_TERMINATING: ERROR_ACCESS_DENIED
    {0xc0000056, 5},     // STATUS_DELETE_PENDING: ERROR_ACCESS_DENIED
    {0xc000007b, 193},   // STATUS_INVALID_IMAGE_FORMAT: ERROR_BAD_EXE_FORMAT
    {0xc000007f, 112},   // STATUS_DISK_FULL
    {0xc0000094, 0xc0000094},  // STATUS_INTEGER_DIVIDE_BY_ZERO
    {0xc0000096, 0xc0000096},  // STATUS_PRIVILEGED_INSTRUCTION
    {0xc000009a, 1450},  // STATUS_INSUFFICIENT_RESOURCES: ERROR_NO_SYSTEM_RESOURCES
    {0xc00000ae, 231},   // STATUS_PIPE_BUSY
    {0xc00000b1, 232},   // STATUS_PIPE_CLOSING: ERROR_NO_DATA
    {0xc00000b2, 535},   // STATUS_PIPE_CONNECTED
    {0xc00000ba, 5},     // STATUS_FILE_IS_A_DIRECTORY: ERROR_ACCESS_DENIED
    {0xc00000bb, 50},    // STATUS_NOT_SUPPORTED
    {0xc00000be, 53},    // STATUS_BAD_NETWORK_PATH
    {0xc00000d4, 17},    // STATUS_NOT_SAME_DEVICE
    {0xc00000ef, 87},    // STATUS_INVALID_PARAMETER_1
    {0xc0000101, 145},   // STATUS_DIRECTORY_NOT_EMPTY: ERROR_DIR_NOT_EMPTY
    {0xc0000103, 267},   // STATUS_NOT_A_DIRECTORY: ERROR_DIRECTORY
    {0xc000011f, 4},     // STATUS_TOO_MANY_OPENED_FILES
    {0xc0000120, 995},   // STATUS_CANCELLED: ERROR_OPERATION_ABORTED
    {0xc0000121, 5},     // STATUS_CANNOT_DELETE: ERROR_ACCESS_DENIED
    {0xc0000135, 126},   // STATUS_DLL_NOT_FOUND: ERROR_MOD_NOT_FOUND
    {0xc0000139, 127},   // STATUS_ENTRYPOINT_NOT_FOUND: ERROR_PROC_NOT_FOUND
    {0xc000014b, 109},   // STATUS_PIPE_BROKEN: ERROR_BROKEN_PIPE
    {0xc000017c, 1018},  // STATUS_KEY_DELETED: ERROR_KEY_DELETED
    {0xc0000181, 1021},  // STATUS_CHILD_MUST_BE_VOLATILE: ERROR_CHILD_MUST_BE_VOLATILE
};

constexpr bool sorted() {
    for (size_t i = 1; i < std::size(kTable); ++i)
        if (kTable[i - 1].status >= kTable[i].status) return false;
    return true;
}
static_assert(sorted());

ULONG dos_error_of(NTSTATUS status) {
    auto value = static_cast<uint32_t>(status);
    // Customer codes and Win32 errors wrapped as statuses (HRESULT_FROM_WIN32
    // style, warning or error severity) carry their own value.
    if (value & 0x20000000) return value;
    if ((value & 0xffff0000) == 0x80070000 || (value & 0xffff0000) == 0xc0070000) return value & 0xffff;
    const Mapping* found = std::lower_bound(std::begin(kTable), std::end(kTable), value,
                                            [](const Mapping& m, uint32_t v) { return m.status < v; });
    if (found != std::end(kTable) && found->status == value) return found->error;
    return ERROR_MR_MID_NOT_FOUND;
}

}  // namespace

VINE_EXPORT ULONG RtlNtStatusToDosErrorNoTeb(NTSTATUS status) { return dos_error_of(status); }

// Windows also remembers the status in the TEB, for RtlGetLastNtStatus.
VINE_EXPORT ULONG RtlNtStatusToDosError(NTSTATUS status) {
    current_teb()->LastStatusValue = static_cast<ULONG>(status);
    return dos_error_of(status);
}

VINE_EXPORT NTSTATUS RtlGetLastNtStatus() { return static_cast<NTSTATUS>(current_teb()->LastStatusValue); }

VINE_EXPORT void RtlSetLastWin32ErrorAndNtStatusFromNtStatus(NTSTATUS status) {
    current_teb()->LastErrorValue = RtlNtStatusToDosError(status);
}
