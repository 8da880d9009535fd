// The x64 data structures of Microsoft's C++ exception handling, as MSVC
// and clang (x86_64-pc-windows-msvc) emit them: the throw information that
// _CxxThrowException receives, the run-time type information, and the
// __CxxFrameHandler3 function information (FuncInfo). Every "rva" field is
// relative to the image base of the module holding the structure; "disp"
// fields of FuncInfo entries that address the stack are offsets from a
// function's establisher frame.
#pragma once

#include <cstddef>
#include <cstdint>

#include "vine/context.h"

namespace vine::msvc_eh {

// The exception code of a C++ throw ('msc' | 0xE0000000) and the magic of
// its ExceptionInformation[0]. ExceptionInformation[1] is the object, [2]
// the ThrowInfo and [3] the image base the ThrowInfo's RVAs are relative to.
constexpr DWORD kCxxExceptionCode = 0xe06d7363;
constexpr ULONG_PTR kCxxMagic = 0x19930520;
constexpr DWORD kCxxParameters = 4;

// FuncInfo magic numbers: 0x19930521 adds dispESTypeList, 0x19930522 EHFlags.
constexpr uint32_t kFuncInfoMagic1 = 0x19930520;
constexpr uint32_t kFuncInfoMagic2 = 0x19930521;
constexpr uint32_t kFuncInfoMagic3 = 0x19930522;
constexpr int32_t kEHFlagSynchronous = 1;  // /EHs: catch(...) takes only C++ exceptions
constexpr int32_t kEHFlagNoexcept = 4;     // a noexcept function: an escaping exception terminates

// The MSVC type_info object: a vtable, the undecorated name cache, and the
// decorated name (".H" for int, ".?AVBase@@" for class Base).
struct TypeDescriptor {
    const void* vftable;
    void* spare;  // the undecorated name, made on first type_info::name()
    char name[1];
};

// Where a base class is inside an object of the derived class.
struct PMD {
    int32_t mdisp;  // member displacement
    int32_t pdisp;  // vbtable displacement, -1 without a virtual base
    int32_t vdisp;  // displacement inside the vbtable
};
static_assert(sizeof(PMD) == 12);

// CatchableType properties.
constexpr uint32_t CT_IsSimpleType = 1;
constexpr uint32_t CT_ByReferenceOnly = 2;
constexpr uint32_t CT_HasVirtualBase = 4;
constexpr uint32_t CT_IsWinRTHandle = 8;
constexpr uint32_t CT_IsStdBadAlloc = 16;

// One type an exception object can be caught as (its own, a base, void*).
struct CatchableType {
    uint32_t properties;
    int32_t type;            // rva of TypeDescriptor
    PMD this_displacement;
    int32_t size;
    int32_t copy_function;   // rva of the copy constructor, 0 if trivially copyable
};
static_assert(sizeof(CatchableType) == 28);

struct CatchableTypeArray {
    int32_t count;
    int32_t types[1];  // rvas of CatchableType
};

// ThrowInfo attributes.
constexpr uint32_t TI_IsConst = 1;
constexpr uint32_t TI_IsVolatile = 2;
constexpr uint32_t TI_IsUnaligned = 4;
constexpr uint32_t TI_IsPure = 8;
constexpr uint32_t TI_IsWinRT = 16;

struct ThrowInfo {
    uint32_t attributes;
    int32_t destructor;        // rva of the object's destructor, 0 if none
    int32_t forward_compat;    // rva of a handler replacing the frame handler's search (unused by compilers)
    int32_t catchable_types;   // rva of CatchableTypeArray
};
static_assert(sizeof(ThrowInfo) == 16);

// ---- __CxxFrameHandler3's FuncInfo -------------------------------------------

struct UnwindMapEntry {
    int32_t to_state;  // the state after this one's action
    int32_t action;    // rva of the cleanup funclet, 0 if none
};

// HandlerType adjectives.
constexpr uint32_t HT_IsConst = 1;
constexpr uint32_t HT_IsVolatile = 2;
constexpr uint32_t HT_IsUnaligned = 4;
constexpr uint32_t HT_IsReference = 8;
constexpr uint32_t HT_IsResumable = 0x10;
constexpr uint32_t HT_IsStdDotDot = 0x40;
constexpr uint32_t HT_IsBadAllocCompat = 0x80;
constexpr uint32_t HT_IsComplusEh = 0x80000000;

struct HandlerType {
    uint32_t adjectives;
    int32_t type;         // rva of TypeDescriptor, 0 for catch(...)
    int32_t catch_object; // frame offset of the catch parameter, 0 if none
    int32_t handler;      // rva of the catch funclet
    int32_t frame;        // offset in the funclet's frame where it saves the parent's frame
};
static_assert(sizeof(HandlerType) == 20);

struct TryBlockMapEntry {
    int32_t try_low, try_high, catch_high;
    int32_t catch_count;
    int32_t handlers;  // rva of HandlerType[catch_count]
};
static_assert(sizeof(TryBlockMapEntry) == 20);

struct IpToStateMapEntry {
    int32_t ip;  // rva
    int32_t state;
};

struct FuncInfo {
    uint32_t magic_and_bbt;  // magic in bits 0-28
    int32_t max_state;
    int32_t unwind_map;      // rva of UnwindMapEntry[max_state]
    uint32_t try_block_count;
    int32_t try_block_map;   // rva of TryBlockMapEntry[try_block_count]
    uint32_t ip_map_count;
    int32_t ip_map;          // rva of IpToStateMapEntry[ip_map_count]
    int32_t unwind_help;     // frame offset of the 8-byte slot the prologue sets to -2
    int32_t es_type_list;    // magic 2 and later
    int32_t eh_flags;        // magic 3 and later
    uint32_t magic() const { return magic_and_bbt & 0x1fffffff; }
};
static_assert(sizeof(FuncInfo) == 40);

// The state of no try block and no object to destroy.
constexpr int32_t kEmptyState = -1;

// ---- __CxxFrameHandler4's compressed FuncInfo4 (MSVC 2019's /d2FH4) ------------
//
// The handler data is an rva of a FuncInfo4, a byte stream: counts, states
// and frame offsets are compressed unsigned integers (1-5 bytes; the low
// bits of the first byte give the length: xxx0 one byte, value >> 1; xx01
// two, little-endian value >> 2; x011 three, >> 3; 0111 four, >> 4; 1111
// five, the value in the next four bytes); rvas are 4 plain bytes.
// States are stored plus one (-1 is 0). The structures, in stream order:
//   FuncInfo4:  header byte (kFH4*); bbtFlags if BBT; rva of the unwind map
//               if UnwindMap; rva of the try-block map if TryBlockMap; rva
//               of the ip-to-state map (of a segment map if Separated:
//               count, then (segment start rva, map rva) pairs); the
//               frame offset where a catch funclet keeps its parent's frame
//               if IsCatch. A catch funclet has its own FuncInfo4.
//   ip-to-state map: count, then (ip delta, state + 1) pairs; the ips are
//               relative to the function's (segment's) start, each from the
//               previous one.
//   unwind map: count, then one entry per state: (back offset << 2 | type),
//               then for DtorWithObj/DtorWithPtrToObj the destructor's rva
//               and the object's frame offset, for Funclet the funclet's
//               rva. The back offset is the distance in bytes from this
//               entry's start to the entry of the state it goes to; one
//               pointing before the first entry is state -1.
//   try-block map: count, then (try low, try high, catch high, rva of its
//               handler map).
//   handler map: count, then per handler a header byte (kFH4Handler*),
//               adjectives, rva of the type, catch object frame offset
//               (each when its header bit is set), rva of the catch
//               funclet, and 0-2 continuation addresses (rvas if ContIsRva,
//               else compressed offsets from the function's start); with
//               continuation addresses the funclet returns an index of one.
constexpr uint8_t kFH4IsCatch = 0x01;
constexpr uint8_t kFH4IsSeparated = 0x02;
constexpr uint8_t kFH4BBT = 0x04;
constexpr uint8_t kFH4UnwindMap = 0x08;
constexpr uint8_t kFH4TryBlockMap = 0x10;
constexpr uint8_t kFH4EHs = 0x20;
constexpr uint8_t kFH4NoExcept = 0x40;

constexpr uint8_t kFH4HandlerAdjectives = 0x01;
constexpr uint8_t kFH4HandlerType = 0x02;
constexpr uint8_t kFH4HandlerCatchObject = 0x04;
constexpr uint8_t kFH4HandlerContIsRva = 0x08;
constexpr uint8_t kFH4HandlerContShift = 4;  // two bits: the number of continuation addresses
constexpr uint8_t kFH4HandlerContMask = 0x30;

enum class FH4UnwindType : uint8_t { None = 0, DtorWithObj = 1, DtorWithPtrToObj = 2, Funclet = 3 };

}  // namespace vine::msvc_eh
