// typeid and dynamic_cast of MSVC-built code (__RTtypeid, __RTDynamicCast,
// __RTCastToVoid) from the RTTI the compiler puts before each vtable, and
// type_info's members as msvcrt.dll exports them.
//
// Windows throws std::bad_typeid / std::bad_cast where these fail on a
// null object or a reference cast; the runtime has no ThrowInfo for them
// yet, so those cases end the program through terminate() with a message.
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "cxx/cxx_eh.h"
#include "cxx/type_info.h"

#define CXX_EXPORT extern "C" __attribute__((ms_abi, visibility("default")))

namespace {

using namespace vine::msvc_eh;

struct CompleteObjectLocator {
    uint32_t signature;        // 1 on x64: the fields below are RVAs from the image
    int32_t offset;            // of this vtable's subobject in the complete object
    int32_t constructor_displacement_offset;
    int32_t type;              // rva of TypeDescriptor
    int32_t hierarchy;         // rva of ClassHierarchyDescriptor
    int32_t self;              // rva of this locator: gives the image base
};

struct ClassHierarchyDescriptor {
    uint32_t signature;
    uint32_t attributes;       // 1: multiple inheritance, 2: virtual inheritance
    uint32_t base_count;
    int32_t base_array;        // rva of int32_t[base_count], rvas of BaseClassDescriptor
};

constexpr uint32_t BCD_NotVisible = 1;
constexpr uint32_t BCD_Ambiguous = 2;

struct BaseClassDescriptor {
    int32_t type;              // rva of TypeDescriptor
    uint32_t contained_bases;
    PMD where;
    uint32_t attributes;
    int32_t hierarchy;
};

const CompleteObjectLocator* locator_of(const void* object) {
    const auto* vtable = *static_cast<const void* const* const*>(object);
    return static_cast<const CompleteObjectLocator*>(vtable[-1]);
}

ULONG64 image_of(const CompleteObjectLocator* locator) {
    return reinterpret_cast<ULONG64>(locator) - static_cast<uint32_t>(locator->self);
}

char* complete_object(void* object, const CompleteObjectLocator* locator) {
    char* p = static_cast<char*>(object) - locator->offset;
    if (locator->constructor_displacement_offset)
        p -= *reinterpret_cast<const int32_t*>(static_cast<char*>(object) - locator->constructor_displacement_offset);
    return p;
}

char* adjust(char* complete, const PMD& pmd) {
    char* p = complete + pmd.mdisp;
    if (pmd.pdisp >= 0) {
        const auto* vbtable = *reinterpret_cast<const char* const*>(complete + pmd.pdisp);
        p += pmd.pdisp + *reinterpret_cast<const int32_t*>(vbtable + pmd.vdisp);
    }
    return p;
}

bool same_type(const TypeDescriptor* a, const TypeDescriptor* b) { return a == b || strcmp(a->name, b->name) == 0; }

[[noreturn]] void fail(const char* what) {
    ssize_t ignored = write(2, what, strlen(what));
    (void)ignored;
    vine::cxx::terminate();
}

}  // namespace

CXX_EXPORT const TypeDescriptor* vine_RTtypeid(void* object) {
    if (!object) fail("vine: typeid of a null pointer (std::bad_typeid)\n");
    const auto* locator = locator_of(object);
    return vine::cxx::rva<TypeDescriptor>(image_of(locator), locator->type);
}

CXX_EXPORT void* vine_RTCastToVoid(void* object) {
    return object ? complete_object(object, locator_of(object)) : nullptr;
}

// dynamic_cast<target>(object), where object's static type is `source`.
CXX_EXPORT void* vine_RTDynamicCast(void* object, LONG vfdelta, const TypeDescriptor* /*source*/,
                                    const TypeDescriptor* target, BOOL is_reference) {
    if (!object) return nullptr;
    void* subobject = static_cast<char*>(object) + vfdelta;
    const auto* locator = locator_of(subobject);
    ULONG64 base = image_of(locator);
    char* complete = complete_object(subobject, locator);
    const auto* hierarchy = vine::cxx::rva<ClassHierarchyDescriptor>(base, locator->hierarchy);
    const auto* bases = vine::cxx::rva<int32_t>(base, hierarchy->base_array);
    // The first descriptor is the complete class itself, then its bases
    // in depth-first order.
    for (uint32_t i = 0; i < hierarchy->base_count; ++i) {
        const auto* descriptor = vine::cxx::rva<BaseClassDescriptor>(base, bases[i]);
        if (!same_type(vine::cxx::rva<TypeDescriptor>(base, descriptor->type), target)) continue;
        if (descriptor->attributes & (BCD_NotVisible | BCD_Ambiguous)) break;
        return adjust(complete, descriptor->where);
    }
    if (is_reference) fail("vine: dynamic_cast of a reference failed (std::bad_cast)\n");
    return nullptr;
}

// type_info members (msvcrt.dll's exports): `self` is the type_info, its
// vtable pointer followed by the data.
namespace {
vine::cxx::TypeInfoData* data_of(const void* self) {
    return reinterpret_cast<vine::cxx::TypeInfoData*>(const_cast<char*>(static_cast<const char*>(self)) + sizeof(void*));
}
}  // namespace

CXX_EXPORT const char* vine_type_info_name(const void* self) { return vine::cxx::type_info_name(data_of(self)); }
// ~type_info: the undecorated name name() made and kept is freed.
CXX_EXPORT void vine_type_info_destructor(void* self) {
    vine::cxx::TypeInfoData* data = data_of(self);
    free(const_cast<char*>(data->undecorated));
    data->undecorated = nullptr;
}
CXX_EXPORT const char* vine_type_info_raw_name(const void* self) { return data_of(self)->decorated; }
CXX_EXPORT int vine_type_info_equal(const void* self, const void* other) {
    return vine::cxx::type_info_compare(data_of(self), data_of(other)) == 0;
}
CXX_EXPORT int vine_type_info_not_equal(const void* self, const void* other) {
    return vine::cxx::type_info_compare(data_of(self), data_of(other)) != 0;
}
CXX_EXPORT int vine_type_info_before(const void* self, const void* other) {
    return strcmp(data_of(self)->decorated + 1, data_of(other)->decorated + 1) < 0;
}
