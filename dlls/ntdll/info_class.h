// What the Nt*Query*Information calls of processes and threads share: the
// server's record behind a handle, and fixed-size classes, which Windows
// fills only when the caller's length is exactly theirs.
#pragma once

#include <cstring>

#include "object.h"
#include "vine/server_client.h"

namespace ntdll {

// Asks the server for the record behind `handle` (a request whose only
// field is the handle).
template <typename Request, typename Reply>
NTSTATUS query_record(HANDLE handle, Reply& reply) {
    Request request{reinterpret_cast<uintptr_t>(handle)};
    return status_from_server(vine::client::call(request, reply));
}

// NtOpenProcess and NtOpenThread: a handle to the live object with that id;
// STATUS_INVALID_CID when there is none.
template <typename Request, typename Reply>
NTSTATUS open_by_id(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes, HANDLE id) {
    *handle = nullptr;
    uint32_t inherit = attributes && (attributes->Attributes & OBJ_INHERIT) ? 1 : 0;
    Request request{static_cast<uint32_t>(reinterpret_cast<uintptr_t>(id)), access, inherit, 0};
    Reply reply{};
    if (uint32_t error = vine::client::call(request, reply))
        return error == vine::protocol::status::invalid_parameter ? STATUS_INVALID_CID : status_from_server(error);
    *handle = reinterpret_cast<HANDLE>(reply.handle);
    return STATUS_SUCCESS;
}

template <typename T>
NTSTATUS put_fixed(const T& value, PVOID buffer, ULONG length, ULONG* result_length) {
    if (length != sizeof(T)) return STATUS_INFO_LENGTH_MISMATCH;
    std::memcpy(buffer, &value, sizeof(T));
    if (result_length) *result_length = sizeof(T);
    return STATUS_SUCCESS;
}

}  // namespace ntdll
