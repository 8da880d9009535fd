// The x64 CONTEXT, at the layout Windows code reads and writes
// (GetThreadContext/SetThreadContext, and later exception dispatch). The
// structured-exception types join it here when SEH lands; the definitions
// below are meant to stay textually identical to that branch's.
#pragma once

#include <cstddef>

#include "vine/wintypes.h"

struct alignas(16) M128A {
    ULONGLONG Low;
    LONGLONG High;
};
static_assert(sizeof(M128A) == 16);

// The FXSAVE layout.
struct alignas(16) XMM_SAVE_AREA32 {
    WORD ControlWord;
    WORD StatusWord;
    BYTE TagWord;
    BYTE Reserved1;
    WORD ErrorOpcode;
    DWORD ErrorOffset;
    WORD ErrorSelector;
    WORD Reserved2;
    DWORD DataOffset;
    WORD DataSelector;
    WORD Reserved3;
    DWORD MxCsr;
    DWORD MxCsr_Mask;
    M128A FloatRegisters[8];
    M128A XmmRegisters[16];
    BYTE Reserved4[96];
};
static_assert(sizeof(XMM_SAVE_AREA32) == 512);

constexpr DWORD CONTEXT_AMD64 = 0x100000;
constexpr DWORD CONTEXT_CONTROL = CONTEXT_AMD64 | 0x1;
constexpr DWORD CONTEXT_INTEGER = CONTEXT_AMD64 | 0x2;
constexpr DWORD CONTEXT_SEGMENTS = CONTEXT_AMD64 | 0x4;
constexpr DWORD CONTEXT_FLOATING_POINT = CONTEXT_AMD64 | 0x8;
constexpr DWORD CONTEXT_DEBUG_REGISTERS = CONTEXT_AMD64 | 0x10;
constexpr DWORD CONTEXT_FULL = CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_FLOATING_POINT;
constexpr DWORD CONTEXT_ALL = CONTEXT_FULL | CONTEXT_SEGMENTS | CONTEXT_DEBUG_REGISTERS;

struct alignas(16) CONTEXT {
    DWORD64 P1Home, P2Home, P3Home, P4Home, P5Home, P6Home;
    DWORD ContextFlags;
    DWORD MxCsr;
    WORD SegCs, SegDs, SegEs, SegFs, SegGs, SegSs;
    DWORD EFlags;
    DWORD64 Dr0, Dr1, Dr2, Dr3, Dr6, Dr7;
    // In the order of the unwind codes' register numbers (0 = rax ... 15 = r15).
    DWORD64 Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi, R8, R9, R10, R11, R12, R13, R14, R15;
    DWORD64 Rip;
    union {
        XMM_SAVE_AREA32 FltSave;
        struct {
            M128A Header[2];
            M128A Legacy[8];
            M128A Xmm[16];
        };
    };
    M128A VectorRegister[26];
    DWORD64 VectorControl;
    DWORD64 DebugControl, LastBranchToRip, LastBranchFromRip, LastExceptionToRip, LastExceptionFromRip;

    // Integer register `number` as the unwind codes number them.
    DWORD64& reg(unsigned number) { return (&Rax)[number]; }
};
static_assert(sizeof(CONTEXT) == 1232);
static_assert(alignof(CONTEXT) == 16);
static_assert(offsetof(CONTEXT, ContextFlags) == 0x30);
static_assert(offsetof(CONTEXT, MxCsr) == 0x34);
static_assert(offsetof(CONTEXT, SegCs) == 0x38);
static_assert(offsetof(CONTEXT, SegSs) == 0x42);
static_assert(offsetof(CONTEXT, EFlags) == 0x44);
static_assert(offsetof(CONTEXT, Rax) == 0x78);
static_assert(offsetof(CONTEXT, Rsp) == 0x98);
static_assert(offsetof(CONTEXT, R15) == 0xf0);
static_assert(offsetof(CONTEXT, Rip) == 0xf8);
static_assert(offsetof(CONTEXT, FltSave) == 0x100);
static_assert(offsetof(CONTEXT, Xmm) == 0x1a0);
static_assert(offsetof(CONTEXT, VectorRegister) == 0x300);
static_assert(offsetof(CONTEXT, LastExceptionFromRip) == 0x4c8);
