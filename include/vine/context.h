// The x64 structures of structured exception handling, at the layout Windows
// code reads and writes: CONTEXT, EXCEPTION_RECORD, DISPATCHER_CONTEXT, the
// unwind data of .pdata/.xdata (from the public "x64 exception handling"
// documentation), and the status codes and flags the dispatcher uses.
#pragma once

#include <cstddef>

#include "vine/pe_format.h"
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

constexpr DWORD EXCEPTION_MAXIMUM_PARAMETERS = 15;

struct EXCEPTION_RECORD {
    DWORD ExceptionCode;
    DWORD ExceptionFlags;
    EXCEPTION_RECORD* ExceptionRecord;
    PVOID ExceptionAddress;
    DWORD NumberParameters;
    ULONG_PTR ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
};
static_assert(sizeof(EXCEPTION_RECORD) == 152);
static_assert(offsetof(EXCEPTION_RECORD, ExceptionInformation) == 0x20);

struct EXCEPTION_POINTERS {
    EXCEPTION_RECORD* ExceptionRecord;
    CONTEXT* ContextRecord;
};

// ExceptionFlags
constexpr DWORD EXCEPTION_NONCONTINUABLE = 0x01;
constexpr DWORD EXCEPTION_UNWINDING = 0x02;
constexpr DWORD EXCEPTION_EXIT_UNWIND = 0x04;
constexpr DWORD EXCEPTION_STACK_INVALID = 0x08;
constexpr DWORD EXCEPTION_NESTED_CALL = 0x10;
constexpr DWORD EXCEPTION_TARGET_UNWIND = 0x20;
constexpr DWORD EXCEPTION_COLLIDED_UNWIND = 0x40;
constexpr DWORD EXCEPTION_UNWIND = EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND;

// What a frame-based (language) handler returns.
enum EXCEPTION_DISPOSITION : LONG {
    ExceptionContinueExecution = 0,
    ExceptionContinueSearch = 1,
    ExceptionNestedException = 2,
    ExceptionCollidedUnwind = 3,
};

// What filters and vectored handlers return.
constexpr LONG EXCEPTION_EXECUTE_HANDLER = 1;
constexpr LONG EXCEPTION_CONTINUE_SEARCH = 0;
constexpr LONG EXCEPTION_CONTINUE_EXECUTION = -1;

// Exception codes.
constexpr DWORD STATUS_SEGMENT_NOTIFICATION = 0x40000005;
constexpr DWORD STATUS_DATATYPE_MISALIGNMENT = 0x80000002;
constexpr DWORD STATUS_BREAKPOINT = 0x80000003;
constexpr DWORD STATUS_SINGLE_STEP = 0x80000004;
constexpr DWORD STATUS_LONGJUMP = 0x80000026;
constexpr DWORD STATUS_UNWIND_CONSOLIDATE = 0x80000029;
constexpr DWORD STATUS_ACCESS_VIOLATION = 0xc0000005;
constexpr DWORD STATUS_IN_PAGE_ERROR = 0xc0000006;
constexpr DWORD STATUS_ILLEGAL_INSTRUCTION = 0xc000001d;
constexpr DWORD STATUS_NONCONTINUABLE_EXCEPTION = 0xc0000025;
constexpr DWORD STATUS_INVALID_DISPOSITION = 0xc0000026;
constexpr DWORD STATUS_UNWIND = 0xc0000027;
constexpr DWORD STATUS_BAD_STACK = 0xc0000028;
constexpr DWORD STATUS_INVALID_UNWIND_TARGET = 0xc0000029;
constexpr DWORD STATUS_ARRAY_BOUNDS_EXCEEDED = 0xc000008c;
constexpr DWORD STATUS_FLOAT_DENORMAL_OPERAND = 0xc000008d;
constexpr DWORD STATUS_FLOAT_DIVIDE_BY_ZERO = 0xc000008e;
constexpr DWORD STATUS_FLOAT_INEXACT_RESULT = 0xc000008f;
constexpr DWORD STATUS_FLOAT_INVALID_OPERATION = 0xc0000090;
constexpr DWORD STATUS_FLOAT_OVERFLOW = 0xc0000091;
constexpr DWORD STATUS_FLOAT_STACK_CHECK = 0xc0000092;
constexpr DWORD STATUS_FLOAT_UNDERFLOW = 0xc0000093;
constexpr DWORD STATUS_INTEGER_DIVIDE_BY_ZERO = 0xc0000094;
constexpr DWORD STATUS_INTEGER_OVERFLOW = 0xc0000095;
constexpr DWORD STATUS_PRIVILEGED_INSTRUCTION = 0xc0000096;
constexpr DWORD STATUS_STACK_OVERFLOW = 0xc00000fd;
// OutputDebugStringA/W's exceptions, which a debugger (or a vectored
// handler) takes before the string goes anywhere else.
constexpr DWORD DBG_PRINTEXCEPTION_C = 0x40010006;
constexpr DWORD DBG_PRINTEXCEPTION_WIDE_C = 0x4001000a;

// The frame-based handler a function's unwind info names.
using PEXCEPTION_ROUTINE = EXCEPTION_DISPOSITION(WINAPI*)(EXCEPTION_RECORD* record, void* establisher_frame,
                                                          CONTEXT* context, void* dispatcher_context);
using PVECTORED_EXCEPTION_HANDLER = LONG(WINAPI*)(EXCEPTION_POINTERS* pointers);
using PTOP_LEVEL_EXCEPTION_FILTER = LONG(WINAPI*)(EXCEPTION_POINTERS* pointers);

using RUNTIME_FUNCTION = IMAGE_RUNTIME_FUNCTION_ENTRY;
// RtlInstallFunctionTableCallback's callback: the entry covering a pc.
using PGET_RUNTIME_FUNCTION_CALLBACK = RUNTIME_FUNCTION*(WINAPI*)(DWORD64 control_pc, void* context);

constexpr int UNWIND_HISTORY_TABLE_SIZE = 12;
struct UNWIND_HISTORY_TABLE {
    DWORD Count;
    BYTE LocalHint, GlobalHint, Search, Once;
    DWORD64 LowAddress, HighAddress;
    struct {
        DWORD64 ImageBase;
        RUNTIME_FUNCTION* FunctionEntry;
    } Entry[UNWIND_HISTORY_TABLE_SIZE];
};
static_assert(sizeof(UNWIND_HISTORY_TABLE) == 216);

// What a language handler receives as its fourth argument.
struct DISPATCHER_CONTEXT {
    DWORD64 ControlPc;
    DWORD64 ImageBase;
    RUNTIME_FUNCTION* FunctionEntry;
    DWORD64 EstablisherFrame;
    DWORD64 TargetIp;
    CONTEXT* ContextRecord;
    PEXCEPTION_ROUTINE LanguageHandler;
    PVOID HandlerData;
    UNWIND_HISTORY_TABLE* HistoryTable;
    DWORD ScopeIndex;
    DWORD Fill0;
};
static_assert(sizeof(DISPATCHER_CONTEXT) == 0x50);
static_assert(offsetof(DISPATCHER_CONTEXT, ContextRecord) == 0x28);
static_assert(offsetof(DISPATCHER_CONTEXT, ScopeIndex) == 0x48);

// Where RtlVirtualUnwind found each nonvolatile register saved.
struct KNONVOLATILE_CONTEXT_POINTERS {
    M128A* FloatingContext[16];
    DWORD64* IntegerContext[16];
};
static_assert(sizeof(KNONVOLATILE_CONTEXT_POINTERS) == 0x100);

// RtlVirtualUnwind's HandlerType and UNWIND_INFO's flags.
constexpr DWORD UNW_FLAG_NHANDLER = 0;
constexpr DWORD UNW_FLAG_EHANDLER = 1;
constexpr DWORD UNW_FLAG_UHANDLER = 2;
constexpr DWORD UNW_FLAG_CHAININFO = 4;

// UNWIND_CODE operations.
enum : BYTE {
    UWOP_PUSH_NONVOL = 0,
    UWOP_ALLOC_LARGE = 1,
    UWOP_ALLOC_SMALL = 2,
    UWOP_SET_FPREG = 3,
    UWOP_SAVE_NONVOL = 4,
    UWOP_SAVE_NONVOL_FAR = 5,
    UWOP_EPILOG = 6,  // version 2; UWOP_SAVE_XMM in version 1
    UWOP_SPARE_CODE = 7,  // UWOP_SAVE_XMM_FAR in version 1
    UWOP_SAVE_XMM128 = 8,
    UWOP_SAVE_XMM128_FAR = 9,
    UWOP_PUSH_MACHFRAME = 10,
};

union UNWIND_CODE {
    struct {
        BYTE CodeOffset;
        BYTE UnwindOp : 4;
        BYTE OpInfo : 4;
    };
    USHORT FrameOffset;
};
static_assert(sizeof(UNWIND_CODE) == 2);

struct UNWIND_INFO {
    BYTE Version : 3;
    BYTE Flags : 5;
    BYTE SizeOfProlog;
    BYTE CountOfCodes;
    BYTE FrameRegister : 4;
    BYTE FrameOffset : 4;
    UNWIND_CODE UnwindCode[1];  // CountOfCodes, rounded up to even; then the handler or chained entry
};

// __C_specific_handler's language-specific data.
struct SCOPE_TABLE {
    DWORD Count;
    struct {
        DWORD BeginAddress;
        DWORD EndAddress;
        DWORD HandlerAddress;
        DWORD JumpTarget;
    } ScopeRecord[1];
};
