// CopyFileW: through two NT handles, so share modes apply (a copy onto
// itself is a sharing violation, not a truncated source), every byte read
// is written, and the copy gets the source's attributes and last write time.
#include <cstring>

#include "kernel32_private.h"
#include "nt_path.h"
#include "nt_wait.h"
#include "vine/nt_file.h"

using namespace kernel32;
namespace nt = vine::nt;

namespace {

struct Closer {
    HANDLE handle = nullptr;
    ~Closer() {
        if (handle) NtClose(handle);
    }
};

NTSTATUS copy_data(HANDLE in, HANDLE out) {
    static constexpr ULONG kChunk = 1 << 16;
    std::string buffer(kChunk, '\0');
    for (;;) {
        IO_STATUS_BLOCK io{};
        NTSTATUS status = NtReadFile(in, nullptr, nullptr, nullptr, &io, buffer.data(), kChunk, nullptr, nullptr);
        if (status == STATUS_END_OF_FILE) return STATUS_SUCCESS;
        if (!NT_SUCCESS(status)) return status;
        if (io.Information == 0) return STATUS_SUCCESS;
        IO_STATUS_BLOCK wio{};
        status = NtWriteFile(out, nullptr, nullptr, nullptr, &wio, buffer.data(), static_cast<ULONG>(io.Information),
                             nullptr, nullptr);
        if (!NT_SUCCESS(status)) return status;
        if (wio.Information != io.Information) return STATUS_DISK_FULL;
    }
}

}  // namespace

VINE_EXPORT BOOL CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists) {
    NtPath source, target;
    if (!source.assign(from) || !target.assign(to)) return FALSE;
    Closer in, out;
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtOpenFile(&in.handle, nt::GENERIC_READ | nt::SYNCHRONIZE, source.attributes(), &io,
                                 nt::FILE_SHARE_READ | nt::FILE_SHARE_DELETE,
                                 nt::FILE_NON_DIRECTORY_FILE | nt::FILE_SYNCHRONOUS_IO_NONALERT |
                                     nt::FILE_SEQUENTIAL_ONLY);
    if (!NT_SUCCESS(status)) return nt_bool(status);
    nt::FILE_BASIC_INFORMATION basic{};
    status = NtQueryInformationFile(in.handle, &io, &basic, sizeof basic, nt::FileBasicInformation);
    if (!NT_SUCCESS(status)) return nt_bool(status);
    // The copy is written first, then made read-only if the source is.
    status = NtCreateFile(&out.handle, nt::GENERIC_WRITE | nt::FILE_WRITE_ATTRIBUTES | nt::SYNCHRONIZE,
                          target.attributes(), &io, nullptr, 0, 0, fail_if_exists ? nt::FILE_CREATE : nt::FILE_OVERWRITE_IF,
                          nt::FILE_NON_DIRECTORY_FILE | nt::FILE_SYNCHRONOUS_IO_NONALERT | nt::FILE_SEQUENTIAL_ONLY,
                          nullptr, 0);
    if (status == STATUS_OBJECT_NAME_COLLISION) {
        set_error(ERROR_FILE_EXISTS);
        return FALSE;
    }
    if (!NT_SUCCESS(status)) return nt_bool(status);
    status = copy_data(in.handle, out.handle);
    if (!NT_SUCCESS(status)) return nt_bool(status);
    // The copy keeps the source's times (write time, as on Windows) and
    // attributes.
    nt::FILE_BASIC_INFORMATION copy{};
    copy.LastAccessTime = basic.LastAccessTime;
    copy.LastWriteTime = basic.LastWriteTime;
    copy.FileAttributes = basic.FileAttributes;
    return nt_bool(NtSetInformationFile(out.handle, &io, &copy, sizeof copy, nt::FileBasicInformation));
}

VINE_EXPORT BOOL CopyFileA(LPCSTR from, LPCSTR to, BOOL fail_if_exists) {
    std::u16string wide_from = wide_from_file_api(from ? from : ""), wide_to = wide_from_file_api(to ? to : "");
    return CopyFileW(wide_from.c_str(), wide_to.c_str(), fail_if_exists);
}
