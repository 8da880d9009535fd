// Interlocked singly linked lists (SLIST_HEADER), lock-free with
// cmpxchg16b over the 16-byte header laid out as x64 Windows does:
//   first quadword   bits 0-15 Depth, bits 16-63 Sequence
//   second quadword  bits 4-63 the first entry's address (entries are
//                    16-aligned, so its low 4 bits are free), bits 0-3 0
// Every change bumps Sequence, so a pop that read an entry which was popped
// and pushed back meanwhile fails its compare-exchange (the ABA problem).
// Like Windows, a pop reads the first entry's Next without a lock: the
// entry must stay mapped even if another thread popped and freed it (Windows
// restarts such a faulting pop from its page-fault handler; Vine relies on
// heap memory staying mapped).
#include "futex.h"
#include "ntdll_private.h"

namespace {

constexpr uint64_t kDepthMask = 0xffff;
constexpr uint64_t kSequenceOne = uint64_t{1} << 16;
constexpr uint64_t kEntryMask = ~uint64_t{0xf};

struct Words {
    uint64_t low, high;
};

Words* words(SLIST_HEADER* head) { return reinterpret_cast<Words*>(head); }

// The two halves need not be read atomically: a torn read fails the
// compare-exchange that follows.
Words snapshot(SLIST_HEADER* head) {
    auto* w = words(head);
    return {__atomic_load_n(&w->low, __ATOMIC_ACQUIRE), __atomic_load_n(&w->high, __ATOMIC_ACQUIRE)};
}

// On failure `expected` receives the current header.
bool compare_exchange(SLIST_HEADER* head, Words& expected, Words desired) {
    bool swapped;
    __asm__ __volatile__("lock cmpxchg16b %1"
                         : "=@ccz"(swapped), "+m"(*words(head)), "+a"(expected.low), "+d"(expected.high)
                         : "b"(desired.low), "c"(desired.high)
                         : "memory");
    return swapped;
}

SLIST_ENTRY* first_of(Words w) { return reinterpret_cast<SLIST_ENTRY*>(w.high & kEntryMask); }

// Sequence + 1 and Depth + `added` (mod 2^16, as the 16-bit field wraps).
uint64_t next_low(uint64_t low, uint64_t added) {
    return ((low + kSequenceOne) & ~kDepthMask) | ((low + added) & kDepthMask);
}

uint64_t with_first(Words w, SLIST_ENTRY* entry) { return (w.high & ~kEntryMask) | reinterpret_cast<uintptr_t>(entry); }

SLIST_ENTRY* push_chain(SLIST_HEADER* head, SLIST_ENTRY* first, SLIST_ENTRY* last, ULONG count) {
    Words seen = snapshot(head);
    do {
        last->Next = first_of(seen);
    } while (!compare_exchange(head, seen, {next_low(seen.low, count), with_first(seen, first)}));
    return first_of(seen);
}

}  // namespace

VINE_EXPORT void RtlInitializeSListHead(SLIST_HEADER* head) {
    words(head)->low = 0;
    words(head)->high = 0;
}

VINE_EXPORT SLIST_ENTRY* RtlFirstEntrySList(const SLIST_HEADER* head) {
    return first_of(snapshot(const_cast<SLIST_HEADER*>(head)));
}

VINE_EXPORT USHORT RtlQueryDepthSList(SLIST_HEADER* head) {
    return static_cast<USHORT>(snapshot(head).low & kDepthMask);
}

VINE_EXPORT SLIST_ENTRY* RtlInterlockedPushEntrySList(SLIST_HEADER* head, SLIST_ENTRY* entry) {
    return push_chain(head, entry, entry, 1);
}

VINE_EXPORT SLIST_ENTRY* RtlInterlockedPushListSListEx(SLIST_HEADER* head, SLIST_ENTRY* first, SLIST_ENTRY* last,
                                                       ULONG count) {
    return push_chain(head, first, last, count);
}

VINE_EXPORT SLIST_ENTRY* RtlInterlockedPushListSList(SLIST_HEADER* head, SLIST_ENTRY* first, SLIST_ENTRY* last,
                                                     ULONG count) {
    return push_chain(head, first, last, count);
}

VINE_EXPORT SLIST_ENTRY* RtlInterlockedPopEntrySList(SLIST_HEADER* head) {
    Words seen = snapshot(head);
    for (;;) {
        SLIST_ENTRY* first = first_of(seen);
        if (!first) return nullptr;
        Words popped{next_low(seen.low, kDepthMask /* -1 mod 2^16 */), with_first(seen, first->Next)};
        if (compare_exchange(head, seen, popped)) return first;
    }
}

VINE_EXPORT SLIST_ENTRY* RtlInterlockedFlushSList(SLIST_HEADER* head) {
    Words seen = snapshot(head);
    for (;;) {
        if (!first_of(seen)) return nullptr;
        Words empty{(seen.low + kSequenceOne) & ~kDepthMask, seen.high & ~kEntryMask};
        if (compare_exchange(head, seen, empty)) return first_of(seen);
    }
}
