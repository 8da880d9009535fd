# The validating PE32+ reader, shared by the loader, vinebuild's checks, the
# unit tests and the fuzzer. include()d by loader/CMakeLists.txt.
add_library(vine_pe STATIC ${CMAKE_CURRENT_LIST_DIR}/pe_image.cpp)
target_include_directories(vine_pe PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/loader)
set_target_properties(vine_pe PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_compile_features(vine_pe PUBLIC cxx_std_20)
