// longjmp as MSVC-built code expects it: a jump buffer whose Frame is set
// (the setjmp caller's establisher frame, which MSVC and clang pass to
// _setjmp) is reached by unwinding, so destructors and __finally blocks of
// the frames in between run; ntdll restores the buffer's registers
// (STATUS_LONGJUMP). _local_unwind unwinds to a frame of the caller's.
#include "cxx/cxx_eh.h"

extern "C" {
__attribute__((ms_abi)) void RtlUnwind(void* frame, void* target_ip, EXCEPTION_RECORD* record, void* value);
// setjmp.S: restores the registers of the buffer, without unwinding.
__attribute__((ms_abi)) void MSVCRT_longjmp(void* buffer, int value);
}

#define CXX_EXPORT extern "C" __attribute__((ms_abi, visibility("default")))

namespace {
// The start of the x64 _JUMP_BUFFER (see setjmp.S).
struct JumpBuffer {
    ULONG64 Frame, Rbx, Rsp, Rbp, Rsi, Rdi, R12, R13, R14, R15, Rip;
};
}  // namespace

CXX_EXPORT void vine_longjmp(JumpBuffer* buffer, int value) {
    if (!value) value = 1;
    if (buffer->Frame) {
        EXCEPTION_RECORD record{};
        record.ExceptionCode = STATUS_LONGJUMP;
        record.NumberParameters = 1;
        record.ExceptionInformation[0] = reinterpret_cast<ULONG_PTR>(buffer);
        RtlUnwind(reinterpret_cast<void*>(buffer->Frame), reinterpret_cast<void*>(buffer->Rip), &record,
                  reinterpret_cast<void*>(static_cast<ULONG_PTR>(value)));
    }
    MSVCRT_longjmp(buffer, value);
}

CXX_EXPORT void vine_local_unwind(void* frame, void* target) { RtlUnwind(frame, target, nullptr, nullptr); }
