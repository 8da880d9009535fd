// IsBadReadPtr and friends: whether the calling process may read (or write)
// a range. Windows probes each page under __try; here the kernel does the
// probing for us with process_vm_readv/process_vm_writev on our own pid,
// which fail with EFAULT instead of faulting, so no signal is involved.
// As on Windows, the answer can be stale by the time the caller uses it.
#include <sys/uio.h>
#include <unistd.h>

#include "kernel32_private.h"

namespace {

constexpr uintptr_t kPage = 0x1000;

bool read_bytes(const void* address, void* out, size_t size) {
    iovec local{out, size};
    iovec remote{const_cast<void*>(address), size};
    return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == static_cast<ssize_t>(size);
}

// Writes each byte back as it was: the page must be writable.
bool rewrite_byte(void* address) {
    char byte;
    if (!read_bytes(address, &byte, 1)) return false;
    iovec local{&byte, 1};
    iovec remote{address, 1};
    return process_vm_writev(getpid(), &local, 1, &remote, 1, 0) == 1;
}

// Probes the first byte, one byte in every following page, and the last.
template <typename Probe>
bool range_ok(const void* pointer, size_t size, Probe probe) {
    auto first = reinterpret_cast<uintptr_t>(pointer);
    uintptr_t last = first + size - 1;
    if (last < first) return false;  // wraps around the address space
    if (!probe(first)) return false;
    for (uintptr_t page = (first & ~(kPage - 1)) + kPage; page <= last && page > first; page += kPage)
        if (!probe(page)) return false;
    return probe(last);
}

bool readable(uintptr_t address) {
    char byte;
    return read_bytes(reinterpret_cast<const void*>(address), &byte, 1);
}

bool writable(uintptr_t address) { return rewrite_byte(reinterpret_cast<void*>(address)); }

// A NUL-terminated string of CharT, at most `max` characters, all readable.
template <typename CharT>
bool string_ok(const CharT* text, ULONG_PTR max) {
    auto at = reinterpret_cast<uintptr_t>(text);
    while (max) {
        // Up to the end of the page at a time.
        size_t count = (kPage - (at & (kPage - 1))) / sizeof(CharT);
        if (count == 0) count = 1;
        if (count > max) count = max;
        CharT chunk[kPage / sizeof(CharT)];
        if (!read_bytes(reinterpret_cast<const void*>(at), chunk, count * sizeof(CharT))) return false;
        for (size_t i = 0; i < count; ++i)
            if (chunk[i] == 0) return true;
        at += count * sizeof(CharT);
        max -= count;
    }
    return true;
}

}  // namespace

VINE_EXPORT BOOL IsBadReadPtr(const void* pointer, ULONG_PTR size) {
    if (!size) return FALSE;
    if (!pointer) return TRUE;
    return range_ok(pointer, size, readable) ? FALSE : TRUE;
}

VINE_EXPORT BOOL IsBadWritePtr(void* pointer, ULONG_PTR size) {
    if (!size) return FALSE;
    if (!pointer) return TRUE;
    return range_ok(pointer, size, writable) ? FALSE : TRUE;
}

VINE_EXPORT BOOL IsBadHugeReadPtr(const void* pointer, ULONG_PTR size) { return IsBadReadPtr(pointer, size); }

VINE_EXPORT BOOL IsBadHugeWritePtr(void* pointer, ULONG_PTR size) { return IsBadWritePtr(pointer, size); }

VINE_EXPORT BOOL IsBadCodePtr(void* code) {
    if (!code) return TRUE;
    return readable(reinterpret_cast<uintptr_t>(code)) ? FALSE : TRUE;
}

VINE_EXPORT BOOL IsBadStringPtrA(const char* text, ULONG_PTR max) {
    if (!text) return TRUE;
    return string_ok(text, max) ? FALSE : TRUE;
}

VINE_EXPORT BOOL IsBadStringPtrW(const WCHAR* text, ULONG_PTR max) {
    if (!text) return TRUE;
    return string_ok(text, max) ? FALSE : TRUE;
}
