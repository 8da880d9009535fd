// The part of MSVC's C++ exception handling that does not depend on how a
// function's tables are encoded: matching a handler against the thrown
// object's catchable types, building the catch parameter, and running a
// catch (the unwind with a STATUS_UNWIND_CONSOLIDATE record and the
// callback ntdll calls at its end). __CxxFrameHandler3 (frame_handler3.cpp)
// and __CxxFrameHandler4 (frame_handler4.cpp) decode their tables and call
// these. See cxx_eh.h for how a catch runs.
#include <cstring>

#include "cxx/cxx_eh.h"

extern "C" {
__attribute__((ms_abi)) void RtlUnwindEx(void* frame, void* target_ip, EXCEPTION_RECORD* record, void* value,
                                         CONTEXT* context, UNWIND_HISTORY_TABLE* history);
}

namespace vine::cxx {
namespace {

using namespace msvc_eh;

// ExceptionInformation of the STATUS_UNWIND_CONSOLIDATE record.
enum ConsolidateSlot {
    kCallback,   // catch_callback
    kTarget,     // the CatchTarget (in the frame handler's frame, alive while the unwind runs)
    kException,  // the EXCEPTION_RECORD being caught
    kContext,    // its CONTEXT
    kSlotCount
};

using Funclet = ULONG64(__attribute__((ms_abi))*)(ULONG64, ULONG64);

// Where a base class (or the object) of the thrown object is.
ULONG_PTR adjust_pointer(ULONG_PTR object, const PMD& pmd) {
    ULONG_PTR result = object + pmd.mdisp;
    if (pmd.pdisp >= 0) {
        const auto* vbtable = *reinterpret_cast<const uint8_t* const*>(object + pmd.pdisp);
        result += pmd.pdisp + *reinterpret_cast<const int32_t*>(vbtable + pmd.vdisp);
    }
    return result;
}

bool type_matches(uint32_t adjectives, const TypeDescriptor* handler_type, const CatchableType& catchable,
                  const TypeDescriptor* thrown_type, uint32_t attributes) {
    if (handler_type != thrown_type && strcmp(handler_type->name, thrown_type->name) != 0) return false;
    if ((catchable.properties & CT_ByReferenceOnly) && !(adjectives & HT_IsReference)) return false;
    if ((attributes & TI_IsConst) && !(adjectives & HT_IsConst)) return false;
    if ((attributes & TI_IsVolatile) && !(adjectives & HT_IsVolatile)) return false;
    if ((attributes & TI_IsUnaligned) && !(adjectives & HT_IsUnaligned)) return false;
    return true;
}

ULONG64 throw_base(const EXCEPTION_RECORD& record) {
    return record.NumberParameters >= 4 ? record.ExceptionInformation[3] : 0;
}

// Called by ntdll once the stack is unwound to the catching frame: runs
// the catch funclet and returns where the function continues.
__attribute__((ms_abi)) ULONG64 catch_callback(EXCEPTION_RECORD* consolidate) {
    const ULONG_PTR* slot = consolidate->ExceptionInformation;
    const auto& target = *reinterpret_cast<const CatchTarget*>(slot[kTarget]);
    const auto* exception = reinterpret_cast<const EXCEPTION_RECORD*>(slot[kException]);
    const auto* context = reinterpret_cast<const CONTEXT*>(slot[kContext]);

    volatile char here = 0;  // this frame's place on the stack
    auto callback_frame = reinterpret_cast<uintptr_t>(&here);
    reap_left_catches(target.target_frame, *exception);
    CatchEntry* entry = push_catch(*exception, context, callback_frame, target.unwind_help, target.parent_frame,
                                   target.state_outside);
    if (target.unwind_help) *target.unwind_help = target.state_outside;
    ULONG64 result = reinterpret_cast<Funclet>(target.handler)(target.handler, target.parent_frame);
    ULONG64 continuation = result;
    // With continuation addresses in the tables the funclet returns an index.
    if (target.continuation_count && result < target.continuation_count) continuation = target.continuation[result];
    pop_catch(entry);  // puts the UnwindHelp back
    return continuation;
}

}  // namespace

const CatchableType* find_catchable(const EXCEPTION_RECORD& record, uint32_t adjectives,
                                    const TypeDescriptor* handler_type, bool& any) {
    any = (adjectives & HT_IsStdDotDot) || !handler_type || !handler_type->name[0];
    if (!is_cxx_exception(record) || any) return nullptr;
    const auto* info = reinterpret_cast<const ThrowInfo*>(record.ExceptionInformation[2]);
    ULONG64 base = throw_base(record);
    const auto* array = rva<CatchableTypeArray>(base, info->catchable_types);
    for (int32_t i = 0; i < array->count; ++i) {
        const auto* catchable = rva<CatchableType>(base, array->types[i]);
        if (type_matches(adjectives, handler_type, *catchable, rva<TypeDescriptor>(base, catchable->type),
                         info->attributes))
            return catchable;
    }
    return nullptr;
}

void build_catch_object(const EXCEPTION_RECORD& record, uint32_t adjectives, void* destination,
                        const CatchableType& catchable) {
    ULONG_PTR object = record.ExceptionInformation[1];
    if (adjectives & HT_IsReference) {
        *static_cast<ULONG_PTR*>(destination) = adjust_pointer(object, catchable.this_displacement);
    } else if (catchable.properties & CT_IsSimpleType) {
        memmove(destination, reinterpret_cast<void*>(object), static_cast<size_t>(catchable.size));
        // A pointer is converted to the pointer to the base caught.
        if (catchable.size == sizeof(void*)) {
            auto& pointer = *static_cast<ULONG_PTR*>(destination);
            if (pointer) pointer = adjust_pointer(pointer, catchable.this_displacement);
        }
    } else {
        ULONG_PTR source = adjust_pointer(object, catchable.this_displacement);
        if (catchable.copy_function) {
            ULONG64 copy = throw_base(record) + static_cast<uint32_t>(catchable.copy_function);
            if (catchable.properties & CT_HasVirtualBase)
                reinterpret_cast<void(__attribute__((ms_abi))*)(void*, ULONG_PTR, int)>(copy)(destination, source, 1);
            else
                reinterpret_cast<void(__attribute__((ms_abi))*)(void*, ULONG_PTR)>(copy)(destination, source);
        } else {
            memmove(destination, reinterpret_cast<void*>(source), static_cast<size_t>(catchable.size));
        }
    }
}

void unwind_to_catch(EXCEPTION_RECORD* record, CONTEXT* context, DISPATCHER_CONTEXT* dispatch,
                     const CatchTarget& target) {
    EXCEPTION_RECORD consolidate{};
    consolidate.ExceptionCode = STATUS_UNWIND_CONSOLIDATE;
    consolidate.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
    consolidate.NumberParameters = kSlotCount;
    ULONG_PTR* slot = consolidate.ExceptionInformation;
    slot[kCallback] = reinterpret_cast<ULONG_PTR>(&catch_callback);
    slot[kTarget] = reinterpret_cast<ULONG_PTR>(&target);
    slot[kException] = reinterpret_cast<ULONG_PTR>(record);
    slot[kContext] = reinterpret_cast<ULONG_PTR>(context);
    CONTEXT scratch;
    RtlUnwindEx(reinterpret_cast<void*>(target.target_frame), reinterpret_cast<void*>(dispatch->ControlPc),
                &consolidate, nullptr, &scratch, dispatch->HistoryTable);
    __builtin_unreachable();
}

const CatchTarget* catch_target_of(const EXCEPTION_RECORD& record) {
    if (record.ExceptionCode != STATUS_UNWIND_CONSOLIDATE || record.NumberParameters != kSlotCount ||
        record.ExceptionInformation[kCallback] != reinterpret_cast<ULONG_PTR>(&catch_callback))
        return nullptr;
    return reinterpret_cast<const CatchTarget*>(record.ExceptionInformation[kTarget]);
}

}  // namespace vine::cxx
