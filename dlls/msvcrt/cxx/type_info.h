// MSVC type_info data and what is computed from it (type_info.cpp).
#pragma once

#include <cstddef>
#include <string>

namespace vine::cxx {

// __std_type_info_data: the part of a type_info after its vtable.
struct TypeInfoData {
    const char* undecorated;  // made on the first name() and kept
    char decorated[1];
};

std::string undecorate_type_name(const char* decorated);
const char* type_info_name(TypeInfoData* data);
int type_info_compare(const TypeInfoData* a, const TypeInfoData* b);
size_t type_info_hash(const TypeInfoData* data);

}  // namespace vine::cxx
