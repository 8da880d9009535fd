// Locks for builtin DLLs' own state, on ntdll's SRW locks and critical
// sections. Taking and releasing one is a call to an ms_abi export, so the
// DLL code around it stays in the Microsoft convention and saves no
// registers; std::mutex calls glibc's pthread_mutex_lock, which obliges every
// ms_abi function taking it to save xmm6-xmm15 (docs/architecture.md,
// "Calling conventions inside Vine"). Both are BasicLockable, for
// std::lock_guard.
#pragma once

#include "vine/ntdll_exports.h"

namespace vine {

// Not recursive. Constant-initialized, so a static one works before any
// constructor runs; needs no TEB (usable from any thread).
class Mutex {
public:
    constexpr Mutex() = default;
    Mutex(const Mutex&) = delete;
    Mutex& operator=(const Mutex&) = delete;
    void lock() { RtlAcquireSRWLockExclusive(&lock_); }
    void unlock() { RtlReleaseSRWLockExclusive(&lock_); }

private:
    RTL_SRWLOCK lock_{};
};

// Recursive, owned by a Windows thread (the owner is the TEB's thread id).
// Never destroyed, so exit-time code may still take it.
class RecursiveMutex {
public:
    RecursiveMutex() { RtlInitializeCriticalSection(&section_); }
    RecursiveMutex(const RecursiveMutex&) = delete;
    RecursiveMutex& operator=(const RecursiveMutex&) = delete;
    void lock() { RtlEnterCriticalSection(&section_); }
    void unlock() { RtlLeaveCriticalSection(&section_); }

private:
    RTL_CRITICAL_SECTION section_;
};

}  // namespace vine
