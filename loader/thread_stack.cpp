// Windows thread stacks (see thread_stack.h). Windows reserves a thread's
// whole stack, commits its top part and puts a guard page below it; a touch
// of the guard page commits it and moves the guard down (the TEB's
// StackLimit follows), until the guard would enter the last pages of the
// reservation: then the remaining pages are committed for the handlers and
// STATUS_STACK_OVERFLOW is raised, once, until _resetstkoflw re-arms it.
//
// Here "committed" pages are readable and writable and the rest are
// PROT_NONE; the fault handler plays the kernel's part. One departure:
// Windows code probes its stack page by page (__chkstk), ELF code (the
// builtins, glibc) does not, so any fault between the reserve and the
// committed part commits everything from the faulting page up rather than
// being an access violation. That also keeps every byte above rsp
// committed, so system calls never see an uncommitted buffer.
#include "thread_stack.h"

#include <sys/mman.h>

#include <algorithm>

#include "vine/loader.h"
#include "vine/teb.h"

namespace vine::stack_guard {
namespace {

constexpr uintptr_t kPage = 0x1000;
// Vine's dispatcher is ELF code (the walk with its DWARF interpreter, the
// vectored handlers' calls, the crash report's stdio) and needs this much
// of the overflow reserve itself, before the program's own guarantee.
constexpr uintptr_t kDispatchRoom = 48 * 1024;
// The top of a new stack that is committed at once: a thread's start-up
// (loader::thread_attach) runs there before it has a TEB and a signal
// stack, when a fault could not be handled.
constexpr uintptr_t kMinimumCommit = 64 * 1024;

// Growing commits this much below the faulting page too: glibc blocks
// every signal for short stretches (around clone() in pthread_create, for
// one), where a fault could not be handled and would end the process; the
// slack keeps those stretches inside committed memory. It also takes one
// fault per five pages rather than one per page.
constexpr uintptr_t kGrowthSlack = 16 * 1024;

uintptr_t round_up(uintptr_t value) { return (value + kPage - 1) & ~(kPage - 1); }

// The lowest StackLimit reached by growing; below it lie the overflow
// reserve and the page that is never committed.
uintptr_t growth_floor(const TEB* teb) {
    auto bottom = reinterpret_cast<uintptr_t>(teb->DeallocationStack);
    return bottom + kPage + kDispatchRoom + round_up(teb->GuaranteedStackBytes);
}

}  // namespace

Fault on_fault(uintptr_t address) {
    TEB* teb = current_teb();
    if (!teb) return Fault::None;
    auto bottom = reinterpret_cast<uintptr_t>(teb->DeallocationStack);
    auto limit = reinterpret_cast<uintptr_t>(teb->Tib.StackLimit);
    if (!bottom || address < bottom || address >= limit) return Fault::None;
    // The bottom page is never committed: the stack is exhausted.
    if (address < bottom + kPage) return Fault::Overflow;
    uintptr_t page = address & ~(kPage - 1);
    uintptr_t floor = growth_floor(teb);
    if (page >= floor) {
        uintptr_t low = page - std::min(kGrowthSlack, page - floor);
        if (mprotect(reinterpret_cast<void*>(low), limit - low, PROT_READ | PROT_WRITE) != 0) return Fault::Overflow;
        teb->Tib.StackLimit = reinterpret_cast<void*>(low);
        return Fault::Grown;
    }
    // Into the reserve: all of it is the handlers' now, and there is no
    // guard page left until _resetstkoflw.
    uintptr_t low = bottom + kPage;
    mprotect(reinterpret_cast<void*>(low), limit - low, PROT_READ | PROT_WRITE);
    teb->Tib.StackLimit = reinterpret_cast<void*>(low);
    return Fault::Overflow;
}

}  // namespace vine::stack_guard

namespace vine::loader {

void* commit_thread_stack(void* bottom_pointer, size_t size, size_t commit) {
    using namespace stack_guard;
    auto bottom = reinterpret_cast<uintptr_t>(bottom_pointer);
    uintptr_t top = bottom + size;
    commit = std::max<uintptr_t>(round_up(commit), kMinimumCommit);
    // At least the never-committed page and a guard page stay below.
    uintptr_t limit = top - std::min<uintptr_t>(commit, size - 2 * kPage);
    mprotect(bottom_pointer, limit - bottom, PROT_NONE);
    mprotect(reinterpret_cast<void*>(limit), top - limit, PROT_READ | PROT_WRITE);
    return reinterpret_cast<void*>(limit);
}

bool reset_stack_guard() {
    using namespace stack_guard;
    TEB* teb = current_teb();
    auto bottom = reinterpret_cast<uintptr_t>(teb->DeallocationStack);
    auto limit = reinterpret_cast<uintptr_t>(teb->Tib.StackLimit);
    if (!bottom) return false;
    uintptr_t floor = growth_floor(teb);
    if (limit >= floor) return true;  // the guard is there
    // The caller's frames must all lie above the pages given back.
    auto sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    if (sp < floor + kPage) return false;
    uintptr_t low = bottom + kPage;
    void* start = reinterpret_cast<void*>(low);
    if (mprotect(start, floor - low, PROT_NONE) != 0) return false;
    madvise(start, floor - low, MADV_DONTNEED);  // decommitted: their contents go
    teb->Tib.StackLimit = reinterpret_cast<void*>(floor);
    return true;
}

}  // namespace vine::loader
