// Stack walks a program asks for: RtlWalkFrameChain and
// RtlCaptureStackBackTrace give the return addresses of the calling
// thread's frames, found by the dispatcher's own unwinder (unwind.cpp:
// .pdata, dynamic function tables for JIT code, DWARF CFI for builtins);
// RtlPcToFileHeader names the module of one (MSVC's C++ runtime finds its
// throw information's image this way).
#include <dlfcn.h>

#include "ntdll_private.h"
#include "seh.h"
#include "vine/loader.h"

extern "C" __attribute__((ms_abi)) void RtlCaptureContext(CONTEXT* context);

namespace {

// True for code of the vine executable: the relay thunks of +relay and the
// start of threads, which Windows would not show in a trace.
bool in_vine_executable(ULONG64 pc) {
    static void* const vine_base = [] {
        Dl_info info{};
        return dladdr(reinterpret_cast<void*>(&vine::loader::module_from_address), &info) ? info.dli_fbase : nullptr;
    }();
    Dl_info info{};
    return vine_base && dladdr(reinterpret_cast<void*>(pc), &info) && info.dli_fbase == vine_base;
}

// Fills `buffer` with up to `count` return addresses of the frames above
// the caller of the export that called this, after skipping `skip` of them.
[[gnu::noinline]] ULONG walk_frames(void** buffer, ULONG skip, ULONG count) {
    CONTEXT context;
    RtlCaptureContext(&context);
    auto stack_base = reinterpret_cast<ULONG64>(current_teb()->Tib.StackBase);
    // The first step leaves this function, the second the export.
    skip += 1;
    ULONG found = 0;
    bool at_fault = false;
    for (unsigned depth = 0; found < count && depth < 100000; ++depth) {
        FrameInfo info;
        const HandlerCall* call = nullptr;
        Step step = unwind_step(UNW_FLAG_NHANDLER, context, info, call, at_fault);
        if (step == Step::End) break;
        if (step == Step::Handler) {
            // Inside a handler the dispatcher called: on to the frames the
            // exception (or unwind) came from.
            context = *call->resume;
        }
        if (!context.Rip || context.Rsp >= stack_base) break;
        if (in_vine_executable(context.Rip)) continue;
        if (skip) {
            --skip;
            continue;
        }
        buffer[found++] = reinterpret_cast<void*>(context.Rip);
    }
    return found;
}

}  // namespace

// The high byte of `flags` is a count of frames to skip, as in Windows.
VINE_EXPORT ULONG RtlWalkFrameChain(void** callers, ULONG count, ULONG flags) {
    if (!callers || !count) return 0;
    ULONG found = walk_frames(callers, flags >> 8, count);
    __asm__ volatile("" ::: "memory");  // no tail call: this frame is one the walk skips
    return found;
}

// The hash is the sum of the addresses, so equal traces hash equal.
VINE_EXPORT USHORT RtlCaptureStackBackTrace(ULONG skip, ULONG count, void** trace, ULONG* hash) {
    if (!trace) count = 0;
    ULONG found = count ? walk_frames(trace, skip, count) : 0;
    if (hash) {
        ULONG sum = 0;
        for (ULONG i = 0; i < found; ++i) sum += static_cast<ULONG>(reinterpret_cast<ULONG_PTR>(trace[i]));
        *hash = sum;
    }
    return static_cast<USHORT>(found);
}

// The base of the module (native or builtin) containing `pc`, or null.
VINE_EXPORT void* RtlPcToFileHeader(void* pc, void** base) {
    void* module = vine::loader::module_from_address(pc);
    *base = module;
    return module;
}
