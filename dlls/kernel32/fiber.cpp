// Fibers: ConvertThreadToFiber, CreateFiber(Ex), SwitchToFiber, DeleteFiber,
// ConvertFiberToThread, IsThreadAFiber. A fiber is a stack and the state
// Windows keeps per fiber: the TEB's stack bounds (which the stack-growth
// fault handler and the unwinder read), its fiber-local storage block and
// stack guarantee, and, while it is switched out, its registers (on its own
// stack, fiber_switch.S). The TEB's FiberData points to the running fiber,
// whose first field is the parameter winnt.h's GetFiberData reads.
#include <cstdint>
#include <new>

#include "fls.h"
#include "kernel32_private.h"
#include "vine/loader.h"
#include "vine/memory.h"
#include "vine/teb.h"
#include "vine/winerror.h"

using namespace kernel32;

namespace {

using FiberStart = void(WINAPI*)(LPVOID);

constexpr DWORD FIBER_FLAG_FLOAT_SWITCH = 0x1;
constexpr uint32_t kInitialMxcsr = 0x1f80;    // all exceptions masked, round to nearest
constexpr uint16_t kInitialFpuControl = 0x27f;  // 53-bit precision, all masked

struct Fiber {
    void* data;  // first: GetFiberData() is *(void**)GetCurrentFiber()
    FiberStart start;
    void* stack_base;
    void* stack_limit;
    void* deallocation_stack;  // null for a thread's own stack
    void* fls_data;
    ULONG guaranteed_stack_bytes;
    void* saved_stack;  // while switched out: where fiber_switch.S pushed its registers
};

// The frame fiber_switch.S pops for a fiber that has never run, lowest
// address first.
struct InitialFrame {
    uint16_t fpu_control;
    uint16_t pad[3];
    uint32_t mxcsr;
    uint32_t pad2;
    uint64_t r15, r14, r13, r12, rbx, rbp;
    void* return_address;
};
static_assert(sizeof(InitialFrame) == 72);

Fiber* current_fiber() { return static_cast<Fiber*>(current_teb()->Tib.FiberData); }
bool thread_is_fiber() { return current_teb()->SameTebFlags & kTebHasFiberData; }

// The TEB's per-fiber fields, into the fiber they belong to and back.
void save_fiber_state(TEB* teb, Fiber* fiber) {
    fiber->stack_base = teb->Tib.StackBase;
    fiber->stack_limit = teb->Tib.StackLimit;
    fiber->deallocation_stack = teb->DeallocationStack;
    fiber->fls_data = teb->FlsData;
    fiber->guaranteed_stack_bytes = teb->GuaranteedStackBytes;
}
void load_fiber_state(TEB* teb, Fiber* fiber) {
    teb->Tib.StackBase = fiber->stack_base;
    teb->Tib.StackLimit = fiber->stack_limit;
    teb->DeallocationStack = fiber->deallocation_stack;
    teb->FlsData = fiber->fls_data;
    teb->GuaranteedStackBytes = fiber->guaranteed_stack_bytes;
    teb->Tib.FiberData = fiber;
}

Fiber* make_thread_fiber(void* parameter) {
    TEB* teb = current_teb();
    auto* fiber = new (std::nothrow) Fiber{};
    if (!fiber) return nullptr;
    fiber->data = parameter;
    save_fiber_state(teb, fiber);
    teb->Tib.FiberData = fiber;
    teb->SameTebFlags |= kTebHasFiberData;
    return fiber;
}

}  // namespace

extern "C" WINAPI __attribute__((noreturn)) void ExitThread(DWORD code);  // thread.cpp
extern "C" void vine_fiber_switch(void** save_stack, void* load_stack);
extern "C" void vine_fiber_entry();

// A new fiber's first code (from vine_fiber_entry). A start routine that
// returns ends the thread, as on Windows.
extern "C" [[noreturn]] __attribute__((visibility("hidden"))) void vine_fiber_run(Fiber* fiber) {
    fiber->start(fiber->data);
    ExitThread(0);
}

VINE_EXPORT LPVOID ConvertThreadToFiberEx(LPVOID parameter, DWORD flags) {
    if (flags & ~FIBER_FLAG_FLOAT_SWITCH) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    if (thread_is_fiber()) {
        set_error(ERROR_ALREADY_FIBER);
        return nullptr;
    }
    Fiber* fiber = make_thread_fiber(parameter);
    if (!fiber) set_error(ERROR_NOT_ENOUGH_MEMORY);
    return fiber;
}

VINE_EXPORT LPVOID ConvertThreadToFiber(LPVOID parameter) { return ConvertThreadToFiberEx(parameter, 0); }

VINE_EXPORT BOOL ConvertFiberToThread() {
    TEB* teb = current_teb();
    if (!thread_is_fiber()) {
        set_error(ERROR_ALREADY_THREAD);
        return FALSE;
    }
    delete current_fiber();
    teb->Tib.FiberData = nullptr;
    teb->SameTebFlags &= ~kTebHasFiberData;
    return TRUE;
}

VINE_EXPORT BOOL IsThreadAFiber() { return thread_is_fiber(); }

// The stack is reserved and committed as a thread's (loader/thread_stack.cpp:
// committed at the top, growing through the guard below).
VINE_EXPORT LPVOID CreateFiberEx(SIZE_T commit_size, SIZE_T reserve_size, DWORD flags, FiberStart start,
                                 LPVOID parameter) {
    if ((flags & ~FIBER_FLAG_FLOAT_SWITCH) || !start) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    size_t commit = 0;
    size_t reserve = stack_reservation(reserve_size, commit_size, commit);
    auto* fiber = new (std::nothrow) Fiber{};
    auto* stack = static_cast<uint8_t*>(VirtualAlloc(nullptr, reserve, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
    if (!fiber || !stack) {
        delete fiber;
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    fiber->data = parameter;
    fiber->start = start;
    fiber->deallocation_stack = stack;
    fiber->stack_base = stack + reserve;
    fiber->stack_limit = vine::loader::commit_thread_stack(stack, reserve, commit);
    // 16 bytes stay free above the entry's return slot, so vine_fiber_entry
    // starts with the stack aligned to 16.
    auto* frame = reinterpret_cast<InitialFrame*>(stack + reserve - 16 - sizeof(InitialFrame));
    *frame = InitialFrame{};
    frame->fpu_control = kInitialFpuControl;
    frame->mxcsr = kInitialMxcsr;
    frame->rbx = reinterpret_cast<uint64_t>(fiber);
    frame->return_address = reinterpret_cast<void*>(vine_fiber_entry);
    fiber->saved_stack = frame;
    return fiber;
}

VINE_EXPORT LPVOID CreateFiber(SIZE_T stack_size, FiberStart start, LPVOID parameter) {
    return CreateFiberEx(stack_size, 0, 0, start, parameter);
}

// Windows requires the caller to be a fiber and does not check the target:
// switching to a fiber that is running elsewhere is the program's error.
VINE_EXPORT void SwitchToFiber(LPVOID target_pointer) {
    TEB* teb = current_teb();
    auto* target = static_cast<Fiber*>(target_pointer);
    Fiber* self = current_fiber();
    if (!self || target == self) return;
    save_fiber_state(teb, self);
    load_fiber_state(teb, target);
    vine_fiber_switch(&self->saved_stack, target->saved_stack);
}

// Deleting the running fiber ends the thread (Windows calls ExitThread);
// another fiber's fiber-local values are handed to their callbacks and its
// stack is freed.
VINE_EXPORT void DeleteFiber(LPVOID fiber_pointer) {
    auto* fiber = static_cast<Fiber*>(fiber_pointer);
    if (!fiber) return;
    if (fiber == current_fiber()) ExitThread(1);
    TEB* teb = current_teb();
    void* own_fls = teb->FlsData;
    teb->FlsData = fiber->fls_data;
    fls::thread_exit();  // the callbacks of the TEB's current block: the fiber's here
    teb->FlsData = own_fls;
    if (fiber->deallocation_stack) VirtualFree(fiber->deallocation_stack, 0, MEM_RELEASE);
    delete fiber;
}
