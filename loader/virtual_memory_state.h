// The state the virtual memory manager's files share (virtual_memory.cpp,
// physical_pages.cpp): the region map and its lock.
//
// The lock is also taken by the SIGSEGV handler (vm::resolve_fault), which
// runs on the thread whose instruction faulted, in the middle of whatever
// that thread was doing. That is safe as long as the interrupted code does
// not hold the lock itself: another thread holding it only makes the
// handler wait until it is released. So the lock is taken only through
// MapGuard, which counts the guards this thread holds, and resolve_fault
// gives up (the fault stays an access violation) instead of waiting for
// its own thread. Code holding the lock never touches guest memory (the
// Nt functions' out-parameters are written after the guard is released),
// so that case is for bugs, not for programs. A guard is also a "no
// interrupt" region (thread_control.h), so no thread is suspended holding it.
#pragma once

#include <shared_mutex>

#include "region_map.h"

namespace vine::vm {

extern RegionMap map;

class MapGuard {
public:
    enum Mode { exclusive, shared };
    explicit MapGuard(Mode mode = exclusive);
    ~MapGuard() { unlock(); }
    MapGuard(const MapGuard&) = delete;
    MapGuard& operator=(const MapGuard&) = delete;
    void unlock();
    // Whether this thread holds the lock (through any guard).
    static bool held_by_this_thread();

private:
    Mode mode_;
    bool locked_ = true;
};

// Tells the server that the AWE pages mapped in [start, end) are mapped no
// more (the region is being released); the caller holds the lock and
// replaces the pages itself (physical_pages.cpp).
void forget_physical_pages(uintptr_t start, uintptr_t end);

constexpr uintptr_t page_down(uintptr_t value) { return value & ~(kPageSize - 1); }
constexpr uintptr_t page_up(uintptr_t value) { return (value + kPageSize - 1) & ~(kPageSize - 1); }

}  // namespace vine::vm
